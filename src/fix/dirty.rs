//! The guard for uncommitted work: asyncfix does not write into a file that git says has changes
//! not yet committed (modified, staged, untracked), unless told to with `--allow-dirty`, or, for
//! files whose changes are all staged, `--allow-staged` (as `cargo fix` has: a pre-commit hook
//! runs with the unstaged changes stashed away). Only the files a run would write are asked
//! about. Outside a git work tree, or when git cannot be run, every file may be written.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config::absolute;
use crate::fix::{Applicability, FileId, Session};

/// How a file's uncommitted changes stand in git.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Every change is staged (`git add`ed): `--allow-staged` lets asyncfix write it.
    Staged,
    /// Some change is not staged.
    NotStaged,
    /// Not known to git at all.
    Untracked,
}

impl Change {
    fn name(self) -> &'static str {
        match self {
            Change::Staged => "staged",
            Change::NotStaged => "not staged",
            Change::Untracked => "untracked",
        }
    }
}

/// What the guard lets asyncfix write into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Allow {
    /// `--allow-dirty`: every file.
    pub dirty: bool,
    /// `--allow-staged`: files whose changes are all staged.
    pub staged: bool,
}

/// The files `fixes at least as sure as threshold` would edit in the session's current findings:
/// what an interactive run may write, asked about before the first question.
pub fn files_fixes_would_edit(session: &Session, threshold: Applicability) -> BTreeSet<FileId> {
    session
        .diagnostics()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability >= threshold && f.applicability != Applicability::DisplayOnly)
        .flat_map(|f| f.edits.iter().map(|e| e.file))
        .collect()
}

/// The files of the session that have changed since they were read: what writing would write.
pub fn changed_files(session: &Session) -> BTreeSet<FileId> {
    (0..session.files.len()).filter(|&f| session.files[f].is_changed()).collect()
}

/// Fails, naming them, if `allow` does not let asyncfix write into each of `files`.
pub fn refuse_uncommitted(session: &Session, files: &BTreeSet<FileId>, allow: Allow) -> Result<(), String> {
    if allow.dirty || files.is_empty() {
        return Ok(());
    }
    let paths: Vec<PathBuf> = files.iter().map(|&f| session.files[f].source.path.clone()).collect();
    let changes: HashMap<PathBuf, Change> = uncommitted_files(&paths).into_iter().collect();
    let refused: Vec<(String, Change)> = files
        .iter()
        .map(|&f| &session.files[f].source)
        .filter_map(|s| changes.get(&s.path).map(|&c| (s.display.clone(), c)))
        .filter(|&(_, change)| !(allow.staged && change == Change::Staged))
        .collect();
    if refused.is_empty() {
        Ok(())
    } else {
        Err(refusal(&refused))
    }
}

/// The files among `paths` that have uncommitted changes, as given, with how they stand.
pub fn uncommitted_files(paths: &[PathBuf]) -> Vec<(PathBuf, Change)> {
    let mut by_root: HashMap<PathBuf, Vec<(PathBuf, &PathBuf)>> = HashMap::new();
    for path in paths {
        let abs = absolute(path);
        if let Some(root) = work_tree_root(&abs) {
            by_root.entry(root).or_default().push((abs, path));
        }
    }
    let mut dirty = Vec::new();
    for (root, files) in by_root {
        // Ask only about the folder that holds all of them: a whole large work tree takes longer.
        let common = files.iter().skip(1).fold(files[0].0.parent().unwrap_or(&root).to_path_buf(), |common, (f, _)| {
            common.ancestors().find(|a| f.starts_with(a)).unwrap_or(&root).to_path_buf()
        });
        let scope = common.strip_prefix(&root).ok().filter(|s| !s.as_os_str().is_empty());
        let Some(changed) = changed_in(&root, scope) else { continue };
        for (abs, given) in files {
            if let Some(&change) = changed.get(&abs) {
                dirty.push((given.clone(), change));
            }
        }
    }
    dirty.sort();
    dirty
}

