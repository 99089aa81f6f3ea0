//! The check stage: one depth-first walk per file, each node offered to the passes that asked for
//! its kind.
//!
//! This layer knows passes only through [`Transform`] and [`Meta`] (the transforms live above it),
//! and suppressions in the source only through the [`Suppressor`] it is given.

mod context;
pub mod diagnostic;
mod pass;

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

pub use context::{ConfigureAwaitMode, FileContext, Level, Settings};
pub use pass::{Meta, Transform};

use crate::syntax::{language, Node};
use diagnostic::Diagnostic;

/// Which findings of a file its own source suppresses (`#pragma warning disable`,
/// `[SuppressMessage]`, `// asyncfix: ignore`): given to the [`Checker`] by the configuration
/// layer.
pub trait Suppressor: Send + Sync {
    /// Drops from `found` the findings that the source of the file with tree `root` suppresses.
    fn retain_unsuppressed(&self, root: Node<'_>, text: &str, found: &mut Vec<Diagnostic>);
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
    suppressor: Option<Box<dyn Suppressor>>,
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
        Checker { transforms, by_kind, suppressor: None }
    }

    /// The same checker, leaving out the findings `suppressor` says the source suppresses.
    pub fn with_suppressor(mut self, suppressor: Box<dyn Suppressor>) -> Self {
        self.suppressor = Some(suppressor);
        self
    }

    /// The words one of which a file's code must contain for some pass of this checker to find
    /// anything in it (see [`Meta::words`]); `None` when a pass declares none (it sees every file).
    pub fn relevant_words(&self) -> Option<std::collections::HashSet<&'static str>> {
        let mut words = std::collections::HashSet::new();
        for t in &self.transforms {
            if t.meta().words.is_empty() {
                return None;
            }
            words.extend(t.meta().words.iter().copied());
        }
        Some(words)
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
        if let (false, Some(suppressor)) = (out.is_empty(), &self.suppressor) {
            // A finding suppressed in the source is neither reported nor fixed.
            suppressor.retain_unsuppressed(cx.root, cx.text, &mut out);
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
