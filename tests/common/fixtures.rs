//! Shared by the fixture, compile and meta tests: where fixtures live, how they are grouped into
//! projects, how their marker comments read, and how the real binary is run on a copy of them.
//!
//! Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `transforms/<name>/`: the README and fixtures of one transform.
pub fn transform_dir(name: &str) -> PathBuf {
    root().join("transforms").join(name)
}

/// `snapshots/`.
pub fn snapshot_dir() -> PathBuf {
    root().join("snapshots")
}

/// Every file under `dir` whose name ends with `.{ext}`, recursively, sorted.
pub fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// One fixture file of one transform.
#[derive(Clone, Debug)]
pub struct Fixture {
    /// The transform's name (the folder under `transforms/`).
    pub transform: &'static str,
    /// The fixture file.
    pub path: PathBuf,
    /// Its path inside `transforms/<name>/`, with `/` separators (`library/Basics.cs`).
    pub relative: String,
    /// The project folder the fixture belongs to: the folder with a `.sln` above it (a solution of
    /// several projects, run and compiled together), else the nearest folder with a `.csproj`,
    /// inside the transform's folder; the fixture's own folder when there is none.
    pub project: PathBuf,
}

impl Fixture {
    /// The fixture's path relative to its project folder, with `/` separators.
    pub fn in_project(&self) -> String {
        slash_path(self.path.strip_prefix(&self.project).expect("the fixture is inside its project"))
    }

    /// The snapshot name: `<transform>__<relative path, / → __, without .cs>`.
    pub fn snapshot_name(&self) -> String {
        let stem = self.relative.strip_suffix(".cs").unwrap_or(&self.relative);
        format!("{}__{}", self.transform, stem.replace('/', "__"))
    }

    /// The fixture's text.
    pub fn text(&self) -> String {
        fs::read_to_string(&self.path).unwrap_or_else(|e| panic!("{}: {e}", self.path.display()))
    }
}

/// Every `.cs` fixture of a transform, sorted by path.
pub fn fixtures_of(transform: &'static str) -> Vec<Fixture> {
    let dir = transform_dir(transform);
    files_with_extension(&dir, "cs")
        .into_iter()
        .map(|path| {
            let relative = slash_path(path.strip_prefix(&dir).expect("under the transform folder"));
            let project = project_folder(&path, &dir);
            Fixture { transform, path, relative, project }
        })
        .collect()
}

/// The fixtures of a transform grouped by project folder (folders sorted, files sorted).
pub fn projects_of(transform: &'static str) -> Vec<(PathBuf, Vec<Fixture>)> {
    let mut projects: Vec<(PathBuf, Vec<Fixture>)> = Vec::new();
    for fixture in fixtures_of(transform) {
        match projects.iter_mut().find(|(p, _)| *p == fixture.project) {
            Some((_, files)) => files.push(fixture),
            None => projects.push((fixture.project.clone(), vec![fixture])),
        }
    }
    projects.sort_by(|a, b| a.0.cmp(&b.0));
    projects
}

/// The folder above `file` (up to `top`) that holds a `.sln`, else the nearest one that holds a
/// `.csproj`; else `file`'s folder.
fn project_folder(file: &Path, top: &Path) -> PathBuf {
    let own = file.parent().expect("a file has a folder");
    if let Some(solution) = own.ancestors().take_while(|d| d.starts_with(top)).find(|d| has_file_ending(d, "sln")) {
        return solution.to_owned();
    }
    for dir in own.ancestors() {
        if !dir.starts_with(top) {
            break;
        }
        if has_project_file(dir) {
            return dir.to_owned();
        }
    }
    own.to_owned()
}

/// Whether `dir` directly holds a `.csproj`.
pub fn has_project_file(dir: &Path) -> bool {
    has_file_ending(dir, "csproj")
}

/// Whether `dir` directly holds a file with the extension `ext`.
pub fn has_file_ending(dir: &Path, ext: &str) -> bool {
    fs::read_dir(dir)
        .map(|entries| entries.flatten().any(|e| e.path().is_file() && e.path().extension().is_some_and(|x| x == ext)))
        .unwrap_or(false)
}

