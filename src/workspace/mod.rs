//! Discovery: which source files to look at and which project each belongs to.
//!
//! Arguments are folders (walked for `*.cs`, honouring `.gitignore`, skipping `bin/` and `obj/`),
//! `.cs` files, project files (`.csproj`: the files of that project) and solutions (`.sln`,
//! `.slnx`: the files of each C# project they name). Each source file belongs to the nearest
//! `.csproj` above it; each project is loaded once ([`Project::load`], through [`msbuild`]) and a
//! project that its files do not call a test project is a test project when its sources use a
//! test framework ([`sources`]).
//!
//! Everything that could not be read is an error naming it, and the rest goes on: a folder of
//! the walk that cannot be listed, a solution that names a missing project, a project file (or an
//! imported one) that cannot be read or parsed, reported once per file.

pub mod facts;
pub mod msbuild;
mod project;
mod solution;
pub mod sources;

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;

pub use facts::{Fact, LanguageVersion};
pub use project::{Build, Declared, PackageReference, Project, ProjectKind, Reference, ReferenceKind};

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
    /// Projects, each once; index 0 is the stand-in for files outside any project.
    pub projects: Vec<Project>,
    /// Problems that make the run's exit status 2, each naming its path: missing paths, folders
    /// that cannot be read, project files that cannot be read or parsed.
    pub errors: Vec<(String, String)>,
    /// Warnings: the files they concern are still processed.
    pub warnings: Vec<(String, String)>,
}

/// A folder to walk, and the project whose files it stands for (a `.csproj` argument, or one
/// named by a solution): then only that project's files are kept.
struct Root {
    dir: PathBuf,
    only: Option<PathBuf>,
}

impl Workspace {
    /// Finds the source files of `paths` (folders, `.cs` files, `.csproj` files, `.sln`/`.slnx`
    /// solutions) and the project of each.
    pub fn discover(paths: &[PathBuf]) -> Workspace {
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut ws = Workspace { projects: vec![Project::unknown()], ..Workspace::default() };
        let mut roots: Vec<Root> = Vec::new();
        let mut given: Vec<PathBuf> = Vec::new();
        for path in paths {
            let meta = match std::fs::metadata(path) {
                Ok(meta) => meta,
                Err(err) => {
                    ws.errors.push((display_path(path, &cwd), io_message(&err)));
                    continue;
                }
            };
            if meta.is_dir() {
                roots.push(Root { dir: path.clone(), only: None });
                continue;
            }
            match extension(path).as_str() {
                "cs" => given.push(path.clone()),
                "csproj" => roots.push(Root { dir: folder_of(path), only: Some(path.clone()) }),
                "sln" | "slnx" => match solution::projects(path) {
                    Ok(projects) => {
                        let solution = display_path(path, &cwd);
                        for project in projects {
                            let problem = match std::fs::metadata(&project) {
                                Ok(meta) if meta.is_file() => None,
                                Ok(_) => Some("not a file".to_owned()),
                                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                                    Some("there is no such file".into())
                                }
                                Err(e) => Some(format!("cannot read: {}", io_message(&e))),
                            };
                            match problem {
                                None => roots.push(Root { dir: folder_of(&project), only: Some(project) }),
                                Some(problem) => ws.errors.push((
                                    display_path(&project, &cwd),
                                    format!("named in {solution}, but {problem}"),
                                )),
                            }
                        }
                    }
                    Err(message) => ws.errors.push((display_path(path, &cwd), message)),
                },
                _ => ws.errors.push((
                    display_path(path, &cwd),
                    "not a C# source, project or solution file (.cs, .csproj, .sln, .slnx)".into(),
                )),
            }
        }

