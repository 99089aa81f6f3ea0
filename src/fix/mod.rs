//! Edits, fixes and how sure asyncfix is of them; planning, validation and writing.

pub mod chain;
pub mod dirty;
mod plan;
mod prefilter;
pub mod shelf;
mod write;

use std::ops::Range;

pub use plan::{Decision, FileState, Outcome, Problem, Session};
pub use prefilter::may_have_findings;
pub use write::{replace_atomically, write_bytes, write_files, WriteReport};

pub use crate::source::FileId;

/// A change to one file: replace `range` (bytes of the text) with `content` (empty = delete).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    /// The file edited.
    pub file: FileId,
    /// The byte range replaced, in the file's text.
    pub range: Range<usize>,
    /// The new text.
    pub content: String,
}

impl Edit {
    /// Inserts `content` at `offset`.
    pub fn insert(file: FileId, offset: usize, content: impl Into<String>) -> Self {
        Edit { file, range: offset..offset, content: content.into() }
    }

    /// Replaces `range` with `content`.
    pub fn replace(file: FileId, range: Range<usize>, content: impl Into<String>) -> Self {
        Edit { file, range, content: content.into() }
    }

    /// Whether two edits of the same file cannot both be applied: their ranges intersect, or they
    /// insert at the same place (the order of the two insertions would be a guess).
    pub fn conflicts_with(&self, other: &Edit) -> bool {
        self.file == other.file
            && (self.range.start == other.range.start
                || (self.range.start < other.range.end && other.range.start < self.range.end))
    }
}

/// How sure asyncfix is that a fix keeps the program's behaviour.
///
/// Ordered so that "may I apply this?" is one comparison with a threshold:
/// `DisplayOnly < Unsafe < Safe`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Shown as a suggestion, never applied.
    DisplayOnly,
    /// Valid code that may change behaviour (timing, exceptions, signatures): applied with
    /// `--unsafe-fixes`, or when the user confirms it interactively.
    Unsafe,
    /// Keeps behaviour: applied by `--yes`.
    Safe,
}

impl Applicability {
    /// The name used in JSON and listings.
    pub fn name(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// A set of edits that together fix one finding. Applied all or nothing, possibly across files.
#[derive(Clone, Debug)]
pub struct Fix {
    /// Imperative title: "Add `.ConfigureAwait(false)`".
    pub description: String,
    /// The edits, sorted by file and position.
    pub edits: Vec<Edit>,
    /// How sure asyncfix is of this fix.
    pub applicability: Applicability,
    /// For a call-chain fix, the methods it changes from the origin to the roots (empty for
    /// other fixes): shown to the reviewer, never used to apply the fix.
    pub chain: chain::Chain,
    /// The isolation group of the fix, if it has one: see [`Isolation`].
    pub isolation: Option<Isolation>,
}

/// Fixes that must not meet in one round, in the manner of ruff's isolation groups: of the fixes
/// of one group (the function they change), a round applies only those of the highest priority;
/// the others wait for the next round, which checks the edited text again and may find them gone.
/// Adding `await` to a method and removing its `async` are each correct, but not together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Isolation {
    /// The function the fix changes: its file and where its declaration starts.
    pub group: (FileId, usize),
    /// Which fixes of the group go first.
    pub priority: Priority,
}

/// Which fixes of an isolation group a round applies: the highest present.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// A fix that makes the function stop being what another fix of the group assumes
    /// (removing `async`).
    Last,
    /// A fix that makes the function await (adding `await` to a call, a wait, a dropped task).
    First,
}

impl Fix {
    /// A fix that keeps behaviour.
    pub fn safe(description: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(description, edits, Applicability::Safe)
    }

    /// A fix with the given applicability; edits are sorted.
    pub fn new(description: impl Into<String>, mut edits: Vec<Edit>, applicability: Applicability) -> Self {
        edits.sort_by_key(|e| (e.file, e.range.start, e.range.end));
        Fix { description: description.into(), edits, applicability, chain: chain::Chain::default(), isolation: None }
    }

    /// The same fix, in an isolation group.
    pub fn isolated(mut self, group: (FileId, usize), priority: Priority) -> Self {
        self.isolation = Some(Isolation { group, priority });
        self
    }

    /// The same fix, with the shape of the call chain it changes.
    pub fn with_chain(mut self, chain: chain::Chain) -> Self {
        self.chain = chain;
        self
    }

    /// Whether any edit of this fix conflicts with one of `other`.
    pub fn conflicts_with(&self, other: &Fix) -> bool {
        self.edits.iter().any(|a| other.edits.iter().any(|b| a.conflicts_with(b)))
    }

    /// The files this fix edits, each once.
    pub fn files(&self) -> Vec<FileId> {
        let mut files: Vec<_> = self.edits.iter().map(|e| e.file).collect();
        files.dedup();
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applicability_threshold_is_one_comparison() {
        assert!(Applicability::Safe >= Applicability::Unsafe);
        assert!(Applicability::Unsafe >= Applicability::Unsafe);
        assert!(Applicability::DisplayOnly < Applicability::Unsafe);
    }

    #[test]
    fn conflicts() {
        let a = Edit::replace(0, 5..10, "x");
        assert!(a.conflicts_with(&Edit::replace(0, 9..12, "y")));
        assert!(!a.conflicts_with(&Edit::replace(0, 10..12, "y")), "touching ranges both apply");
        assert!(!a.conflicts_with(&Edit::replace(1, 5..10, "y")), "other file");
        assert!(Edit::insert(0, 3, "a").conflicts_with(&Edit::insert(0, 3, "b")));
        assert!(!Edit::insert(0, 3, "a").conflicts_with(&Edit::insert(0, 4, "b")));
    }
}
