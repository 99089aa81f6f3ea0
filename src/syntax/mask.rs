//! A masked view of a file for the constructs tree-sitter-c-sharp cannot parse.
//!
//! When the plain parse of a file has errors, the file is parsed a second time from a *masked
//! view*: a copy of the text with the same length, so every offset in the masked tree is an offset
//! in the real text. The view differs in three ways:
//!
//! - **Preprocessor lines are blanked**, and so are the inactive branches of `#if`. asyncfix has no
//!   symbols to evaluate a condition with, so it takes the first branch of every `#if` (as if each
//!   condition were true) and blanks every `#elif` and `#else` branch. `#if`/`#else` that split a
//!   statement, a declaration or an argument list then read as plain code. Blanked bytes become
//!   spaces; line breaks are kept, so line numbers do not move. `#:` directives of file-based apps
//!   (.NET 10) are blanked the same way.
//! - **`async` used as an identifier** (`F(async, ct)`, `if (async)`, `async ? a : b`,
//!   `F(async: true)`, `bool async = …`) becomes `asyn_`, an identifier of the same length: the
//!   grammar treats `async` as a keyword in these places. Only where the next token says it is an
//!   identifier (`,` `)` `?` `:` `;` `=` `&` `|` `]` `}` and operators), and never in a comment or a
//!   string.
//! - **A final line break** is added when the file has none (a directive on the last line without
//!   one leaves a MISSING token). The view is then one byte longer than the text; [`super::Node`]
//!   clamps ranges to the real text.
//!
//! Passes see the real text with the masked tree: node kinds come from the masked parse,
//! `Node::text()` reads the real bytes. The masked bytes themselves are recorded in [`Masks`]: the
//! tree says nothing true about them (a blanked `#else` branch is code the passes never saw, a
//! blanked `#if` line is a directive `contains_preprocessor` cannot find), so the planner refuses
//! every fix whose edits overlap them, as it does for error regions.
//!
//! The masked view is used only when it has fewer syntax errors than the plain parse.
//!
//! ## Members that hold an error
//!
//! A mistake in one member can make tree-sitter wrap the whole class or namespace around it in an
//! ERROR node, and then the good methods beside it are a guess too: nothing there would be
//! checked. So when the error regions left reach beyond the member around the first error (found
//! from the tokens alone: balanced braces, see `errors::lexical`), that member is blanked as well
//! and the view parsed again; this repeats while each blanking takes errors away (at most
//! [`MAX_BLANKED`] members, each a parse: files with errors are a fraction of a percent of real
//! code). Where the parser recovered inside the member (the usual case), nothing is blanked: the
//! region is the statement around the error, and the index still sees the rest of the member. A blanked member is masked bytes
//! that no edit may touch, and an error region, whole ([`super::ErrorRegions::with_blanked`]): the
//! file's note still names it, the members around it are checked and fixed. Where braces do not
//! balance, members cannot be told apart and nothing more is blanked.

use std::ops::Range;

use super::literals::Literals;
use super::{parse, ErrorRegions, Node};

/// The most members holding an error that one file gets blanked.
pub const MAX_BLANKED: usize = 16;

/// The byte ranges of the real text that the masked view replaced: sorted, not overlapping.
#[derive(Clone, Debug, Default)]
pub struct Masks {
    ranges: Vec<Range<usize>>,
    /// The members blanked because they hold an error, with where the error is.
    members: Vec<(Range<usize>, usize)>,
}

impl Masks {
    /// Whether nothing was masked (the plain parse was used).
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The masked ranges.
    pub fn ranges(&self) -> &[Range<usize>] {
        &self.ranges
    }

    /// Whether an edit of `range` would change or insert into masked bytes. An insertion at the
    /// edge of a masked range (just before `#else`, just after `async`) does not touch it.
    pub fn touches(&self, range: &Range<usize>) -> bool {
        // The first masked range that ends after the edit starts is the only candidate.
        let i = self.ranges.partition_point(|m| m.end <= range.start);
        self.ranges.get(i).is_some_and(|m| {
            if range.is_empty() {
                m.start < range.start && range.start < m.end
            } else {
                m.start < range.end
            }
        })
    }

