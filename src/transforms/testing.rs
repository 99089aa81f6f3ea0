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