        // Walk, then give each file its project.
        let mut found: Vec<(PathBuf, Option<usize>)> = given.into_iter().map(|p| (p, None)).collect();
        for (i, root) in roots.iter().enumerate() {
            let (files, errors) = walk(&root.dir, false);
            found.extend(files.into_iter().map(|f| (f, Some(i))));
            ws.errors.extend(errors.into_iter().map(|(p, m)| (display_path(&p, &cwd), m)));
        }
        found.sort();
        found.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);

        let mut finder = ProjectFinder::default();
        let mut only: HashMap<usize, ProjectId> = HashMap::new();
        for (i, root) in roots.iter().enumerate() {
            if let Some(project) = &root.only {
                only.insert(i, finder.claim(&root.dir, project));
            }
        }
        let mut files: Vec<SourcePath> = Vec::new();
        for (path, root) in found {
            let project = finder.project_of(&path);
            if root.and_then(|r| only.get(&r)).is_some_and(|&wanted| wanted != project) {
                continue;
            }
            files.push(SourcePath { display: display_path(&path, &cwd), path, project });
        }
        files.sort_by(|a, b| a.display.cmp(&b.display));
        files.dedup_by(|a, b| a.display == b.display);

        let failed = finder.load(&mut ws, &cwd);
        let walked: Vec<PathBuf> = roots.iter().map(|r| canonical(&r.dir)).collect();
        mark_test_projects(&mut ws.projects, &finder, &files, &walked, &failed);
        ws.files = files;
        ws
    }
}

/// The lower-case extension of `path`.
fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default()
}

/// The folder of a file, `.` for a bare file name.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The `*.cs` files under `root`, and the paths that could not be read on the way (each with
/// its message). With `projects_stop`, folders below `root` that hold a `.csproj` are not
/// entered (their files belong to that project).
fn walk(root: &Path, projects_stop: bool) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let walker = ignore::WalkBuilder::new(root)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if !is_dir || entry.depth() == 0 {
                return true;
            }
            let name = entry.file_name().to_str();
            !(matches!(name, Some("bin" | "obj")) || projects_stop && csproj_in(entry.path()).is_some())
        })
        .build_parallel();
    walker.run(|| {
        Box::new(|entry| {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    if is_file && entry.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("cs")) {
                        found.lock().expect("not poisoned").push(entry.into_path());
                    }
                }
                Err(err) => {
                    let mut out = Vec::new();
                    walk_errors(&err, None, &mut out);
                    let root = root.to_owned();
                    errors
                        .lock()
                        .expect("not poisoned")
                        .extend(out.into_iter().map(|(path, message)| (path.unwrap_or_else(|| root.clone()), message)));
                }
            }
            ignore::WalkState::Continue
        })
    });
    let mut errors = errors.into_inner().expect("not poisoned");
    errors.sort();
    errors.dedup();
    (found.into_inner().expect("not poisoned"), errors)
}

/// The I/O problems inside a walk error, each with the path it names. Errors that are not about
/// reading (a bad glob in a `.gitignore`, which git ignores too) are left out.
fn walk_errors(err: &ignore::Error, path: Option<&Path>, out: &mut Vec<(Option<PathBuf>, String)>) {
    match err {
        ignore::Error::Partial(errs) => errs.iter().for_each(|e| walk_errors(e, path, out)),
        ignore::Error::WithLineNumber { err, .. } | ignore::Error::WithDepth { err, .. } => walk_errors(err, path, out),
        ignore::Error::WithPath { path, err } => walk_errors(err, Some(path), out),
        ignore::Error::Loop { child, .. } => out.push((Some(child.clone()), "a symbolic link loop".into())),
        ignore::Error::Io(e) => {
            let is_dir = path.is_some_and(Path::is_dir);
            let what = if is_dir { "cannot read this folder" } else { "cannot read" };
            let consequence = if is_dir { "; its files were not checked" } else { "" };
            out.push((path.map(Path::to_path_buf), format!("{what}: {}{consequence}", io_message(e))));
        }
        _ => {}
    }
}

