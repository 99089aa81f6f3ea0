//! Suppressions written in the source: `#pragma warning disable/restore` regions,
//! `[SuppressMessage]` attributes on members and types, and `// asyncfix: ignore` comments.
//!
//! A suppressed finding is dropped before anyone sees it: it is neither reported nor fixed.

use std::ops::Range;

use crate::config::ids;
use crate::source::LineIndex;
use crate::syntax::Node;

/// Which IDs a suppression names.
#[derive(Clone, Debug)]
enum Ids {
    /// Every finding (`#pragma warning disable` alone, `// asyncfix: ignore` alone).
    All,
    /// IDs as written: codes, names or analyzer IDs.
    Some(Vec<String>),
}

impl Ids {
    fn matches(&self, name: &str) -> bool {
        match self {
            Ids::All => true,
            Ids::Some(ids) => ids.iter().any(|id| ids::names(id, name)),
        }
    }
}

/// The suppressions of one file.
#[derive(Default)]
pub struct Suppressions {
    /// `#pragma warning` lines in file order: offset, `true` for disable, the IDs.
    pragmas: Vec<(usize, bool, Ids)>,
    /// `[SuppressMessage]`: the declaration it covers and the check ID.
    attributes: Vec<(Range<usize>, Ids)>,
    /// `// asyncfix: ignore`: the 1-based line of the comment, whether code comes before it on its
    /// line (then it covers only that line), and the IDs.
    comments: Vec<(usize, bool, Ids)>,
    lines: Option<LineIndex>,
}

impl Suppressions {
    /// Collects the suppressions of the file whose syntax tree is `root`.
    pub fn of(root: Node<'_>) -> Self {
        let mut s = Suppressions::default();
        let text = root.source();
        root.walk(|node| match node.kind() {
            "preproc_pragma" => {
                if let Some((disable, ids)) = parse_pragma(node.text()) {
                    s.pragmas.push((node.start(), disable, ids));
                }
            }
            "comment" => {
                if let Some(ids) = parse_ignore_comment(node.text()) {
                    let line_start = text[..node.start()].rfind('\n').map_or(0, |i| i + 1);
                    let trailing = !text[line_start..node.start()].trim().is_empty();
                    s.comments.push((node.start(), trailing, ids));
                }
            }
            "attribute" => {
                if let Some(ids) = suppress_message_id(node) {
                    // attribute → attribute_list → the declaration it decorates.
                    if let Some(decl) = node.parent().and_then(|l| l.parent()) {
                        if decl.kind() != "compilation_unit" {
                            s.attributes.push((decl.range(), ids));
                        }
                    }
                }
            }
            _ => {}
        });
        if !s.comments.is_empty() {
            let lines = LineIndex::new(text);
            for c in &mut s.comments {
                c.0 = lines.line_col(text, c.0).line;
            }
            s.lines = Some(lines);
        }
        s
    }

    /// Whether a finding of the transform `name` starting at `offset` in `text` is suppressed.
    pub fn covers(&self, name: &str, text: &str, offset: usize) -> bool {
        let mut disabled = false;
        for (at, disable, ids) in &self.pragmas {
            if *at > offset {
                break;
            }
            if ids.matches(name) {
                disabled = *disable;
            }
        }
        if disabled {
            return true;
        }
        if self.attributes.iter().any(|(range, ids)| range.contains(&offset) && ids.matches(name)) {
            return true;
        }
        let Some(lines) = &self.lines else { return false };
        let line = lines.line_col(text, offset).line;
        self.comments
            .iter()
            .any(|(at, trailing, ids)| (*at == line || (!trailing && *at + 1 == line)) && ids.matches(name))
    }
}

/// `#pragma warning disable CA2007, AF001 // why` → `(true, [CA2007, AF001])`.
fn parse_pragma(text: &str) -> Option<(bool, Ids)> {
    let text = text.split("//").next().unwrap_or("");
    let rest = text.trim_start().strip_prefix('#')?.trim_start().strip_prefix("pragma")?;
    let mut words = rest.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
    if words.next()? != "warning" {
        return None;
    }
    let disable = match words.next()? {
        "disable" => true,
        "restore" => false,
        _ => return None,
    };
    let ids: Vec<String> = words.map(str::to_owned).collect();
    Some((disable, if ids.is_empty() { Ids::All } else { Ids::Some(ids) }))
}

/// `// asyncfix: ignore async-void, AF008` → those IDs; `// asyncfix: ignore` → all. Words after
/// ` -- ` or in parentheses are a reason, not IDs.
fn parse_ignore_comment(text: &str) -> Option<Ids> {
    let body = text.strip_prefix("//").or_else(|| text.strip_prefix("/*").map(|t| t.trim_end_matches("*/")))?;
    let rest = body.trim_start().strip_prefix("asyncfix:")?.trim_start().strip_prefix("ignore")?;
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-') {
        return None;
    }
    let ids_text = rest.split("--").next().unwrap_or("").split('(').next().unwrap_or("");
    let ids: Vec<String> =
        ids_text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).map(str::to_owned).collect();
    Some(if ids.is_empty() { Ids::All } else { Ids::Some(ids) })
}

