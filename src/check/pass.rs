//! The vocabulary of a pass: what a transform is called and documented as, and the trait every
//! transform implements.

use super::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::Applicability;
use crate::syntax::Node;

/// What a transform is called and how it is documented.
#[derive(Debug)]
pub struct Meta {
    /// Stable kebab-case name that names the pitfall (`missing-configure-await`).
    pub name: &'static str,
    /// Stable short code (`AF001`).
    pub code: &'static str,
    /// One line for `--list`.
    pub summary: &'static str,
    /// Whether the transform runs without `--select`.
    pub default_enabled: bool,
    /// The best applicability its fixes have.
    pub fix: Applicability,
    /// `transforms/<name>/README.md`, compiled in for `--explain`.
    pub documentation: &'static str,
    /// Words one of which the code of a file must contain (as whole words; or a name ending in
    /// `Async`, which counts for every pass) for the pass to find anything there: the pre-filter
    /// does not parse or check the other files. Empty: the pass sees every file.
    pub words: &'static [&'static str],
}

/// A pass over the syntax tree of one file.
pub trait Transform: Sync + Send {
    /// Name, code and documentation.
    fn meta(&self) -> &'static Meta;

    /// The node kinds the pass looks at; [`Transform::check`] is called for each such node.
    fn kinds(&self) -> &'static [&'static str];

    /// Whether the pass has anything to do in this file at all (project kind, settings).
    fn applies_to(&self, _cx: &FileContext<'_>) -> bool {
        true
    }

    /// Looks at one node of a kind named in [`Transform::kinds`] and reports what it finds.
    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>);
}