/// Finds the nearest `.csproj` above each file, reading each folder once, and keeps one project
/// per project file however it was reached (`Lib/A.cs` and, from `Lib/sub/B.cs`, the absolute
/// `/repo/Lib`).
#[derive(Default)]
struct ProjectFinder {
    /// Project of each folder seen, by canonical path (0: none above it).
    by_dir: HashMap<PathBuf, ProjectId>,
    /// The same by the path as written, which saves resolving it again for each of its files.
    by_written: HashMap<PathBuf, ProjectId>,
    /// The project file of each project id (from 1), as first reached.
    paths: Vec<PathBuf>,
    /// The canonical folder of each project id (from 1).
    dirs: Vec<PathBuf>,
}

impl ProjectFinder {
    /// Makes `project` the project of its folder `dir` (a project named on the command line
    /// wins over another `.csproj` beside it), and returns its id.
    fn claim(&mut self, dir: &Path, project: &Path) -> ProjectId {
        let key = canonical(dir);
        if let Some(&id) = self.by_dir.get(&key) {
            return id;
        }
        self.add(key, project.to_owned())
    }

    fn add(&mut self, key: PathBuf, project: PathBuf) -> ProjectId {
        self.paths.push(project);
        self.dirs.push(key.clone());
        let id = self.paths.len();
        self.by_dir.insert(key, id);
        id
    }

    fn project_of(&mut self, file: &Path) -> ProjectId {
        let folder = folder_of(file);
        if let Some(&id) = self.by_written.get(&folder) {
            return id;
        }
        let mut visited = Vec::new();
        let mut dir = Some(folder.clone());
        let mut result = 0;
        while let Some(d) = dir {
            let key = canonical(&d);
            if let Some(&id) = self.by_dir.get(&key) {
                result = id;
                break;
            }
            if let Some(csproj) = csproj_in(&d) {
                result = self.add(key, csproj);
                break;
            }
            visited.push(key);
            dir = parent(&d);
        }
        for key in visited {
            self.by_dir.insert(key, result);
        }
        self.by_written.insert(folder, result);
        result
    }

    /// Loads every project found (in parallel, each file once) into `ws.projects`; a file that
    /// cannot be read or parsed is one error naming it. Returns the ids of the projects that
    /// failed.
    fn load(&self, ws: &mut Workspace, cwd: &Path) -> Vec<ProjectId> {
        let cache = msbuild::FileCache::default();
        let loaded: Vec<Result<Project, msbuild::FileError>> =
            self.paths.par_iter().map(|path| Project::load(path, &cache)).collect();
        let mut failures: BTreeMap<PathBuf, (String, Vec<ProjectId>)> = BTreeMap::new();
        let mut failed = Vec::new();
        for (i, result) in loaded.into_iter().enumerate() {
            let id = i + 1;
            let project = result.unwrap_or_else(|err| {
                failures.entry(err.path).or_insert_with(|| (err.message, Vec::new())).1.push(id);
                failed.push(id);
                Project { path: Some(self.paths[i].clone()), ..Project::unknown() }
            });
            ws.projects.push(project);
        }
        for (file, (message, ids)) in failures {
            let own = ids.len() == 1 && canonical(&self.paths[ids[0] - 1]) == canonical(&file);
            let whose = if own {
                "its files are checked as of unknown project kind".to_owned()
            } else {
                let mut names: Vec<String> = ids.iter().map(|&id| display_path(&self.paths[id - 1], cwd)).collect();
                if names.len() > 3 {
                    let more = names.len() - 3;
                    names.truncate(3);
                    names.push(format!("{more} more"));
                }
                format!("the files of {} are checked as of unknown project kind", names.join(", "))
            };
            ws.errors.push((display_path(&file, cwd), format!("{message}; {whose}")));
        }
        failed
    }
}

/// The next folder up: the lexical parent while there is one (so that paths stay as the user
/// gave them), then the absolute one.
fn parent(dir: &Path) -> Option<PathBuf> {
    let lexical = dir.parent().filter(|p| !p.as_os_str().is_empty());
    match lexical {
        Some(p) if !matches!(dir.components().next_back(), Some(Component::ParentDir | Component::CurDir)) => {
            Some(p.to_owned())
        }
        _ => std::path::absolute(dir).ok()?.parent().map(Path::to_path_buf),
    }
}