    /// The members blanked because they hold a syntax error, each with the offset of that error.
    pub fn blanked_members(&self) -> &[(Range<usize>, usize)] {
        &self.members
    }

    fn add_member(&mut self, member: Range<usize>, error: usize) {
        self.members.push((member.clone(), error));
        let mut ranges = std::mem::take(&mut self.ranges);
        ranges.push(member);
        ranges.sort_by_key(|r| r.start);
        for r in ranges {
            self.push(r);
        }
    }

    fn push(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        if let Some(last) = self.ranges.last_mut() {
            if range.start <= last.end {
                last.end = last.end.max(range.end);
                return;
            }
        }
        self.ranges.push(range);
    }
}

/// A parsed file: its tree (from the plain text or from the masked view) and what was masked.
#[derive(Debug)]
pub struct Parsed {
    /// The syntax tree. Its offsets are offsets in the real text.
    pub tree: tree_sitter::Tree,
    /// The masked bytes; empty when the plain parse was used.
    pub masks: Masks,
}

impl Parsed {
    /// Whether the file has a syntax error: in the tree, or in a member the view blanked.
    pub fn has_errors(&self) -> bool {
        self.tree.root_node().has_error() || !self.masks.members.is_empty()
    }
}

/// Parses `text`; when the plain parse has errors, parses the masked view too and keeps the tree
/// with fewer errors, then blanks the members that hold the errors left (see the module
/// documentation). Returns `None` only if tree-sitter gives up.
pub fn parse_file(text: &str) -> Option<Parsed> {
    let tree = parse(text)?;
    if !tree.root_node().has_error() {
        return Some(Parsed { tree, masks: Masks::default() });
    }
    let errors_of = |tree: &tree_sitter::Tree| ErrorRegions::find(Node::root(tree, text));
    let (mut tree, mut view, mut masks) = (tree, None, Masks::default());
    let mut errors = errors_of(&tree).count();
    if let Some((masked_text, masked_masks)) = masked_view(text) {
        if let Some(masked) = parse(&masked_text) {
            let after = errors_of(&masked).count();
            if after < errors {
                (tree, view, masks, errors) = (masked, Some(masked_text), masked_masks, after);
            }
        }
    }
    for _ in 0..MAX_BLANKED {
        let regions = errors_of(&tree);
        let Some(at) = regions.first_error() else { break };
        let current = view.as_deref().unwrap_or(text);
        let Some(member) = super::errors::member_around(current, at) else { break };
        let blanked_before = masks.members.iter().any(|(m, _)| m.start < member.end && member.start < m.end);
        if !member.contains(&at) || blanked_before || regions.all_within(&member) {
            break;
        }
        let mut bytes = current.as_bytes().to_vec();
        for b in &mut bytes[member.clone()] {
            if !matches!(*b, b'\n' | b'\r') {
                *b = b' ';
            }
        }
        // Whole characters become spaces: still UTF-8.
        let Ok(candidate) = String::from_utf8(bytes) else { break };
        let Some(reparsed) = parse(&candidate) else { break };
        let after = errors_of(&reparsed).count();
        if after >= errors {
            break;
        }
        (tree, view, errors) = (reparsed, Some(candidate), after);
        masks.add_member(member, at);
    }
    Some(Parsed { tree, masks })
}

/// The masked view of `text` and the ranges it masks; `None` if there is nothing to mask.
pub fn masked_view(text: &str) -> Option<(String, Masks)> {
    let mut bytes = text.as_bytes().to_vec();
    let mut masks = Masks::default();
    let literals = Literals::of(text);
    blank_directives(text, &literals, &mut bytes, &mut masks);
    let mut async_masks = Masks::default();
    mask_async_identifiers(text, &literals, &mut bytes, &mut async_masks);
    let mut ranges: Vec<Range<usize>> = masks.ranges.into_iter().chain(async_masks.ranges).collect();
    ranges.sort_by_key(|r| r.start);
    let mut masks = Masks::default();
    for r in ranges {
        masks.push(r);
    }
    let newline = !text.is_empty() && !text.ends_with('\n');
    if masks.is_empty() && !newline {
        return None;
    }
    if newline {
        bytes.push(b'\n');
    }
    // Only whole lines (every byte but the line break) and ASCII words are replaced: still UTF-8.
    String::from_utf8(bytes).ok().map(|view| (view, masks))
}

