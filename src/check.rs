//! The check stage: one depth-first walk per file, each node offered to the passes that asked for
//! its kind.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hash;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use crate::config::suppress::Suppressions;
use crate::diagnostic::Diagnostic;
use crate::fix::FileId;
use crate::index::{Knowledge, MethodRef, WorkspaceIndex};
use crate::semantic::{Memo, Semantics};
use crate::source::{dominant_newline, indent_unit, line_indent};
use crate::syntax::{language, Node};
use crate::transforms::{ConfigureAwaitMode, Transform};
use crate::workspace::Project;

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
    /// Names of the transforms that do not run on this file, although the checker has them
    /// (`.editorconfig` severities, the `select`/`ignore` of the file's `asyncfix.toml`).
    pub disabled: BTreeSet<&'static str>,
    /// The level of each transform's findings that an `.editorconfig` severity gives (warning
    /// when not listed): see [`crate::config::level_of`].
    pub levels: BTreeMap<&'static str, crate::config::Level>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            configure_await: ConfigureAwaitMode::default(),
            async_suffix: true,
            keep_public_api: false,
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

/// A pass that panicked: reported as an internal error naming the file and the transform.
#[derive(Debug)]
pub struct Panic {
    /// The transform's name.
    pub transform: &'static str,
    /// The panic message.
    pub message: String,
}

/// Runs a set of passes with kind-indexed dispatch.
pub struct Checker {
    transforms: Vec<&'static dyn Transform>,
    /// For each node kind id, the indexes of the transforms that look at it.
    by_kind: Vec<Vec<usize>>,
}

impl Checker {
    /// Prepares the dispatch table for `transforms`.
    pub fn new(transforms: Vec<&'static dyn Transform>) -> Self {
        let language = language();
        let mut by_kind = vec![Vec::new(); language.node_kind_count() + 1];
        for (i, t) in transforms.iter().enumerate() {
            for kind in t.kinds() {
                let id = language.id_for_node_kind(kind, true);
                assert!(id != 0, "{}: unknown node kind {kind}", t.meta().name);
                by_kind[id as usize].push(i);
            }
        }
        Checker { transforms, by_kind }
    }

    /// The passes this checker runs.
    pub fn transforms(&self) -> &[&'static dyn Transform] {
        &self.transforms
    }

    /// Checks one file. A pass that panics is stopped for this file and reported; the others go on.
    pub fn check(&self, cx: &FileContext<'_>) -> (Vec<Diagnostic>, Vec<Panic>) {
        let mut out = Vec::new();
        let mut panics = Vec::new();
        let mut active: Vec<bool> = self
            .transforms
            .iter()
            .map(|t| !cx.settings.disabled.contains(t.meta().name) && guarded(|| t.applies_to(cx)).unwrap_or(true))
            .collect();
        if !active.iter().any(|&a| a) {
            return (out, panics);
        }
        cx.root.walk(|node| {
            let Some(interested) = self.by_kind.get(node.kind_id() as usize) else { return };
            for &i in interested {
                if !active[i] {
                    continue;
                }
                let transform = self.transforms[i];
                let before = out.len();
                if let Err(message) = guarded(|| transform.check(node, cx, &mut out)) {
                    out.truncate(before);
                    active[i] = false;
                    panics.push(Panic { transform: transform.meta().name, message });
                }
            }
        });
        if !out.is_empty() {
            // A finding suppressed in the source is neither reported nor fixed.
            let suppressions = Suppressions::of(cx.root);
            out.retain(|d| !suppressions.covers(d.transform.name, cx.text, d.range.start));
        }
        out.sort_by_key(|d| (d.range.start, d.range.end));
        (out, panics)
    }
}

thread_local! {
    static IN_PASS: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into its message. While a pass runs, the default panic hook is quiet:
/// the panic is reported once, as an internal error naming the file and the transform.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_quiet_hook();
    IN_PASS.with(|p| p.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    IN_PASS.with(|p| p.set(false));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into())
    })
}

fn install_quiet_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_PASS.with(Cell::get) {
                default(info);
            }
        }));
    });
}

pub use crate::semantic::memo::directive_lines;
