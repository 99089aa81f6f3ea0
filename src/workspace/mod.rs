//! Discovery: which source files to look at and which project each belongs to.

mod project;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

pub use project::{Project, ProjectKind};

/// Index of a project in [`Workspace::projects`].
pub type ProjectId = usize;

/// A source file found by discovery.
#[derive(Clone, Debug)]
pub struct SourcePath {
    /// The path to read.
    pub path: PathBuf,
    /// The path as shown to the user and in patches: relative to the current directory.
    pub display: String,
    /// The project the file belongs to.
    pub project: ProjectId,
}

/// Everything discovery found: source files, their projects, and the problems met on the way.
#[derive(Debug, Default)]
pub struct Workspace {
    /// Source files, sorted by display path.
    pub files: Vec<SourcePath>,
    /// Projects; index 0 is the stand-in for files outside any project.
    pub projects: Vec<Project>,
    /// Problems that do not stop the run, each naming its path (missing paths, unreadable
    /// project files).
    pub errors: Vec<(String, String)>,
    /// Warnings: files are still processed (a project file that could not be read).
    pub warnings: Vec<(String, String)>,
}

impl Workspace {
    /// Walks `paths` (files or folders) for `*.cs`, honouring `.gitignore` and skipping `bin/`
    /// and `obj/`, then maps each file to the nearest enclosing `.csproj`.
    pub fn discover(paths: &[PathBuf]) -> Workspace {
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut ws = Workspace { projects: vec![Project::unknown()], ..Workspace::default() };
        let found = Mutex::new(Vec::new());
        for path in paths {
            let meta = match std::fs::metadata(path) {
                Ok(meta) => meta,
                Err(err) => {
                    ws.errors.push((display_path(path, &cwd), io_message(&err)));
                    continue;
                }
            };
            if meta.is_file() {
                if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("cs")) {
                    found.lock().unwrap().push(path.clone());
                } else {
                    ws.errors.push((display_path(path, &cwd), "not a C# source file (.cs)".into()));
                }
                continue;
            }
            walk(path, &found);
        }
        let mut files = found.into_inner().unwrap();
        files.sort();
        files.dedup();

        let mut finder = ProjectFinder::default();
        for path in files {
            let project = finder.project_of(&path, &mut ws);
            ws.files.push(SourcePath { display: display_path(&path, &cwd), path, project });
        }
        ws.files.sort_by(|a, b| a.display.cmp(&b.display));
        ws.files.dedup_by(|a, b| a.display == b.display);
        ws
    }
}

fn walk(root: &Path, found: &Mutex<Vec<PathBuf>>) {
    let walker = ignore::WalkBuilder::new(root)
        .filter_entry(|entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir && entry.depth() > 0 && matches!(entry.file_name().to_str(), Some("bin" | "obj")))
        })
        .build_parallel();
    walker.run(|| {
        Box::new(|entry| {
            if let Ok(entry) = entry {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && entry.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("cs")) {
                    found.lock().unwrap().push(entry.into_path());
                }
            }
            ignore::WalkState::Continue
        })
    });
}

/// Finds the nearest `.csproj` above each file, reading each folder and each project once.
#[derive(Default)]
struct ProjectFinder {
    by_dir: HashMap<PathBuf, ProjectId>,
}

impl ProjectFinder {
    fn project_of(&mut self, file: &Path, ws: &mut Workspace) -> ProjectId {
        let mut visited = Vec::new();
        let mut dir = file.parent().map(Path::to_path_buf);
        let mut result = 0;
        while let Some(d) = dir {
            let key = if d.as_os_str().is_empty() { PathBuf::from(".") } else { d.clone() };
            if let Some(&id) = self.by_dir.get(&key) {
                result = id;
                break;
            }
            if let Some(csproj) = csproj_in(&key) {
                result = ws.projects.len();
                let project = Project::load(&csproj).unwrap_or_else(|err| {
                    ws.warnings.push((
                        csproj.display().to_string(),
                        format!("{err:#}; its files are treated as of unknown project kind"),
                    ));
                    Project { path: Some(csproj.clone()), ..Project::unknown() }
                });
                ws.projects.push(project);
                visited.push(key);
                break;
            }
            visited.push(key.clone());
            dir = absolute_parent(&key);
        }
        for d in visited {
            self.by_dir.insert(d, result);
        }
        result
    }
}

fn absolute_parent(dir: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(dir).ok()?;
    abs.parent().map(Path::to_path_buf)
}

fn csproj_in(dir: &Path) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csproj")) && p.is_file())
        .collect();
    found.sort();
    found.into_iter().next()
}

/// The path as the user should see it: relative to `cwd` when inside it, without `./` prefixes.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let relative = if path.is_absolute() { path.strip_prefix(cwd).unwrap_or(path) } else { path };
    let parts: Vec<_> = relative
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if relative.is_absolute() {
        relative.display().to_string()
    } else {
        parts.join("/")
    }
}

/// An I/O error as a short lower-case message.
pub fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_are_relative_without_dot_prefix() {
        let cwd = Path::new("/home/u/repo");
        assert_eq!(display_path(Path::new("./src/A.cs"), cwd), "src/A.cs");
        assert_eq!(display_path(Path::new("/home/u/repo/src/A.cs"), cwd), "src/A.cs");
        assert_eq!(display_path(Path::new("/elsewhere/A.cs"), cwd), "/elsewhere/A.cs");
    }
}
