//! The guard for uncommitted work: asyncfix does not write into a file that git says has changes
//! not yet committed (modified, staged, untracked), unless told to with `--allow-dirty`. Outside a
//! git work tree, or when git cannot be run, every file may be written.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config::absolute;

/// The files among `paths` that have uncommitted changes, as given.
pub fn dirty_files(paths: &[PathBuf]) -> Vec<PathBuf> {
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
            if changed.contains(&abs) {
                dirty.push(given.clone());
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
/// when given), absolute; `None` when git cannot be run there (then the folder counts as outside
/// git).
fn changed_in(root: &Path, scope: Option<&Path>) -> Option<BTreeSet<PathBuf>> {
    let mut command = Command::new("git");
    command.arg("-C").arg(root).args(["status", "--porcelain", "-z", "--untracked-files=all", "--ignored=no"]);
    if let Some(scope) = scope {
        command.arg("--").arg(scope);
    }
    let output = command.output().ok()?;
    if !output.status.success() {
        return None;
    }
    Some(parse_porcelain(&output.stdout).into_iter().map(|p| root.join(p)).collect())
}

/// The paths of `git status --porcelain -z`: `XY path\0`, and for renames and copies
/// `XY new\0old\0` (both count).
fn parse_porcelain(bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut entries = bytes.split(|&b| b == 0).filter(|e| !e.is_empty());
    while let Some(entry) = entries.next() {
        if entry.len() < 4 {
            continue;
        }
        out.push(String::from_utf8_lossy(&entry[3..]).into_owned());
        if matches!(entry[0], b'R' | b'C') {
            if let Some(old) = entries.next() {
                out.push(String::from_utf8_lossy(old).into_owned());
            }
        }
    }
    out
}

/// The message refusing to write into `dirty` files.
pub fn refusal(dirty: &[String]) -> String {
    let mut message = String::from("these files have uncommitted changes; asyncfix wrote nothing:\n");
    for path in dirty {
        message.push_str(&format!("  {path}\n"));
    }
    message.push_str("commit or stash them first, or pass --allow-dirty to write into them anyway");
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porcelain_entries_and_renames() {
        let out = b" M src/A.cs\0?? new file.cs\0R  src/B.cs\0src/Old.cs\0A  src/C.cs\0";
        assert_eq!(parse_porcelain(out), ["src/A.cs", "new file.cs", "src/B.cs", "src/Old.cs", "src/C.cs"]);
    }
}
