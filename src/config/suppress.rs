//! Suppressions written in the source: `#pragma warning disable/restore` regions,
//! `[SuppressMessage]` attributes on members and types, `// asyncfix: ignore` comments, and the
//! comments of ReSharper and Rider (`// ReSharper disable once MethodSupportsCancellation` for the
//! code that follows, `// ReSharper disable X` … `// ReSharper restore X` regions,
//! `// noinspection X`), whose inspection IDs `analyzer-ids.txt` maps like any analyzer's.
//!
//! A number alone in a `#pragma` is the compiler's warning (`#pragma warning disable 4014` is
//! CS4014), as the compiler reads it.
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
    /// `#pragma warning` lines and `// ReSharper disable/restore` comments in file order: offset,
    /// `true` for disable, the IDs.
    pragmas: Vec<(usize, bool, Ids)>,
    /// `[SuppressMessage]` and `// ReSharper disable once`: the code it covers and the IDs.
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
                match parse_resharper_comment(node.text()) {
                    Some(Inspection::Once(ids)) => {
                        // The code fragment after the comment: the next statement, member or
                        // declaration, other comments skipped.
                        let mut next = node.next_sibling();
                        while let Some(n) = next.filter(|n| n.kind() == "comment" || !n.is_named()) {
                            next = n.next_sibling();
                        }
                        if let Some(next) = next {
                            s.attributes.push((node.start()..next.end(), ids));
                        }
                    }
                    Some(Inspection::Region(disable, ids)) => s.pragmas.push((node.start(), disable, ids)),
                    None => {}
                }
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
    // `#pragma warning disable 1998`: the compiler's CS1998.
    let id = |w: &str| if w.bytes().all(|b| b.is_ascii_digit()) { format!("CS{w}") } else { w.to_owned() };
    let ids: Vec<String> = words.map(id).collect();
    Some((disable, if ids.is_empty() { Ids::All } else { Ids::Some(ids) }))
}

/// What a ReSharper or Rider comment suppresses.
#[derive(Debug)]
enum Inspection {
    /// `// ReSharper disable once X` and `// noinspection X`: the code fragment that follows.
    Once(Ids),
    /// `// ReSharper disable X` (`true`) or `// ReSharper restore X` (`false`): to the end of the
    /// file or the matching `restore`.
    Region(bool, Ids),
}

/// `// ReSharper disable once MethodSupportsCancellation, AsyncVoidLambda`, `// ReSharper
/// restore All`, `// noinspection MethodHasAsyncOverload`; the compiler's warnings are written
/// `CSharpWarnings::CS4014`. `All` is every inspection.
fn parse_resharper_comment(text: &str) -> Option<Inspection> {
    let body = text.strip_prefix("//")?.trim();
    let (kind, rest) = if let Some(rest) = body.strip_prefix("noinspection") {
        ("once", rest)
    } else {
        let rest = body.strip_prefix("ReSharper")?.trim_start();
        if let Some(rest) = rest.strip_prefix("disable") {
            match rest.trim_start().strip_prefix("once") {
                Some(rest) => ("once", rest),
                None => ("disable", rest),
            }
        } else {
            ("restore", rest.strip_prefix("restore")?)
        }
    };
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let ids: Vec<String> = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.strip_prefix("CSharpWarnings::").unwrap_or(w).to_owned())
        .collect();
    if ids.is_empty() {
        return None;
    }
    let ids = if ids.iter().any(|id| id == "All") { Ids::All } else { Ids::Some(ids) };
    Some(match kind {
        "once" => Inspection::Once(ids),
        kind => Inspection::Region(kind == "disable", ids),
    })
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
    fn a_number_alone_in_a_pragma_is_the_compilers_warning() {
        let src = "class A {\n#pragma warning disable 4014, 1998\n  void N() { /*@*/ }\n#pragma warning restore 4014\n  void O() { /*@*/ }\n}\n";
        assert_eq!(suppressed_at(src, "unawaited-task"), [true, false]);
        assert_eq!(suppressed_at(src, "async-without-await"), [true, true]);
    }

    #[test]
    fn resharper_disable_once_covers_the_code_that_follows() {
        let src = "class A {\n  void M() {\n    // ReSharper disable once MethodSupportsCancellation\n    // ReSharper disable once UnusedVariable\n    var t = Task.Run(() =>\n    {\n      /*@*/\n    });\n    /*@*/ Run();\n  }\n}\n";
        assert_eq!(suppressed_at(src, "unforwarded-cancellation"), [true, false]);
        assert_eq!(suppressed_at(src, "blocking-call"), [false, false], "another inspection");
        let rider = "class A {\n  void M() {\n    //noinspection CSharpWarnings::CS4014\n    /*@*/ F();\n    /*@*/ G();\n  }\n}\n";
        assert_eq!(suppressed_at(rider, "unawaited-task"), [true, false]);
    }

    #[test]
    fn resharper_regions_last_until_their_restore() {
        let src = "// ReSharper disable MethodHasAsyncOverload, UseAwaitUsing\nclass A {\n  void M() { /*@*/ }\n  // ReSharper restore MethodHasAsyncOverload\n  void N() { /*@*/ }\n}\n";
        assert_eq!(suppressed_at(src, "blocking-call"), [true, false]);
        assert_eq!(suppressed_at(src, "blocking-dispose"), [true, true]);
        let all = "class A {\n  // ReSharper disable All\n  void M() { /*@*/ }\n}\n";
        assert_eq!(suppressed_at(all, "async-void"), [true]);
    }

    #[test]
    fn other_comments_are_not_suppressions() {
        assert!(parse_resharper_comment("// ReSharper disabled because of X").is_none());
        assert!(parse_resharper_comment("// ReSharper disable once").is_none());
        assert!(parse_resharper_comment("// resharper disable X").is_none());
        assert!(parse_ignore_comment("// asyncfix: ignored later").is_none());
        assert!(parse_ignore_comment("// TODO").is_none());
        assert!(matches!(parse_ignore_comment("/* asyncfix: ignore */"), Some(Ids::All)));
    }
}
