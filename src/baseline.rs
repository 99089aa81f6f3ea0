//! Baselines: the findings a team has accepted for now, so that a repository with hundreds of
//! findings can adopt asyncfix and fail CI only on new ones.
//!
//! `--write-baseline FILE` records every current finding as its transform, its file (relative to
//! the baseline's folder) and a fingerprint of its code; `--baseline FILE` (or `baseline = "…"` in
//! `asyncfix.toml`) leaves out the findings that match an entry. The fingerprint is a hash of the
//! transform and the text of the lines the finding spans, with runs of whitespace collapsed: it
//! survives lines added or removed above (and re-indentation), and a finding whose lines change
//! is reported again. Entries are matched as a multiset per file: two identical lines with the
//! same finding need two entries, and the first findings of a file in order are the ones hidden.
//!
//! The file is JSON, sorted and without line numbers or dates, so that the same findings give the
//! same bytes and moving code does not rewrite it:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     { "path": "src/Lib/Client.cs", "transform": "missing-configure-await", "fingerprint": "5f0c…", "message": "…" }
//!   ]
//! }
//! ```
//!
//! The message is there for the reader; it is not matched (it may name counts that change).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::fix::{FileId, Session};

/// The version of the file's shape.
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    transform: String,
    fingerprint: String,
    message: String,
}

/// A loaded baseline.
#[derive(Debug)]
pub struct Baseline {
    /// The file, as given.
    pub path: PathBuf,
    /// Its folder, absolute: entry paths are relative to it.
    dir: PathBuf,
    /// How many findings each (path, transform, fingerprint) hides.
    entries: HashMap<(String, String, String), usize>,
}

impl Baseline {
    /// Reads the baseline at `path`; errors name it.
    pub fn load(path: &Path) -> Result<Baseline> {
        let shown = crate::workspace::display_path(path, &std::env::current_dir().unwrap_or_default());
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow!("baseline {shown}: cannot be read: {}", crate::workspace::io_message(&e)))?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| anyhow!("baseline {shown}: not a baseline written by `--write-baseline`: {e}"))?;
        if file.version != VERSION {
            bail!("baseline {shown}: version {} is not known (this asyncfix writes version {VERSION})", file.version);
        }
        let mut entries = HashMap::new();
        for e in file.findings {
            *entries.entry((e.path, e.transform, e.fingerprint)).or_default() += 1;
        }
        Ok(Baseline { path: path.to_path_buf(), dir: folder_of(path), entries })
    }

    /// Which of the current diagnostics of `file` the baseline hides, in their order.
    pub fn hidden_in(&self, session: &Session, file: FileId) -> Vec<bool> {
        let path = relative(&session.files[file].source.path, &self.dir);
        let mut left: HashMap<(&str, String), usize> = HashMap::new();
        session.files[file]
            .diagnostics
            .iter()
            .map(|d| {
                let key = (path.clone(), d.transform.name.to_owned(), fingerprint(session, d));
                let available = self.entries.get(&key).copied().unwrap_or(0);
                let used = left.entry((d.transform.name, key.2)).or_default();
                let hidden = *used < available;
                *used += usize::from(hidden);
                hidden
            })
            .collect()
    }

    /// Whether the baseline hides `d`, one of the session's current diagnostics.
    pub fn hides(&self, session: &Session, d: &Diagnostic) -> bool {
        let own = &session.files[d.file].diagnostics;
        match own.iter().position(|x| std::ptr::eq(x, d)) {
            Some(i) => self.hidden_in(session, d.file)[i],
            None => false,
        }
    }

    /// The session's current diagnostics that the baseline does not hide, in order, and how many
    /// it hides.
    pub fn shown(&self, session: &Session) -> (Vec<Diagnostic>, usize) {
        let mut shown = Vec::new();
        let mut hidden = 0;
        for file in 0..session.files.len() {
            let flags = self.hidden_in(session, file);
            for (d, hide) in session.files[file].diagnostics.iter().zip(flags) {
                if hide {
                    hidden += 1;
                } else {
                    shown.push(d.clone());
                }
            }
        }
        (shown, hidden)
    }
}

/// Writes every current diagnostic of `session` to a baseline at `path` (atomically); returns
/// how many.
pub fn write(path: &Path, session: &Session) -> Result<usize> {
    let dir = folder_of(path);
    let mut findings: Vec<Entry> = session
        .diagnostics()
        .map(|d| Entry {
            path: relative(&session.files[d.file].source.path, &dir),
            transform: d.transform.name.to_owned(),
            fingerprint: fingerprint(session, d),
            message: d.message.clone(),
        })
        .collect();
    findings.sort();
    let count = findings.len();
    let mut text = serde_json::to_string_pretty(&BaselineFile { version: VERSION, findings })?;
    text.push('\n');
    crate::fix::replace_atomically(path, text.as_bytes(), None)
        .map_err(|e| anyhow!("baseline {}: {}", path.display(), crate::workspace::io_message(&e)))?;
    Ok(count)
}

/// The fingerprint of a current diagnostic: its transform and the lines it spans, whitespace
/// collapsed (16 hex digits of a SHA-256).
pub fn fingerprint(session: &Session, d: &Diagnostic) -> String {
    let text = session.files[d.file].doc.text();
    let start = text[..d.range.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let end = text[d.range.end.min(text.len())..].find('\n').map_or(text.len(), |i| d.range.end + i);
    let lines: Vec<String> =
        text[start..end].lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    let digest = Sha256::digest(format!("{}\n{}", d.transform.name, lines.join("\n")).as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The absolute folder of a file path.
fn folder_of(path: &Path) -> PathBuf {
    crate::config::absolute(path).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// `path` relative to `dir`, `/`-separated (with `..` where it lies outside).
fn relative(path: &Path, dir: &Path) -> String {
    let path = crate::config::absolute(path);
    let common = path.components().zip(dir.components()).take_while(|(a, b)| a == b).count();
    let ups = dir.components().count() - common;
    let mut parts: Vec<String> = vec!["..".to_owned(); ups];
    parts.extend(path.components().skip(common).map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_baseline_folder() {
        assert_eq!(relative(Path::new("/repo/src/A.cs"), Path::new("/repo")), "src/A.cs");
        assert_eq!(relative(Path::new("/repo/src/A.cs"), Path::new("/repo/ci")), "../src/A.cs");
    }
}
