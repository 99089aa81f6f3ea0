//! What a pass reports.

use std::ops::Range;

use super::Meta;
use crate::fix::Fix;
use crate::source::FileId;

/// A finding: one pitfall at one place, with a fix when one can be built.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// The transform that found it.
    pub transform: &'static Meta,
    /// The file it is in.
    pub file: FileId,
    /// The byte range it points at, in the file's text.
    pub range: Range<usize>,
    /// A fragment saying what is wrong, code in backticks, no final period.
    pub message: String,
    /// The fix, or `None` when none can be built safely.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding without a fix (yet).
    pub fn new(transform: &'static Meta, file: FileId, range: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic { transform, file, range, message: message.into(), fix: None }
    }

    /// Attaches a fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}
