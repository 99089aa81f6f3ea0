//! Writing edited files: only files that were read, only if unchanged on disk since, atomically.

use std::io::Write;
use std::path::Path;

use std::collections::HashMap;

use crate::fix::plan::{Problem, Session};
use crate::fix::FileId;
use crate::workspace::io_message;

/// What the writer did.
#[derive(Debug, Default)]
pub struct WriteReport {
    /// Files written, by display path.
    pub written: Vec<String>,
    /// Files not written, with the reason.
    pub skipped: Vec<Problem>,
}

/// Writes every file whose text changed. A file whose bytes on disk differ from what was read is
/// skipped and named, and so is every file an applied fix joins it with (a fix spanning files is
/// written whole or not at all). Each file is written to a temporary file in its own folder, which
/// then replaces it: a reader sees either the old file or the new one, never a mix.
pub fn write_files(session: &Session) -> WriteReport {
    let mut report = WriteReport::default();
    let changed: Vec<FileId> = (0..session.files.len()).filter(|&f| session.files[f].is_changed()).collect();
    let mut held: HashMap<FileId, String> = HashMap::new();
    for &f in &changed {
        // Only a file an applied fix joins with others needs this early look; every file is
        // compared with the disk again right before it is replaced.
        let others: Vec<FileId> = session.linked_files(f).into_iter().filter(|&o| o != f).collect();
        let file = &session.files[f];
        if others.is_empty() || std::fs::read(&file.source.path).is_ok_and(|bytes| bytes == file.original_bytes()) {
            continue;
        }
        for other in others {
            held.entry(other).or_insert_with(|| file.source.display.clone());
        }
    }
    for f in changed {
        let file = &session.files[f];
        let display = &file.source.display;
        let result = match held.get(&f) {
            Some(other) => Err(format!(
                "not written: a fix also edits `{other}`, which changed on disk since asyncfix read it; run asyncfix again"
            )),
            None => write_bytes(&file.source.path, &file.original_bytes(), &file.doc.to_disk()),
        };
        match result {
            Ok(()) => report.written.push(display.clone()),
            Err(message) => report.skipped.push(Problem { path: display.clone(), message }),
        }
    }
    report
}

/// Writes `bytes` to `path` atomically, only if the file still holds `expected`. The error says
/// why nothing was written.
pub fn write_bytes(path: &Path, expected: &[u8], bytes: &[u8]) -> Result<(), String> {
    // Write through a symbolic link to its target: replacing the link by a file would leave the
    // real file unfixed.
    let resolved = std::fs::canonicalize(path).map_err(|e| format!("not written: {}", io_message(&e)))?;
    let path = resolved.as_path();
    let on_disk = std::fs::read(path).map_err(|e| format!("not written: cannot read it again: {}", io_message(&e)))?;
    if on_disk != expected {
        return Err("not written: the file changed on disk since asyncfix read it; run asyncfix again".into());
    }
    let permissions = std::fs::metadata(path).map_err(|e| format!("not written: {}", io_message(&e)))?.permissions();
    replace_atomically(path, bytes, Some(permissions)).map_err(|e| format!("not written: {}", io_message(&e)))
}

/// Replaces (or creates) `path` with `bytes` through a temporary file in the same folder and a
/// rename: a reader sees the old content or the new, never a part. `permissions` are given to the
/// new file (a fixed source file keeps its mode); the temporary file is removed on failure.
pub fn replace_atomically(path: &Path, bytes: &[u8], permissions: Option<std::fs::Permissions>) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.asyncfix-{}.tmp", std::process::id()));
    let result = (|| {
        let mut out = std::fs::File::create(&temp)?;
        out.write_all(bytes)?;
        out.sync_all()?;
        if let Some(permissions) = permissions {
            std::fs::set_permissions(&temp, permissions)?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
