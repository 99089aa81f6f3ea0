//! For the transforms' unit tests: one transform over a one-file workspace, and its edits applied.

use crate::check::{FileContext, Settings};
use crate::diagnostic::Diagnostic;
use crate::fix::Edit;
use crate::index::{FileIndex, Knowledge, WorkspaceIndex};
use crate::syntax::{parse, Node};
use crate::transforms::Transform;
use crate::workspace::Project;

/// What `transform` reports on `text`, the only file of a workspace whose project is `project`.
pub fn check(transform: &dyn Transform, text: &str, project: Project, settings: &Settings) -> Vec<Diagnostic> {
    let tree = parse(text).expect("tree-sitter parses any text");
    let root = Node::root(&tree, text);
    let index = WorkspaceIndex::build(vec![FileIndex::extract(root)]);
    let knowledge = Knowledge::builtin();
    let cx = FileContext {
        file: 0,
        path: "A.cs",
        text,
        root,
        project: &project,
        projects: std::slice::from_ref(&project),
        file_projects: &[0],
        index: &index,
        knowledge: &knowledge,
        settings,
        memo: Default::default(),
    };
    let mut out = Vec::new();
    // As the checker does: a pass that has nothing to do in this file (project kind, settings)
    // is not run.
    if !transform.applies_to(&cx) {
        return out;
    }
    root.walk(|n| {
        if transform.kinds().contains(&n.kind()) {
            transform.check(n, &cx, &mut out);
        }
    });
    out
}

/// `text` with `edits` applied (they must not overlap).
pub fn apply(text: &str, edits: impl IntoIterator<Item = Edit>) -> String {
    let mut edits: Vec<Edit> = edits.into_iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.range.start, e.range.end)));
    let mut result = text.to_owned();
    for e in edits {
        result.replace_range(e.range, &e.content);
    }
    result
}

/// The project of [`assert_fix`] and [`assert_not_fixed`]: an application on .NET 8.
pub fn application() -> Project {
    Project {
        kind: crate::workspace::ProjectKind::Application,
        target_frameworks: vec!["net8.0".into()],
        ..Project::unknown()
    }
}

/// Asserts that the fixes `transform` offers on `before` (applied together, display-only ones
/// left out) give `after`, in an application on .NET 8 (rust-analyzer's `check_assist`).
#[track_caller]
pub fn assert_fix(transform: &dyn Transform, before: &str, after: &str) {
    assert_fix_in(transform, application(), before, after);
}

/// [`assert_fix`] in `project`.
#[track_caller]
pub fn assert_fix_in(transform: &dyn Transform, project: Project, before: &str, after: &str) {
    let found = check(transform, before, project, &Settings::default());
    let edits: Vec<Edit> = found
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability > crate::fix::Applicability::DisplayOnly)
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    assert!(!edits.is_empty(), "{}: no fix for\n{before}\nfindings: {:?}", transform.meta().name, messages(&found));
    assert_eq!(apply(before, edits), after, "{}: findings {:?}", transform.meta().name, messages(&found));
}

/// Asserts that `transform` offers no fix that would be applied on `source` (none at all, or a
/// display-only one), in an application on .NET 8 (`check_assist_not_applicable`).
#[track_caller]
pub fn assert_not_fixed(transform: &dyn Transform, source: &str) {
    let found = check(transform, source, application(), &Settings::default());
    let fixed: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability > crate::fix::Applicability::DisplayOnly))
        .collect();
    assert!(fixed.is_empty(), "{}: unexpected fixes {:?}", transform.meta().name, messages(&found));
}

fn messages(found: &[Diagnostic]) -> Vec<String> {
    found
        .iter()
        .map(|d| match &d.fix {
            Some(f) => format!("{} [{}: {}]", d.message, f.applicability.name(), f.description),
            None => d.message.clone(),
        })
        .collect()
}
