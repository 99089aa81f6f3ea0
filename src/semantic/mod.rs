//! The semantic model: what syntax alone cannot say, asked in one place.
//!
//! Passes ask [`Semantics`] (in the role of ruff's semantic model or rust-analyzer's
//! `hir::Semantics`), never the index directly:
//!
//! | question | answer |
//! |---|---|
//! | [`Semantics::callees`]: what does this call bind to? | [`Callees`]: workspace methods (overloads chosen by arguments, names, `params`, optional parameters, `ref`/`out`, generic arity; extension methods of the workspace; `using static`), local functions, a delegate, an outside API by receiver type, or Unknown |
//! | [`Semantics::type_of`]: what type has this expression? | [`TypeOf`]: Known(type), Unknown, or not a value |
//! | [`Semantics::task_kind`]: is this a task? | [`TaskKind`]: `Task`, `ValueTask`, `IAsyncEnumerable`, already configured, another awaitable, not task-like, or Unknown |
//! | [`Semantics::references`]: who uses this method? | [`References`]: calls, method groups, event subscriptions, overrides and implementations, each with what it requires of the signature |
//! | [`Semantics::await_allowed`]: may `await` stand here? | `Ok`, or the compiler's reason |
//! | [`Semantics::async_disposal`]: can a value of this type be disposed with `await using`? | [`AsyncDisposal`]: its `DisposeAsync()` (and what it may do that `Dispose()` does not), none, or Unknown (the fact the project files do not give) |
//! | [`Semantics::function_returns`]: does this function return a task (async code, `async` or not)? | [`TaskKind`] of its declared return type, or of the delegate type a lambda is converted to |
//! | [`Semantics::delegate_target`]: which delegate type does this lambda become? | [`TypeOf`]: the variable's, field's, cast's, return type's or workspace parameter's delegate type, or Unknown |
//! | [`Semantics::tokens_in_scope`]: which CancellationToken can code here pass? | [`Tokens`]: a declared token, one reachable through members (`request.CancellationToken`, `HttpContext.RequestAborted`), several, or none |
//!
//! Every answer says Unknown when the evidence does not decide: a fix is Safe only when every fact
//! it relies on is Known, and a signature changes only when every use of the member is known and
//! can take the new signature. The layer knows no transform.
//!
//! Sources of facts: the syntax of the file being checked ([`crate::syntax`]: declarations in
//! scope), the workspace index ([`crate::index`]: every file's declarations and call sites, as
//! data), and the knowledge base of .NET APIs (`transforms/knowledge/`, notably `types.txt`).

mod awaits;
mod callees;
mod disposal;
mod functions;
mod inference;
pub(crate) mod memo;
mod references;
mod targets;
mod tasks;
mod tokens;
mod types;
mod views;

pub use awaits::AwaitBlocker;
pub use callees::{ArgShape, Callees};
pub use disposal::{AsyncDisposal, DisposeAsync};
pub use memo::Memo;
pub use references::{References, SignatureChange, Use, UseKind};
pub use tasks::{TaskKind, TaskResult};
pub use tokens::{MemberToken, MemberTokens, Reach, ScopeChoice, ScopeToken, Tokens};
pub use types::TypeOf;
pub use views::{configured_operand, Argument, Invocation, Receiver};

use crate::index::{Knowledge, WorkspaceIndex};
use crate::source::FileId;
use crate::syntax::{enclosing_types, Node};
use crate::workspace::Project;

/// The semantic model of one file of the workspace.
#[derive(Clone, Copy)]
pub struct Semantics<'a> {
    /// The file.
    pub file: FileId,
    /// The root of its syntax tree.
    pub root: Node<'a>,
    /// The workspace's declarations and call sites.
    pub index: &'a WorkspaceIndex,
    /// Facts about .NET APIs.
    pub knowledge: &'a Knowledge,
    /// The project of the file (its implicit usings).
    pub project: &'a Project,
    memo: &'a Memo,
}

impl<'a> Semantics<'a> {
    /// The model of `file`, whose tree is `root`; answers computed for a whole function are kept
    /// in `memo`.
    pub fn new(
        file: FileId,
        root: Node<'a>,
        index: &'a WorkspaceIndex,
        knowledge: &'a Knowledge,
        project: &'a Project,
        memo: &'a Memo,
    ) -> Self {
        Semantics { file, root, index, knowledge, project, memo }
    }

    /// The memo of this file's answers.
    pub fn memo(&self) -> &'a Memo {
        self.memo
    }

    /// The simple name of the innermost type declared around `node`.
    fn enclosing_type(&self, node: Node<'a>) -> Option<&'a str> {
        enclosing_types(node).next().and_then(|t| t.field("name")).map(|n| n.text())
    }

    /// Whether the file sees the namespace `namespace`: a `using` (anywhere in the file, or a
    /// `global using` of the workspace), the project's implicit usings, or a namespace the file
    /// declares types in (or a parent of one).
    pub fn imports(&self, namespace: &str) -> bool {
        if namespace.is_empty() {
            return true;
        }
        let file = self.index.file(self.file);
        let inside = |ns: &str| ns == namespace || ns.strip_prefix(namespace).is_some_and(|rest| rest.starts_with('.'));
        file.usings.iter().any(|u| u == namespace)
            || file.global_usings.iter().any(|u| u == namespace)
            || file.namespaces.iter().any(|ns| inside(ns))
            || self.index.has_global_using(namespace)
            || self.project.imports_implicitly(namespace)
    }
}

#[cfg(test)]
pub mod testing {
    //! A one-file model for the layer's unit tests.

    use super::*;
    use crate::index::FileIndex;
    use crate::syntax::{parse, Parents};

    /// A parsed text, its index and what a model needs; `with` lends the model to a test.
    pub struct Fixture {
        pub text: String,
        tree: tree_sitter::Tree,
        others: Vec<String>,
    }

    impl Fixture {
        /// `text` as file 0 of a workspace whose other files are `others`.
        pub fn new(text: &str, others: &[&str]) -> Self {
            Fixture {
                text: text.to_owned(),
                tree: parse(text).expect("parses"),
                others: others.iter().map(|s| s.to_string()).collect(),
            }
        }

        /// Runs `f` with the model of file 0 and its root.
        pub fn with<R>(&self, f: impl FnOnce(Semantics<'_>, Node<'_>) -> R) -> R {
            self.with_project(Project { implicit_usings: true, ..Project::unknown() }, f)
        }

        /// [`Fixture::with`], the file belonging to `project`.
        pub fn with_project<R>(&self, project: Project, f: impl FnOnce(Semantics<'_>, Node<'_>) -> R) -> R {
            let parents = Parents::of(&self.tree);
            let root = Node::root_with(&self.tree, &self.text, &parents);
            let mut files = vec![FileIndex::extract(root)];
            let trees: Vec<tree_sitter::Tree> = self.others.iter().map(|t| parse(t).expect("parses")).collect();
            for (tree, text) in trees.iter().zip(&self.others) {
                files.push(FileIndex::extract(Node::root(tree, text)));
            }
            let index = WorkspaceIndex::build(files);
            let knowledge = Knowledge::builtin();
            let memo = Memo::default();
            f(Semantics::new(0, root, &index, &knowledge, &project, &memo), root)
        }
    }

    /// The first node of `kind` whose text is `text`.
    pub fn find<'a>(root: Node<'a>, kind: &str, text: &str) -> Node<'a> {
        let mut found = None;
        root.walk(|n| {
            if found.is_none() && n.kind() == kind && n.text() == text {
                found = Some(n);
            }
        });
        found.unwrap_or_else(|| panic!("no {kind} `{text}` in the test text"))
    }
}
