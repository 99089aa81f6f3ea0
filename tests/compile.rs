//! The compile check: every fixture project folder compiles with `mcs` before asyncfix touches it
//! and still compiles after `asyncfix --yes --unsafe-fixes --select <name> --configure-await always`
//! (so fixes are checked in every project kind, applications included). The bundled demo, when
//! there is one, gets the same treatment with the default transforms. A solution folder (one with
//! a `.sln`, holding several project folders) is compiled project by project in the order of their
//! `<ProjectReference>`s, each with `-r:` for the libraries it references. The composition solution
//! of `tests/compose.rs` compiles after every transform at once and after each one in turn, in
//! either order.
//!
//! mcs knows C# up to 7.x and the .NET Framework 4.x APIs. A file that needs more (local functions,
//! `await foreach`, `ValueTask`) says so on its first line, `// compile: skip (reason)`, and is left
//! out.
//!
//! Whether the check can run is known only at run time (is `mcs` installed?), and the standard test
//! harness cannot mark a test ignored at run time: a check that returned early would show a green
//! `ok`. So this file has its own small harness (`harness = false` in Cargo.toml) that prints what
//! libtest prints, and shows each check as `ignored, <the reason>` when `mcs` is missing, and as a
//! failure when `ASYNCFIX_REQUIRE_MCS=1` (as CI sets it) or when asked to run ignored tests.

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use harness::Runnable;

use fixtures::{
    asyncfix, copy_to_temp, describe, files_with_extension, has_file_ending, mcs, mcs_available, mcs_to, projects_of,
    root, skips_compile, solution_projects,
};

/// The checks of this file: each needs `mcs`, and says why it failed.
const CHECKS: [harness::Check; 3] = [
    ("fixtures_and_demo_compile_before_and_after_fixing", fixtures_and_demo_compile_before_and_after_fixing),
    ("composition_compiles_after_all_transforms_at_once", composition_compiles_after_all_transforms_at_once),
    (
        "composition_compiles_after_each_transform_in_either_order",
        composition_compiles_after_each_transform_in_either_order,
    ),
];

fn main() -> ExitCode {
    let runnable = if mcs_available() {
        Runnable::Yes
    } else if std::env::var("ASYNCFIX_REQUIRE_MCS").as_deref() == Ok("1") {
        Runnable::Fails(
            "ASYNCFIX_REQUIRE_MCS=1 but `mcs` is not on PATH: apt-get install mono-mcs libmono-system-net-http4.0-cil",
        )
    } else {
        Runnable::Ignored(
            "`mcs` (the Mono C# compiler) is not installed: apt-get install mono-mcs libmono-system-net-http4.0-cil, \
             then cargo test --release --test compile",
        )
    };
    harness::run(&harness::Args::from_env(), &CHECKS, runnable)
}

fn fixtures_and_demo_compile_before_and_after_fixing() -> Result<(), String> {
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
    if compiled == 0 {
        return Err("no fixture project was compiled".into());
    }
    if !failures.is_empty() {
        return Err(format!("{} folder(s) failed the compile check:\n\n{}", failures.len(), failures.join("\n\n")));
    }
    Ok(())
}

/// The solution `tests/compose.rs` composes every transform on.
fn composition() -> PathBuf {
    root().join("tests/solutions/composition")
}

const ALL: [&str; 2] = ["--yes", "--unsafe-fixes"];

fn composition_compiles_after_all_transforms_at_once() -> Result<(), String> {
    compile_all(&composition()).map_err(|out| format!("does not compile before fixing:\n{out}"))?;
    let copy = copy_to_temp(&composition());
    run_cleanly(copy.path(), &ALL)?;
    compile_all(copy.path()).map_err(|out| format!("does not compile after `asyncfix {}`:\n{out}", ALL.join(" ")))
}

fn composition_compiles_after_each_transform_in_either_order() -> Result<(), String> {
    let names: Vec<&str> =
        asyncfix::transforms::all().iter().filter(|t| t.meta().default_enabled).map(|t| t.meta().name).collect();
    let reversed: Vec<&str> = names.iter().rev().copied().collect();
    for order in [names, reversed] {
        let copy = copy_to_temp(&composition());
        for name in &order {
            run_cleanly(copy.path(), &["--yes", "--unsafe-fixes", "--select", name])?;
        }
        run_cleanly(copy.path(), &ALL)?;
        compile_all(copy.path()).map_err(|out| {
            format!("does not compile after the transforms in the order {}:\n{out}", order.join(", "))
        })?;
    }
    Ok(())
}

/// Runs asyncfix with `args`; an error unless it exits 0 or 1 with no error on stderr.
fn run_cleanly(dir: &Path, args: &[&str]) -> Result<(), String> {
    let output = asyncfix(dir, args);
    let clean =
        matches!(output.status.code(), Some(0 | 1)) && !String::from_utf8_lossy(&output.stderr).contains("error:");
    if clean {
        Ok(())
    } else {
        Err(describe(args, &output))
    }
}

/// Compiles every C# file of `dir` (those that do not opt out) as one library.
fn compile_all(dir: &Path) -> Result<(), String> {
    let files: Vec<PathBuf> = files_with_extension(dir, "cs")
        .into_iter()
        .filter(|f| !skips_compile(&std::fs::read_to_string(f).unwrap_or_default()))
        .map(|f| f.strip_prefix(dir).expect("inside").to_owned())
        .collect();
    mcs(dir, &files)
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
