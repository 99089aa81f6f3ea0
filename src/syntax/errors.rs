//! Error regions: the parts of a file no edit may touch.
//!
//! tree-sitter recovers from syntax errors with ERROR nodes and zero-width MISSING tokens. The tree
//! around them is a guess, so asyncfix widens each to the statement or member it sits in and keeps
//! every edit out of that region. The rest of the file is analysed and fixed as usual.

use std::ops::Range;

use super::Node;

/// The byte ranges of a file that contain a syntax error.
#[derive(Clone, Debug, Default)]
pub struct ErrorRegions {
    regions: Vec<Range<usize>>,
    /// Number of ERROR and MISSING nodes: the validator compares it before and after a fix.
    count: usize,
    first_error: Option<usize>,
}

impl ErrorRegions {
    /// One region over a whole text of `len` bytes: for a file the parser gave up on.
    pub fn whole(len: usize) -> Self {
        ErrorRegions { regions: std::iter::once(0..len).collect(), count: 1, first_error: Some(0) }
    }

    /// Finds the error regions of a parsed file.
    pub fn find(root: Node<'_>) -> Self {
        let mut out = ErrorRegions::default();
        if !root.raw().has_error() {
            return out;
        }
        let mut errors = Vec::new();
        // Descend only into subtrees that contain an error: cheap on a mostly valid file.
        let mut stack = vec![root.raw()];
        while let Some(node) = stack.pop() {
            if node.is_error() || node.is_missing() {
                errors.push(node);
                if node.is_missing() {
                    continue;
                }
            }
            let before = stack.len();
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                if child.has_error() || child.is_missing() {
                    stack.push(child);
                }
            }
            // A MISSING token the grammar hides (`await ;` holds an `identifier` whose MISSING
            // `_identifier_token` no cursor visits): the visible node that holds it is the error.
            if stack.len() == before && !node.is_error() && node.has_error() {
                errors.push(node);
            }
        }
        out.count = errors.len();
        // The note names the innermost error: a leaf, not an ERROR node spanning the whole file.
        out.first_error = errors
            .iter()
            .filter(|e| e.is_missing() || (0..e.child_count()).all(|i| e.child(i).is_none_or(|c| !c.has_error())))
            .map(|e| e.start_byte())
            .min();
        for raw in errors {
            let node = root.with_raw(raw);
            out.regions.push(region_around(node));
        }
        out.regions.sort_by_key(|r| (r.start, r.end));
        out
    }

    /// Whether the file has any syntax error.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// How many ERROR and MISSING nodes the file has.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Where the first ERROR or MISSING node starts, for the note that names the file.
    pub fn first_error(&self) -> Option<usize> {
        self.first_error
    }

    /// Whether `range` lies inside an error region.
    pub fn contains(&self, range: &Range<usize>) -> bool {
        self.regions.iter().any(|r| r.start <= range.start && range.end <= r.end)
    }

    /// Whether an edit of `range` would touch or sit inside an error region.
    pub fn touches(&self, range: &Range<usize>) -> bool {
        self.regions.iter().any(|r| range.start <= r.end && r.start <= range.end)
    }
}

/// The statement or member around an error node. Where the error sits directly in a type or
/// namespace body (a broken member), the region also covers its neighbours, which the parser may
/// have misread around it.
fn region_around(error: Node<'_>) -> Range<usize> {
    for ancestor in std::iter::once(error).chain(error.ancestors()) {
        let kind = ancestor.kind();
        if is_container(kind) {
            let mut range = error.range();
            if let Some(prev) = error.raw().prev_named_sibling() {
                range.start = prev.start_byte();
            }
            if let Some(next) = error.raw().next_named_sibling() {
                range.end = next.end_byte();
            }
            return range;
        }
        if kind.ends_with("_statement") || kind.ends_with("_declaration") || kind == "block" {
            return ancestor.range();
        }
    }
    error.range()
}

fn is_container(kind: &str) -> bool {
    matches!(
        kind,
        "compilation_unit"
            | "declaration_list"
            | "namespace_declaration"
            | "file_scoped_namespace_declaration"
            | "class_declaration"
            | "struct_declaration"
            | "interface_declaration"
            | "record_declaration"
            | "enum_declaration"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn regions(text: &str) -> ErrorRegions {
        let tree = parse(text).unwrap();
        ErrorRegions::find(Node::root(&tree, text))
    }

    #[test]
    fn valid_file_has_no_regions() {
        let r = regions("class A { void F() { G(); } }");
        assert!(r.is_empty());
        assert!(!r.touches(&(0..100)));
    }

    #[test]
    fn error_is_widened_to_its_statement_and_spares_other_methods() {
        let text = "class A {\n void F() { G(; }\n void H() { I(); }\n}";
        let r = regions(text);
        assert!(!r.is_empty());
        let broken = text.find("G(").unwrap();
        let fine = text.find("I()").unwrap();
        assert!(r.touches(&(broken..broken)));
        assert!(!r.touches(&(fine..fine + 3)), "{r:?}");
    }

    #[test]
    fn hidden_missing_token_is_an_error() {
        let text = "class C { async void F() { var s = await ; } }";
        let r = regions(text);
        assert_eq!(r.count(), 1);
        let at = text.find(" ;").unwrap();
        assert!(r.touches(&(at..at)), "{r:?}");
        assert_eq!(r.first_error(), Some(at));
    }

    #[test]
    fn missing_token_counts() {
        let r = regions("class A { void F() { G() } }");
        assert!(r.count() >= 1);
    }
}
