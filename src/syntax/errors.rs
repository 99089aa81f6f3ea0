//! Error regions: the parts of a file no edit may touch, and what to tell the user about them.
//!
//! tree-sitter recovers from syntax errors with ERROR nodes and zero-width MISSING tokens. The tree
//! around them is a guess, so asyncfix widens each to the statement or member it sits in and keeps
//! every edit out of that region. A member the masked view blanked because it holds an error (see
//! `syntax::mask`) is a region too, whole. The rest of the file is analysed and fixed as usual.
//!
//! ## Syntax error, or a construct the grammar does not know?
//!
//! The parser cannot tell a mistake in the user's code from valid C# its grammar
//! (tree-sitter-c-sharp 0.23) does not cover, so the note says only what asyncfix knows
//! ([`ErrorRegions::describe`]):
//!
//! - **a syntax error** when a lexer that needs no grammar finds a mistake no C# compiler accepts:
//!   a string, character literal or comment that is not closed, a bracket that closes nothing or
//!   the wrong one, a character C# code never has. Not in a file with `#if`: its branches are not
//!   compiled together, and one may be dead code;
//! - **a construct the grammar does not support** when the code around the first error is one of
//!   the newer constructs the grammar is known to lack (extension blocks, `allows ref struct`,
//!   null-conditional assignment, user-defined compound assignment operators, lambda parameters
//!   with a modifier and no type);
//! - otherwise **either of the two**, said as such (a missing `;` and an unknown construct look the
//!   same to the parser).
//!
//! Whichever it says, the file is named and the code around the error is left alone: a mistake is
//! never reported as a clean file.

mod lexical;

use std::ops::Range;

use super::Node;
use crate::source::LineIndex;

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

    /// The regions, in order.
    pub fn ranges(&self) -> &[Range<usize>] {
        &self.regions
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

    /// Whether every region lies inside `range`.
    pub fn all_within(&self, range: &Range<usize>) -> bool {
        self.regions.iter().all(|r| range.start <= r.start && r.end <= range.end)
    }

    /// These regions with the members `masks` blanked because they hold an error: each is a
    /// region, whole, and counts as one error (a fix elsewhere keeps the count), and the first
    /// error is the earliest of the tree's and theirs.
    pub fn with_blanked(mut self, masks: &super::Masks) -> Self {
        for (range, error) in masks.blanked_members() {
            self.regions.push(range.clone());
            self.count += 1;
            self.first_error = Some(self.first_error.map_or(*error, |e| e.min(*error)));
        }
        self.regions.sort_by_key(|r| (r.start, r.end));
        self
    }

    /// What to tell the user about the first error of `text` (the text these regions were found
    /// in), without the path: a syntax error, a construct the grammar does not support, or either
    /// (see the module documentation). `None` without errors.
    pub fn describe(&self, text: &str) -> Option<String> {
        let first = self.first_error?;
        let lines = LineIndex::new(text);
        let line = |at: usize| lines.line_col(text, at.min(text.len())).line;
        let lexed = lexical::lex(text);
        if let Some(mistake) = lexed.mistake.as_ref().filter(|_| !lexed.conditional) {
            // An opening bracket never closed is noticed at the end of the text: the parser knows
            // better where.
            let at = if mistake.at >= text.len() { first } else { mistake.at };
            return Some(format!(
                "syntax error near line {}: {}; code around it is left alone",
                line(at),
                mistake.what
            ));
        }
        Some(match lexed.unsupported_near(text, first) {
            Some(construct) => format!(
                "could not be parsed near line {} (the C# grammar asyncfix uses does not support this construct: {construct}); code around it is left alone",
                line(first)
            ),
            None => format!(
                "could not be parsed near line {}: a syntax error, or a construct the C# grammar asyncfix uses does not support; code around it is left alone",
                line(first)
            ),
        })
    }
}

/// The member around `at` in `text`, found from its tokens alone (see `lexical`): what the masked
/// view blanks when a member holds an error. `None` when braces do not balance.
pub(super) fn member_around(text: &str, at: usize) -> Option<Range<usize>> {
    lexical::lex(text).member_around(text, at)
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
    fn the_note_says_syntax_error_only_when_the_lexer_proves_it() {
        let describe = |text: &str| regions(text).describe(text).unwrap();
        assert_eq!(
            describe("class A {\n void F() { G(\"x); }\n}"),
            "syntax error near line 2: a string literal is not closed; code around it is left alone"
        );
        assert!(describe("class A {\n void F() { a?.b = 1; }\n}").starts_with(
            "could not be parsed near line 2 (the C# grammar asyncfix uses does not support this construct: a null-conditional assignment (C# 14))"
        ));
        assert!(describe("class A {\n void F() { G() }\n}")
            .starts_with("could not be parsed near line 2: a syntax error, or a construct the C# grammar"));
        assert_eq!(regions("class A { }").describe("class A { }"), None);
    }

    #[test]
    fn missing_token_counts() {
        let r = regions("class A { void F() { G() } }");
        assert!(r.count() >= 1);
    }
}
