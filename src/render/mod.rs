//! Presenting findings and fixes: text listings, JSON, patches and the interactive prompt.

pub mod chain;
pub mod diff;
pub mod github;
pub mod interactive;
pub mod json;
pub mod manual;
pub mod safety;
pub mod sarif;
pub mod summary;
pub mod terminal;
pub mod text;

pub use summary::Counts;

use std::collections::HashMap;

use crate::config::Level;
use crate::diagnostic::Diagnostic;
use crate::fix::{FileId, Session};
use crate::source::{Document, LineCol, LineIndex};

/// Which text of each file a set of diagnostics refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// The files as read (listing, `--dry-run`).
    Original,
    /// The files with the applied fixes (what remains after `--yes`).
    Current,
}

/// Turns diagnostics of one version of the files into paths, lines and columns.
pub struct Locator<'s> {
    session: &'s Session,
    version: Version,
    lines: HashMap<FileId, LineIndex>,
}

impl<'s> Locator<'s> {
    /// A locator for the given version of the session's files.
    pub fn new(session: &'s Session, version: Version) -> Self {
        Locator { session, version, lines: HashMap::new() }
    }

    /// Which version of the files this locator reads.
    pub fn version(&self) -> Version {
        self.version
    }

    /// The session the files belong to.
    pub fn session(&self) -> &'s Session {
        self.session
    }

    /// The document a file id refers to in this version.
    pub fn doc(&self, file: FileId) -> &'s Document {
        let state = &self.session.files[file];
        match self.version {
            Version::Original => &state.original_doc,
            Version::Current => &state.doc,
        }
    }

    /// The display path of a file.
    pub fn path(&self, file: FileId) -> &'s str {
        &self.session.files[file].source.display
    }

    /// The level a finding is reported at (`.editorconfig` severities of its file).
    pub fn level(&self, d: &Diagnostic) -> Level {
        crate::config::level_of(&self.session.files[d.file].settings, d.transform.name)
    }

    /// Line and column of an offset.
    pub fn line_col(&mut self, file: FileId, offset: usize) -> LineCol {
        let text = self.doc(file).text();
        self.lines.entry(file).or_insert_with(|| LineIndex::new(text)).line_col(text, offset)
    }
}