/// Blanks every preprocessor line and the lines of every branch but the first of each `#if`.
fn blank_directives(text: &str, literals: &Literals, bytes: &mut [u8], masks: &mut Masks) {
    // For each open `#if`: whether the code around it is active.
    let mut open: Vec<bool> = Vec::new();
    let mut active = true;
    let mut start = 0;
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i + 1);
        let line = &text[start..end];
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        let directive = trimmed.starts_with('#') && !literals.contains(start + (content.len() - trimmed.len()));
        let blank = if directive {
            let word = trimmed[1..].trim_start();
            let keyword = word.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
            match keyword {
                "if" => {
                    open.push(active);
                }
                "elif" | "else" => {
                    // The first branch was taken: every later one is inactive.
                    active = false;
                }
                "endif" => {
                    active = open.pop().unwrap_or(true);
                }
                _ => {}
            }
            true
        } else {
            !active
        };
        if blank && !content.trim().is_empty() {
            let range = start..start + content.len();
            for b in &mut bytes[range.clone()] {
                *b = b' ';
            }
            masks.push(range);
        }
        start = end;
    }
}

/// Replaces `async` by `asyn_` where the next token shows it is an identifier.
fn mask_async_identifiers(text: &str, literals: &Literals, bytes: &mut [u8], masks: &mut Masks) {
    let is_word = super::is_identifier_byte;
    let raw = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find("async").map(|i| from + i) {
        from = i + 5;
        if i > 0 && (is_word(raw[i - 1]) || raw[i - 1] == b'@') {
            continue;
        }
        if raw.get(i + 5).is_some_and(|&b| is_word(b)) {
            continue;
        }
        let rest = text[i + 5..].trim_start();
        let next = rest.as_bytes().first().copied();
        let identifier = match next {
            Some(b'=') => !rest.starts_with("=>"),
            Some(b',' | b')' | b'?' | b':' | b';' | b'&' | b'|' | b']' | b'}' | b'!' | b'<' | b'>') => true,
            Some(b'+' | b'-' | b'*' | b'/' | b'%' | b'^') => true,
            _ => false,
        };
        if !identifier || bytes[i..i + 5] != *b"async" || literals.contains(i) {
            continue;
        }
        bytes[i..i + 5].copy_from_slice(b"asyn_");
        masks.push(i..i + 5);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str) -> String {
        masked_view(text).map(|(v, _)| v).unwrap_or_else(|| text.to_owned())
    }

    fn errors(text: &str) -> usize {
        let parsed = parse_file(text).unwrap();
        ErrorRegions::find(Node::root(&parsed.tree, text)).count()
    }

    #[test]
    fn first_branch_of_if_is_kept_and_the_others_blanked_line_by_line() {
        let text =
            "class A {\n void F() {\n  G(\n#if NET\n   a,\n#elif X\n   b,\n#else\n   c,\n#endif\n   d);\n }\n}\n";
        let masked = view(text);
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked.lines().count(), text.lines().count());
        assert!(masked.contains("   a,"));
        assert!(!masked.contains('b') && !masked.contains("c,") && !masked.contains('#'));
        assert_eq!(errors(text), 0);
    }

    #[test]
    fn nested_if_inside_an_inactive_branch_stays_blank() {
        let text = "#if A\nclass A {}\n#else\n#if B\nclass B {}\n#endif\nclass C {}\n#endif\n";
        let masked = view(text);
        assert!(masked.contains("class A"));
        assert!(!masked.contains("class B") && !masked.contains("class C"));
    }

    #[test]
    fn async_as_an_identifier_is_masked_but_async_methods_and_lambdas_are_not() {
        let text = "class A { async Task F(bool async) { if (async) await G(async, x => 1); var f = async () => 1; H(async: true); var y = async ? 1 : 2; } }\n";
        let masked = view(text);
        assert_eq!(masked.len(), text.len());
        assert!(masked.starts_with("class A { async Task F(bool asyn_)"));
        assert!(masked.contains("if (asyn_)") && masked.contains("G(asyn_,") && masked.contains("H(asyn_:"));
        assert!(masked.contains("= async () =>") && masked.contains("asyn_ ? 1"));
        assert_eq!(errors(text), 0);
    }

    #[test]
    fn async_in_strings_and_comments_is_left_alone() {
        let text = "class A { void F(bool async) { G(\"async, x\"); // async, y\n } }";
        let masked = view(text);
        assert!(masked.contains("\"async, x\"") && masked.contains("// async, y"));
    }

    #[test]
    fn hashes_and_asyncs_inside_multi_line_strings_are_not_code() {
        let text = "class A { string s = @\"\n#if X\n async, \"\"\n\"; string r = \"\"\"\n#else\n\"\"\"; char c = '\\''; bool async; }\n";
        let masked = view(text);
        assert!(masked.contains("\n#if X\n async, ") && masked.contains("\n#else\n"), "{masked}");
        assert!(masked.contains("bool asyn_;"));
    }

    #[test]
    fn a_directive_on_the_last_line_without_a_line_break_parses() {
        let text = "class A { }\n#endregion";
        let plain = parse(text).unwrap();
        assert!(plain.root_node().has_error(), "the grammar still needs the virtual line break");
        assert_eq!(errors(text), 0);
    }

    #[test]
    fn file_based_app_directives_are_blanked() {
        let text = "#:package Foo@1.0\n#:sdk Microsoft.NET.Sdk.Web\nclass A { }\n";
        assert_eq!(errors(text), 0);
    }

    #[test]
    fn masks_block_overlapping_edits_but_not_edits_beside_them() {
        let text = "class A { void F(bool async) { G(async, 1); } }";
        let parsed = parse_file(text).unwrap();
        let at = text.find("G(async").unwrap() + 2;
        let m = &parsed.masks;
        assert!(m.touches(&(at..at + 5)));
        assert!(m.touches(&(at - 2..at + 6)));
        assert!(m.touches(&(at + 1..at + 1)));
        assert!(!m.touches(&(at..at)), "an insertion before the word");
        assert!(!m.touches(&(at + 5..at + 5)), "an insertion after the word");
        assert!(!m.touches(&(0..5)));
    }

    #[test]
    fn a_member_that_holds_an_error_is_blanked_whole_and_the_rest_parses() {
        let text = "namespace N {\n class A {\n  void Good() { G(); }\n  [X] int Bad(int x) { if (x { } return 1; }\n  void Other() { H(); }\n }\n}\n";
        let parsed = parse_file(text).unwrap();
        assert!(!parsed.tree.root_node().has_error(), "{}", crate::syntax::dump(&parsed.tree, text));
        assert!(parsed.has_errors());
        let [(member, error)] = parsed.masks.blanked_members() else { panic!("{:?}", parsed.masks) };
        assert_eq!(&text[member.clone()], "[X] int Bad(int x) { if (x { } return 1; }");
        assert!(member.contains(error));
        let at = |s: &str| text.find(s).unwrap();
        assert!(parsed.masks.touches(&(at("if (x")..at("if (x") + 2)));
        let regions = ErrorRegions::find(Node::root(&parsed.tree, text)).with_blanked(&parsed.masks);
        assert_eq!(regions.count(), 1);
        assert!(regions.touches(&(at("return 1")..at("return 1"))));
        assert!(!regions.touches(&(at("G()")..at("G()"))) && !regions.touches(&(at("H()")..at("H()"))));
        assert_eq!(regions.first_error(), Some(*error));
    }

    #[test]
    fn nothing_is_blanked_where_braces_do_not_balance() {
        let text = "class A {\n  void Bad() { if (x) {\n  void Other() { H(); }\n}\n";
        let parsed = parse_file(text).unwrap();
        assert!(parsed.masks.blanked_members().is_empty());
        assert!(parsed.has_errors());
    }

    #[test]
    fn valid_files_are_not_masked() {
        let parsed = parse_file("class A { void F() { } }").unwrap();
        assert!(parsed.masks.is_empty());
    }
}
