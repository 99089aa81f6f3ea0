//! The compile check: every fixture project folder compiles with `mcs` before asyncfix touches it
//! and still compiles after `asyncfix --yes --unsafe-fixes --select <name> --configure-await always`
//! (so fixes are checked in every project kind, applications included). The bundled demo, when
//! there is one, gets the same treatment with the default transforms. A solution folder (one with
//! a `.sln`, holding several project folders) is compiled project by project in the order of their
//! `<ProjectReference>`s, each with `-r:` for the libraries it references.
//!
//! mcs knows C# up to 7.x and the .NET Framework 4.x APIs. A file that needs more (local functions,
//! `await foreach`, `ValueTask`) says so on its first line, `// compile: skip (reason)`, and is left
//! out. Without mcs on PATH the check is skipped with a note, unless `ASYNCFIX_REQUIRE_MCS=1`.

#[path = "common/fixtures.rs"]
mod fixtures;

use std::path::{Path, PathBuf};

use fixtures::{
    asyncfix, copy_to_temp, describe, files_with_extension, has_file_ending, mcs, mcs_available, mcs_to, projects_of,
    root, skips_compile, solution_projects,
};

#[test]
fn fixtures_and_demo_compile_before_and_after_fixing() {
    if !mcs_available() {
        assert!(
            std::env::var("ASYNCFIX_REQUIRE_MCS").as_deref() != Ok("1"),
            "ASYNCFIX_REQUIRE_MCS=1 but `mcs` is not on PATH: install mono-mcs (apt-get install mono-mcs)"
        );
        eprintln!("mcs not found: skipping the compile check (install mono-mcs)");
        return;
    }
    let mut failures = Vec::new();
    let mut compiled = 0;
    for transform in asyncfix::transforms::all() {
        let name = transform.meta().name;
        for (project, _) in projects_of(name) {
            let args = ["--yes", "--unsafe-fixes", "--select", name, "--configure-await", "always"];
            match check_folder(&project, &args) {
                Ok(true) => compiled += 1,
                Ok(false) => {}
                Err(problem) => failures.push(format!("{}: {problem}", relative(&project))),
            }
        }
    }
    let demo = root().join("demo");
    if demo.is_dir() {
        match check_folder(&demo, &["--yes", "--unsafe-fixes", "--configure-await", "always"]) {
            Ok(true) => compiled += 1,
            Ok(false) => {}
            Err(problem) => failures.push(format!("demo: {problem}")),
        }
    }
    assert!(compiled > 0, "no fixture project was compiled");
    assert!(failures.is_empty(), "{} folder(s) failed the compile check:\n\n{}", failures.len(), failures.join("\n\n"));
}

/// Compiles the C# files of `folder`, then runs asyncfix with `args` on a copy and compiles the
/// copy. `Ok(false)` when every file opts out. A solution folder (with a `.sln`) is compiled
/// project by project, each referencing the libraries of the projects it references.
fn check_folder(folder: &Path, args: &[&str]) -> Result<bool, String> {
    if has_file_ending(folder, "sln") {
        return check_solution(folder, args);
    }
    let files: Vec<PathBuf> = files_with_extension(folder, "cs")
        .into_iter()
        .filter(|f| !skips_compile(&std::fs::read_to_string(f).unwrap_or_default()))
        .map(|f| f.strip_prefix(folder).expect("inside the folder").to_owned())
        .collect();
    if files.is_empty() {
        return Ok(false);
    }
    mcs(folder, &files).map_err(|out| format!("does not compile before fixing:\n{out}"))?;
    let copy = copy_to_temp(folder);
    let output = asyncfix(copy.path(), args);
    if !matches!(output.status.code(), Some(0 | 1)) {
        return Err(describe(args, &output));
    }
    mcs(copy.path(), &files).map_err(|out| format!("does not compile after `asyncfix {}`:\n{out}", args.join(" ")))?;
    eprintln!("compiled {} ({} file(s)) before and after fixing", folder.display(), files.len());
    Ok(true)
}

fn check_solution(folder: &Path, args: &[&str]) -> Result<bool, String> {
    let projects = solution_projects(folder);
    if projects.is_empty() {
        return Err("a solution folder without projects in a buildable order".into());
    }
    compile_solution(folder, &projects).map_err(|out| format!("does not compile before fixing:\n{out}"))?;
    let copy = copy_to_temp(folder);
    let output = asyncfix(copy.path(), args);
    if !matches!(output.status.code(), Some(0 | 1)) {
        return Err(describe(args, &output));
    }
    compile_solution(copy.path(), &projects)
        .map_err(|out| format!("does not compile after `asyncfix {}`:\n{out}", args.join(" ")))?;
    eprintln!("compiled the solution {} ({} projects) before and after fixing", folder.display(), projects.len());
    Ok(true)
}

/// Compiles each project of a solution in order, as `<folder name>.dll`, with `-r:` for the
/// projects it references.
fn compile_solution(folder: &Path, projects: &[(PathBuf, Vec<PathBuf>)]) -> Result<(), String> {
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    let dll = |project: &Path| out_dir.path().join(format!("{}.dll", fixtures::slash_path(project).replace('/', "_")));
    for (project, references) in projects {
        let files: Vec<PathBuf> = files_with_extension(&folder.join(project), "cs")
            .into_iter()
            .filter(|f| !skips_compile(&std::fs::read_to_string(f).unwrap_or_default()))
            .map(|f| f.strip_prefix(folder).expect("inside the folder").to_owned())
            .collect();
        let references: Vec<PathBuf> = references.iter().map(|r| dll(r)).collect();
        mcs_to(folder, &files, &dll(project), &references).map_err(|out| format!("{}: {out}", project.display()))?;
    }
    Ok(())
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root().join("transforms"))
        .map(fixtures::slash_path)
        .unwrap_or_else(|_| path.display().to_string())
}