/// The check ID of a `[SuppressMessage("Category", "CheckId:Title")]` attribute.
fn suppress_message_id(attribute: Node<'_>) -> Option<Ids> {
    let name = crate::syntax::simple_name(attribute.field("name")?.text());
    if name.strip_suffix("Attribute").unwrap_or(name) != "SuppressMessage" {
        return None;
    }
    let args = attribute.child_of_kind("attribute_argument_list")?;
    let arguments: Vec<Node<'_>> = args.named_children().filter(|a| a.kind() == "attribute_argument").collect();
    // The check ID is the second positional argument, or `CheckId = "…"`.
    let is_check_id =
        |a: &Node<'_>| a.named_children().next().is_some_and(|n| n.kind() == "identifier" && n.text() == "CheckId");
    let check = arguments
        .iter()
        .find(|a| a.text().contains('=') && is_check_id(a))
        .or_else(|| arguments.iter().filter(|a| !a.text().contains('=')).nth(1))?;
    let literal = check.named_children().find(|c| c.kind().contains("string_literal"))?;
    let value = literal.text().trim_start_matches('@').trim_matches('"');
    let id = value.split(':').next().unwrap_or("").trim();
    (!id.is_empty()).then(|| Ids::Some(vec![id.to_owned()]))
}

/// The suppressions in the source, as the checker applies them (see [`crate::check::Suppressor`]).
pub struct SourceSuppressions;

impl crate::check::Suppressor for SourceSuppressions {
    fn retain_unsuppressed(&self, root: Node<'_>, text: &str, found: &mut Vec<crate::diagnostic::Diagnostic>) {
        let suppressions = Suppressions::of(root);
        found.retain(|d| !suppressions.covers(d.transform.name, text, d.range.start));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parse, Parents};

    /// For each `^` marker line below a line of `src`, whether a finding of `name` there is
    /// suppressed: returns the suppressed transforms at the start of each line containing `@`.
    fn suppressed_at(src: &str, name: &str) -> Vec<bool> {
        let tree = parse(src).unwrap();
        let parents = Parents::of(&tree);
        let s = Suppressions::of(Node::root_with(&tree, src, &parents));
        src.match_indices('@').map(|(i, _)| s.covers(name, src, i)).collect()
    }

    #[test]
    fn pragma_regions_by_code_name_and_analyzer_id() {
        let src = "class A {\n  void M() { /*@*/ }\n#pragma warning disable CA2007, AF002 // why\n  void N() { /*@*/ }\n#pragma warning restore CA2007\n  void O() { /*@*/ }\n}\n";
        assert_eq!(suppressed_at(src, "missing-configure-await"), [false, true, false]);
        assert_eq!(suppressed_at(src, "async-void"), [false, true, true], "AF002 is never restored");
        assert_eq!(suppressed_at(src, "blocking-call"), [false, false, false]);
    }

    #[test]
    fn pragma_without_ids_disables_everything() {
        let src = "class A {\n#pragma warning disable\n  void N() { /*@*/ }\n#pragma warning restore\n  void O() { /*@*/ }\n}\n";
        assert_eq!(suppressed_at(src, "unawaited-task"), [true, false]);
    }

    #[test]
    fn suppress_message_covers_its_member_or_type() {
        let src = "using System.Diagnostics.CodeAnalysis;\nclass A {\n  [SuppressMessage(\"Usage\", \"VSTHRD100:Avoid async void\")]\n  async void M() { /*@*/ }\n  void N() { /*@*/ }\n}\n[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute(\"Reliability\", \"AF001\", Justification = \"x\")]\nclass B { void M() { /*@*/ } }\n";
        assert_eq!(suppressed_at(src, "async-void"), [true, false, false]);
        assert_eq!(suppressed_at(src, "missing-configure-await"), [false, false, true]);
        let named = "class A {\n  [SuppressMessage(\"Usage\", CheckId = \"AF002\")]\n  async void M() { /*@*/ }\n}\n";
        assert_eq!(suppressed_at(named, "async-void"), [true]);
    }

    #[test]
    fn ignore_comment_on_the_line_or_the_line_above() {
        let src = "class A {\n  void M() { /*@*/ } // asyncfix: ignore async-void\n  // asyncfix: ignore AF002, AF008 -- UI event\n  void N() { /*@*/ }\n  void O() { /*@*/ }\n  // asyncfix: ignore\n  void P() { /*@*/ }\n}\n";
        assert_eq!(suppressed_at(src, "async-void"), [true, true, false, true]);
        assert_eq!(suppressed_at(src, "blocking-call"), [false, false, false, true]);
    }

    #[test]
    fn a_trailing_comment_does_not_cover_the_next_line() {
        let src = "class A {\n  void M() { } // asyncfix: ignore\n  void N() { /*@*/ }\n}\n";
        assert_eq!(suppressed_at(src, "async-void"), [false]);
    }

    #[test]
    fn other_comments_are_not_suppressions() {
        assert!(parse_ignore_comment("// asyncfix: ignored later").is_none());
        assert!(parse_ignore_comment("// TODO").is_none());
        assert!(matches!(parse_ignore_comment("/* asyncfix: ignore */"), Some(Ids::All)));
    }
}