/// The path that identifies a folder however it is written: symbolic links resolved where the
/// folder can be resolved, else absolute and normalized.
fn canonical(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| PathBuf::from(msbuild::expand::normalize(&dir.to_string_lossy())))
}

/// The project file of folder `dir` (the first by name when there are several). A folder that
/// cannot be listed is taken to have none: above the paths given, MSBuild would not look for one
/// there either.
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

/// Makes each project that is not already a test project one when its sources use a test
/// framework. The sources of a project are the files found for it when a walked folder covers
/// the project's folder, else the `*.cs` files under its folder (not entering nested projects).
/// Projects without files in this run, and projects that could not be loaded, are left alone.
fn mark_test_projects(
    projects: &mut [Project],
    finder: &ProjectFinder,
    files: &[SourcePath],
    walked: &[PathBuf],
    failed: &[ProjectId],
) {
    let mut with_files: Vec<ProjectId> = files.iter().map(|f| f.project).filter(|&id| id != 0).collect();
    with_files.sort_unstable();
    with_files.dedup();
    let candidates: Vec<ProjectId> =
        with_files.into_iter().filter(|&id| projects[id].kind != ProjectKind::Test && !failed.contains(&id)).collect();
    let mut sources: Vec<(ProjectId, PathBuf)> = Vec::new();
    for &id in &candidates {
        let dir = &finder.dirs[id - 1];
        if walked.iter().any(|root| dir.starts_with(root)) {
            sources.extend(files.iter().filter(|f| f.project == id).map(|f| (id, f.path.clone())));
        } else {
            sources.extend(walk(&folder_of(&finder.paths[id - 1]), true).0.into_iter().map(|f| (id, f)));
        }
    }
    let found: Vec<AtomicBool> = (0..projects.len()).map(|_| AtomicBool::new(false)).collect();
    sources.par_iter().for_each(|(id, path)| {
        if found[*id].load(Ordering::Relaxed) {
            return;
        }
        let Ok(bytes) = std::fs::read(path) else { return };
        let Ok(doc) = crate::source::Document::decode(&bytes) else { return };
        if sources::test_framework_use(doc.text()).is_some() {
            found[*id].store(true, Ordering::Relaxed);
        }
    });
    for id in candidates {
        if found[id].load(Ordering::Relaxed) {
            projects[id].kind = ProjectKind::Test;
        }
    }
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

    #[test]
    fn parents_stay_relative_while_they_can() {
        assert_eq!(parent(Path::new("Lib/sub")), Some(PathBuf::from("Lib")));
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(parent(Path::new("Lib")), std::path::absolute("Lib").unwrap().parent().map(Path::to_path_buf));
        assert_eq!(parent(Path::new(".")), cwd.parent().map(Path::to_path_buf));
        assert_eq!(parent(Path::new("../x")), Some(PathBuf::from("..")));
        assert_eq!(parent(Path::new("..")), std::path::absolute("..").unwrap().parent().map(Path::to_path_buf));
    }

    fn write(dir: &Path, path: &str, text: &str) {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    const LIB: &str = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"#;

    #[test]
    fn a_project_with_files_in_subfolders_is_loaded_once() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "Lib/Lib.csproj", LIB);
        write(dir.path(), "Lib/A.cs", "class A {}");
        write(dir.path(), "Lib/sub/deeper/B.cs", "class B {}");
        let ws = Workspace::discover(&[dir.path().join("Lib")]);
        assert_eq!(ws.projects.len(), 2, "{:?}", ws.projects);
        assert!(ws.files.iter().all(|f| f.project == 1));
        assert!(ws.errors.is_empty(), "{:?}", ws.errors);
    }

    #[test]
    fn sources_that_use_a_test_framework_make_a_test_project() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "Tests/Tests.csproj", LIB);
        write(dir.path(), "Tests/Helpers/H.cs", "class H {}");
        write(dir.path(), "Tests/ATests.cs", "using Xunit;\nclass ATests { [Fact] public void F() {} }");
        write(dir.path(), "Lib/Lib.csproj", LIB);
        write(dir.path(), "Lib/A.cs", "// Tested with `using Xunit;` and [Fact] elsewhere\nclass A {}");
        let ws = Workspace::discover(&[dir.path().to_path_buf()]);
        let kind_of = |name: &str| {
            let f = ws.files.iter().find(|f| f.path.ends_with(name)).unwrap();
            ws.projects[f.project].kind
        };
        assert_eq!(kind_of("H.cs"), ProjectKind::Test);
        assert_eq!(kind_of("A.cs"), ProjectKind::Library, "a comment does not make a test project");
        // Only the helper given: the project's other files still decide.
        let ws = Workspace::discover(&[dir.path().join("Tests/Helpers/H.cs")]);
        assert_eq!(ws.projects[ws.files[0].project].kind, ProjectKind::Test);
    }

    #[test]
    fn a_nested_project_keeps_its_own_files_and_kind() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "App/App.csproj", LIB);
        write(dir.path(), "App/A.cs", "class A {}");
        write(dir.path(), "App/Tests/Tests.csproj", LIB);
        write(dir.path(), "App/Tests/T.cs", "using NUnit.Framework;");
        let ws = Workspace::discover(&[dir.path().join("App/A.cs")]);
        assert_eq!(
            ws.projects[ws.files[0].project].kind,
            ProjectKind::Library,
            "the nested test project's files are not App's"
        );
    }

    #[test]
    fn project_and_solution_arguments_check_their_projects() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "src/Lib/Lib.csproj", LIB);
        write(dir.path(), "src/Lib/A.cs", "class A {}");
        write(dir.path(), "src/Lib/Inner/Inner.csproj", LIB);
        write(dir.path(), "src/Lib/Inner/I.cs", "class I {}");
        write(dir.path(), "src/Other/Other.csproj", LIB);
        write(dir.path(), "src/Other/O.cs", "class O {}");
        let names = |ws: &Workspace| {
            ws.files.iter().map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned()).collect::<Vec<_>>()
        };
        let ws = Workspace::discover(&[dir.path().join("src/Lib/Lib.csproj")]);
        assert_eq!(names(&ws), ["A.cs"], "a nested project's files are not Lib's");
        write(
            dir.path(),
            "App.slnx",
            r#"<Solution><Project Path="src/Lib/Lib.csproj" /><Project Path="src/Other/Other.csproj" /><Project Path="src/Gone/Gone.csproj" /></Solution>"#,
        );
        let ws = Workspace::discover(&[dir.path().join("App.slnx")]);
        assert_eq!(names(&ws), ["A.cs", "O.cs"]);
        assert_eq!(ws.errors.len(), 1, "{:?}", ws.errors);
        assert!(ws.errors[0].0.ends_with("src/Gone/Gone.csproj"), "{:?}", ws.errors);
        assert!(ws.errors[0].1.starts_with("named in "), "{:?}", ws.errors);
    }

    #[test]
    fn a_broken_directory_build_props_is_one_error_for_all_its_projects() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "Directory.Build.props", "<Project><PropertyGroup>");
        for name in ["A", "B"] {
            write(dir.path(), &format!("{name}/{name}.csproj"), LIB);
            write(dir.path(), &format!("{name}/{name}.cs"), "class X {}");
        }
        let ws = Workspace::discover(&[dir.path().to_path_buf()]);
        assert_eq!(ws.errors.len(), 1, "{:?}", ws.errors);
        let (path, message) = &ws.errors[0];
        assert!(path.ends_with("Directory.Build.props"), "{path}");
        assert!(message.starts_with("not valid MSBuild XML: "), "{message}");
        assert!(message.contains("A/A.csproj") && message.contains("B/B.csproj"), "{message}");
        assert!(ws.projects[1..].iter().all(|p| p.kind == ProjectKind::Unknown));
    }
}