/// The projects of a solution folder in build order: each project folder (relative to `dir`)
/// with the folders of the projects it references (`<ProjectReference Include="..\Lib\Lib.csproj" />`).
/// A reference cycle or a reference outside the solution is left out of the order.
pub fn solution_projects(dir: &Path) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let mut projects: Vec<(PathBuf, Vec<PathBuf>)> = files_with_extension(dir, "csproj")
        .into_iter()
        .map(|csproj| {
            let folder = csproj.parent().expect("a file has a folder").to_owned();
            let text = fs::read_to_string(&csproj).unwrap_or_default();
            let references = text
                .split("<ProjectReference")
                .skip(1)
                .filter_map(|r| r.split("Include=\"").nth(1)?.split('"').next())
                .filter_map(|include| {
                    let target = folder.join(include.replace('\\', "/"));
                    let target = target.parent()?.canonicalize().ok()?;
                    target.strip_prefix(dir.canonicalize().ok()?).ok().map(Path::to_owned)
                })
                .collect();
            (folder.strip_prefix(dir).expect("inside").to_owned(), references)
        })
        .collect();
    let mut ordered: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    while !projects.is_empty() {
        let Some(ready) =
            projects.iter().position(|(_, refs)| refs.iter().all(|r| ordered.iter().any(|(p, _)| p == r)))
        else {
            break;
        };
        ordered.push(projects.remove(ready));
    }
    ordered
}

/// A path with `/` separators.
pub fn slash_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Copies the folder `from` (recursively) into a new temporary folder and returns it.
pub fn copy_to_temp(from: &Path) -> tempfile::TempDir {
    let temp = tempfile::Builder::new().prefix("asyncfix-fixture-").tempdir().expect("a temporary folder");
    copy_dir(from, temp.path());
    temp
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())).flatten() {
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_dir(&source, &target);
        } else {
            fs::copy(&source, &target).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        }
    }
}

/// Every file under `dir` with its bytes, sorted by relative path.
pub fn snapshot_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(d) = pending.pop() {
        for entry in fs::read_dir(&d).expect("readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = fs::read(&path).expect("readable file");
                files.push((slash_path(path.strip_prefix(dir).expect("inside")), bytes));
            }
        }
    }
    files.sort();
    files
}

/// Runs the real `asyncfix` binary in `dir` on `.` with `args`.
pub fn asyncfix(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_asyncfix"))
        .current_dir(dir)
        .args(args)
        .arg(".")
        .env("NO_COLOR", "1")
        .output()
        .expect("asyncfix runs")
}

/// A short account of a run for failure messages.
pub fn describe(args: &[&str], output: &Output) -> String {
    format!(
        "`asyncfix {}` exited with {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        args.join(" "),
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// What a line of a fixture says about the findings expected on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// `// <transform-name>` (optionally followed by text): a finding of the transform starts here.
    Finding,
    /// `// OK` (optionally followed by text, e.g. `// OK: already configured`): no finding here.
    Ok,
}

/// The marker on one line, if any: the comment after the line's last `//` starts with the
/// transform's name or with `OK`, as a whole word.
pub fn marker(line: &str, transform: &str) -> Option<Marker> {
    let comment = line[line.rfind("//")? + 2..].trim_start();
    let word = |w: &str| {
        comment
            .strip_prefix(w)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_')))
    };
    if word(transform) {
        Some(Marker::Finding)
    } else if word("OK") {
        Some(Marker::Ok)
    } else {
        None
    }
}

/// The markers of a fixture text: (1-based line number, marker).
pub fn markers(text: &str, transform: &str) -> Vec<(usize, Marker)> {
    text.lines().enumerate().filter_map(|(i, line)| marker(line, transform).map(|m| (i + 1, m))).collect()
}

/// Whether a C# file opts out of the mcs compile check: its first line contains `compile: skip`.
pub fn skips_compile(text: &str) -> bool {
    text.lines().next().is_some_and(|l| l.contains("compile: skip"))
}

/// Runs mcs on `files` (relative to `dir`) as one library; the compiler's output on failure.
pub fn mcs(dir: &Path, files: &[PathBuf]) -> Result<(), String> {
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    mcs_to(dir, files, &out_dir.path().join("x.dll"), &[])
}

/// Runs mcs on `files` (relative to `dir`) as one library written to `out`, referencing the
/// libraries `references`; the compiler's output on failure.
pub fn mcs_to(dir: &Path, files: &[PathBuf], out: &Path, references: &[PathBuf]) -> Result<(), String> {
    let output = Command::new("mcs")
        .current_dir(dir)
        .args(["-target:library", "-langversion:7.2", "-r:System.Net.Http.dll", "-nowarn:1998"])
        .arg(format!("-out:{}", out.display()))
        .args(references.iter().map(|r| format!("-r:{}", r.display())))
        .args(files)
        .output()
        .map_err(|e| format!("mcs cannot run: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "mcs exited with {:?}\n{}{}",
            output.status.code(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Whether the Mono C# compiler can be run.
pub fn mcs_available() -> bool {
    Command::new("mcs").arg("--version").output().is_ok_and(|o| o.status.success())
}