/// The nearest folder above `path` holding `.git` (a folder, or a file for linked work trees).
fn work_tree_root(path: &Path) -> Option<PathBuf> {
    path.ancestors().skip(1).find(|d| d.join(".git").exists()).map(Path::to_path_buf)
}

/// Every path `git status` lists in the work tree at `root` (under `scope`, relative to `root`,
/// when given), absolute, with how it stands; `None` when git cannot be run there (then the folder
/// counts as outside git).
fn changed_in(root: &Path, scope: Option<&Path>) -> Option<HashMap<PathBuf, Change>> {
    let mut command = Command::new("git");
    command.arg("-C").arg(root).args(["status", "--porcelain", "-z", "--untracked-files=all", "--ignored=no"]);
    if let Some(scope) = scope {
        command.arg("--").arg(scope);
    }
    let output = command.output().ok()?;
    if !output.status.success() {
        return None;
    }
    Some(parse_porcelain(&output.stdout).into_iter().map(|(p, change)| (root.join(p), change)).collect())
}

/// The paths of `git status --porcelain -z` with how they stand: `XY path\0`, where `X` is the
/// index and `Y` the work tree (`??` untracked, `Y` other than a space: a change not staged), and
/// for renames and copies `XY new\0old\0` (both count).
fn parse_porcelain(bytes: &[u8]) -> Vec<(String, Change)> {
    let mut out = Vec::new();
    let mut entries = bytes.split(|&b| b == 0).filter(|e| !e.is_empty());
    while let Some(entry) = entries.next() {
        if entry.len() < 4 {
            continue;
        }
        let change = match (entry[0], entry[1]) {
            (b'?', b'?') => Change::Untracked,
            (_, b' ') => Change::Staged,
            _ => Change::NotStaged,
        };
        out.push((String::from_utf8_lossy(&entry[3..]).into_owned(), change));
        if matches!(entry[0], b'R' | b'C') {
            if let Some(old) = entries.next() {
                out.push((String::from_utf8_lossy(old).into_owned(), change));
            }
        }
    }
    out
}

/// The message refusing to write into `dirty` files (display path, how it stands).
pub fn refusal(dirty: &[(String, Change)]) -> String {
    let mut message = String::from("these files have uncommitted changes; asyncfix wrote nothing:\n");
    for (path, change) in dirty {
        message.push_str(&format!("  {path} ({})\n", change.name()));
    }
    message.push_str("commit or stash them first, or pass --allow-dirty to write into them anyway");
    if dirty.iter().all(|&(_, change)| change == Change::Staged) {
        message.push_str(" (or --allow-staged: their changes are all staged)");
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porcelain_entries_and_renames() {
        let out = b" M src/A.cs\0?? new file.cs\0R  src/B.cs\0src/Old.cs\0A  src/C.cs\0MM src/D.cs\0UU src/E.cs\0";
        let (staged, not_staged, untracked) = (Change::Staged, Change::NotStaged, Change::Untracked);
        let expected = [
            ("src/A.cs", not_staged),
            ("new file.cs", untracked),
            ("src/B.cs", staged),
            ("src/Old.cs", staged),
            ("src/C.cs", staged),
            ("src/D.cs", not_staged),
            ("src/E.cs", not_staged),
        ];
        assert_eq!(parse_porcelain(out), expected.map(|(p, c)| (p.to_owned(), c)));
    }

    #[test]
    fn the_refusal_names_each_file_and_offers_allow_staged_only_when_it_would_do() {
        let staged = refusal(&[("src/A.cs".into(), Change::Staged)]);
        assert_eq!(
            staged,
            "these files have uncommitted changes; asyncfix wrote nothing:\n  src/A.cs (staged)\n\
             commit or stash them first, or pass --allow-dirty to write into them anyway \
             (or --allow-staged: their changes are all staged)"
        );
        let mixed = refusal(&[("src/A.cs".into(), Change::Staged), ("src/B.cs".into(), Change::Untracked)]);
        assert!(mixed.contains("  src/B.cs (untracked)\n") && !mixed.contains("--allow-staged"), "{mixed}");
    }
}
