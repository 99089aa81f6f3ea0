//! What a pass can see: the file, its project, the workspace, the settings that apply to it.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hash;
use std::sync::Arc;

use crate::index::{Knowledge, MethodRef, WorkspaceIndex};
use crate::semantic::{Memo, Semantics};
use crate::source::{dominant_newline, indent_unit, line_indent, FileId};
use crate::syntax::Node;
use crate::workspace::Project;

/// `--configure-await`: which projects count as libraries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ConfigureAwaitMode {
    /// Library projects only, detected from the project file.
    #[default]
    Auto,
    /// Every project, as if it were a library (UI, request and test code is still left alone).
    Always,
    /// Never.
    Never,
}

/// The level a finding is reported at: `.editorconfig` severities as Roslyn reads them (`error`,
/// `warning`, `suggestion` and `silent` as a note). SARIF and GitHub annotations carry it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// `suggestion` or `silent`: SARIF `note`, a GitHub `::notice`.
    Note,
    /// `warning`, and the level of every transform no severity is given for.
    #[default]
    Warning,
    /// `error`: SARIF `error`, a GitHub `::error`.
    Error,
}

impl Level {
    /// The SARIF name: `note`, `warning` or `error`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// Choices that change what passes report, from the command line and the configuration that
/// applies to a file (`asyncfix.toml`, `.editorconfig`).
#[derive(Clone, Debug)]
pub struct Settings {
    /// `--configure-await`, or `configure-await` in `asyncfix.toml`.
    pub configure_await: ConfigureAwaitMode,
    /// Whether a method made async gets the `Async` suffix (`async-suffix` in `asyncfix.toml`).
    pub async_suffix: bool,
    /// Call-chain fixes stop at public members of library projects instead of changing their
    /// signatures (adding a parameter is source-compatible but not binary-compatible):
    /// `--keep-public-api`, or `public-api = "keep"` in `asyncfix.toml`.
    pub keep_public_api: bool,
    /// async-all-the-way makes public and protected members of library projects async too (by
    /// default its chains stop there): `--change-public-api`, or `public-api = "change"`.
    pub change_public_api: bool,
    /// Names of the transforms that do not run on this file, although the checker has them
    /// (`.editorconfig` severities, the `select`/`ignore` of the file's `asyncfix.toml`).
    pub disabled: BTreeSet<&'static str>,
    /// The level of each transform's findings that an `.editorconfig` severity gives (warning
    /// when not listed): see [`crate::config::level_of`].
    pub levels: BTreeMap<&'static str, Level>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            configure_await: ConfigureAwaitMode::default(),
            async_suffix: true,
            keep_public_api: false,
            change_public_api: false,
            disabled: BTreeSet::new(),
            levels: BTreeMap::new(),
        }
    }
}

/// What a pass can see of the file it checks.
pub struct FileContext<'a> {
    /// The file's id, for diagnostics and edits.
    pub file: FileId,
    /// The file's path as shown to the user (`src/Views/Main.xaml.cs`).
    pub path: &'a str,
    /// The file's text.
    pub text: &'a str,
    /// The root of its syntax tree.
    pub root: Node<'a>,
    /// The project the file belongs to.
    pub project: &'a Project,
    /// Every project of the workspace, for fixes that reach into other files.
    pub projects: &'a [Project],
    /// The project of each file: `projects[file_projects[file]]`.
    pub file_projects: &'a [usize],
    /// The whole workspace's declarations.
    pub index: &'a WorkspaceIndex,
    /// Facts about .NET APIs.
    pub knowledge: &'a Knowledge,
    /// Command-line choices.
    pub settings: &'a Settings,
    /// Facts about the text computed once per file, on first use.
    pub memo: Memo,
}

impl FileContext<'_> {
    /// The index entry of the method that `node`, a `method_declaration` of this file, declares.
    pub fn method_declared_by(&self, node: Node<'_>) -> Option<MethodRef> {
        self.index.file(self.file).method_at(&node.range()).map(|i| (self.file, i))
    }

    /// Whether the transform called `name` runs on this file (it is selected, and neither the
    /// configuration nor an `.editorconfig` severity turns it off): a transform that leaves some
    /// sites to another one reports them itself where that one does not run.
    pub fn is_active(&self, name: &str) -> bool {
        !self.settings.disabled.contains(name)
    }

    /// The semantic model of this file: what calls bind to, the types of expressions, task kinds,
    /// the uses of methods, where `await` may stand.
    pub fn sem(&self) -> Semantics<'_> {
        Semantics::new(self.file, self.root, self.index, self.knowledge, self.project, &self.memo)
    }

    /// The lines that start with `#` (after indentation), without their line break, in order.
    pub fn directive_lines(&self) -> &[std::ops::Range<usize>] {
        self.memo.directive_lines(self.text)
    }

    /// The fact `compute` gives for `key`, computed on the first request of this file and shared
    /// by the later ones (see [`Memo::memoized`]).
    pub fn memoized<K, V>(&self, key: K, compute: impl FnOnce() -> V) -> Arc<V>
    where
        K: Hash + Eq + Send + 'static,
        V: Send + Sync + 'static,
    {
        self.memo.memoized(key, compute)
    }

    /// The project of any file of the workspace.
    pub fn project_of(&self, file: FileId) -> Option<&Project> {
        self.file_projects.get(file).and_then(|&p| self.projects.get(p))
    }

    /// The line ending that inserted text should use.
    pub fn newline(&self) -> &'static str {
        dominant_newline(self.text)
    }

    /// The indentation of the line containing `offset`.
    pub fn indent_at(&self, offset: usize) -> &str {
        line_indent(self.text, offset)
    }

    /// One level of indentation as the file writes it: a tab, or the smallest run of leading
    /// spaces found (4 when the file gives no hint).
    pub fn indent_unit(&self) -> String {
        indent_unit(self.text)
    }
}
