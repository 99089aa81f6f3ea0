//! What asyncfix knows about projects, end to end: the real binary on small repositories in
//! temporary folders. Project kinds are probed through missing-configure-await, which reports
//! only in library code: a finding means "library", none means "not a library".

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use common::*;
use serde_json::Value;

/// The binary, run in `dir` without colors.
fn asyncfix(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("asyncfix").expect("asyncfix binary");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// Runs asyncfix in `dir` with missing-configure-await only and `args`, asserts its exit status
/// and returns what it printed.
fn run(dir: &Path, args: &[&str], code: i32) -> Output {
    asyncfix(dir).args(["--select", "missing-configure-await"]).args(args).assert().code(code).get_output().clone()
}

/// `--format json` with `args`, parsed.
fn json(dir: &Path, args: &[&str], code: i32) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = run(dir, &all, code);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}", stdout(&out)))
}

/// The `kind` of each project of a JSON document, by path.
fn kinds(doc: &Value) -> Vec<(String, String)> {
    let projects = doc["projects"].as_array().expect("projects array");
    projects
        .iter()
        .map(|p| (p["path"].as_str().unwrap_or("").to_owned(), p["kind"].as_str().unwrap_or("").to_owned()))
        .collect()
}

/// The paths of a JSON document's findings.
fn finding_paths(doc: &Value) -> Vec<String> {
    let diagnostics = doc["diagnostics"].as_array().expect("diagnostics array");
    diagnostics.iter().map(|d| d["path"].as_str().unwrap_or("").to_owned()).collect()
}

/// A temporary folder holding `files` (path, text).
fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (path, text) in files {
        write(dir.path(), path, text.as_bytes());
    }
    dir
}

/// An SDK project file with one target framework.
const SDK: &str = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"#;

/// One await that missing-configure-await reports in library code.
const ONE_AWAIT: &str = "\
using System.Threading.Tasks;

class A
{
    async Task RunAsync()
    {
        await Task.Delay(1);
    }
}
";

// --- MSBuild evaluation (issue 12) ----------------------------------------------------------------

/// The case from issue 12: a `Directory.Build.props` that makes projects named `*.Test` test
/// projects through a condition on the project's name.
const TEST_BY_NAME_PROPS: &str = r#"<Project>
  <PropertyGroup>
    <TestProject Condition="$(MSBuildProjectName.EndsWith('.Test'))">true</TestProject>
  </PropertyGroup>
  <ItemGroup Condition="'$(TestProject)' == 'true'">
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.11.1" />
    <PackageReference Include="xunit" Version="2.9.2" />
  </ItemGroup>
</Project>
"#;

#[test]
fn a_conditional_directory_build_props_makes_test_projects_by_name() {
    let dir = repo(&[
        ("Directory.Build.props", TEST_BY_NAME_PROPS),
        ("src/Foo/Foo.csproj", SDK),
        ("src/Foo/A.cs", ONE_AWAIT),
        ("test/Foo.Test/Foo.Test.csproj", SDK),
        ("test/Foo.Test/ATests.cs", ONE_AWAIT),
    ]);
    let doc = json(dir.path(), &[], 1);
    assert_eq!(
        kinds(&doc),
        [("src/Foo/Foo.csproj".into(), "library".into()), ("test/Foo.Test/Foo.Test.csproj".into(), "test".into())]
    );
    assert_eq!(finding_paths(&doc), ["src/Foo/A.cs"], "test code gets no library fix");
    assert_eq!(doc["errors"], serde_json::json!([]));
}

#[test]
fn imports_of_repository_files_are_followed() {
    let dir = repo(&[
        ("build/app.props", "<Project><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>"),
        (
            "Directory.Build.props",
            r#"<Project><Import Project="$(MSBuildThisFileDirectory)build\app.props" Condition="$(MSBuildProjectName.StartsWith('App'))" /></Project>"#,
        ),
        ("App/App.csproj", SDK),
        ("App/A.cs", ONE_AWAIT),
        ("Lib/Lib.csproj", r#"<Project Sdk="Microsoft.NET.Sdk"><Import Project="..\build\missing.props" /></Project>"#),
        ("Lib/A.cs", ONE_AWAIT),
    ]);
    let doc = json(dir.path(), &[], 1);
    assert_eq!(
        kinds(&doc),
        [("App/App.csproj".into(), "application".into()), ("Lib/Lib.csproj".into(), "library".into())]
    );
    assert_eq!(finding_paths(&doc), ["Lib/A.cs"]);
}

#[test]
fn a_kind_that_depends_on_the_configuration_is_unknown() {
    let csproj = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup Condition="'$(Configuration)' == 'Debug'"><OutputType>Exe</OutputType></PropertyGroup></Project>"#;
    let dir = repo(&[("Tool/Tool.csproj", csproj), ("Tool/A.cs", ONE_AWAIT)]);
    let doc = json(dir.path(), &[], 0);
    assert_eq!(kinds(&doc), [("Tool/Tool.csproj".into(), "unknown".into())]);
}

#[test]
fn sources_that_use_a_test_framework_make_a_test_project() {
    let tests = "using System.Threading.Tasks;\nusing Xunit;\n\npublic class ATests\n{\n    [Fact]\n    public async Task RunsAsync() { await Task.Delay(1); }\n}\n";
    let commented = "// Tests use `using Xunit;` and [Fact]: see Lib.Tests.\n".to_owned() + ONE_AWAIT;
    let dir = repo(&[
        ("Lib.Tests/Lib.Tests.csproj", SDK),
        ("Lib.Tests/ATests.cs", tests),
        ("Lib.Tests/Helpers/Wait.cs", ONE_AWAIT),
        ("Lib/Lib.csproj", SDK),
        ("Lib/A.cs", &commented),
    ]);
    let doc = json(dir.path(), &[], 1);
    assert_eq!(
        kinds(&doc),
        [("Lib/Lib.csproj".into(), "library".into()), ("Lib.Tests/Lib.Tests.csproj".into(), "test".into())]
    );
    assert_eq!(finding_paths(&doc), ["Lib/A.cs"]);
    // Given only the helper, the project's other files still decide its kind.
    let doc = json(dir.path(), &["Lib.Tests/Helpers/Wait.cs"], 0);
    assert_eq!(kinds(&doc), [("Lib.Tests/Lib.Tests.csproj".into(), "test".into())]);
}

// --- each project once (issue 14) ------------------------------------------------------------------

#[test]
fn a_project_with_files_in_subfolders_is_listed_once() {
    let dir = repo(&[("Lib/Lib.csproj", SDK), ("Lib/A.cs", ONE_AWAIT), ("Lib/sub/deeper/B.cs", ONE_AWAIT)]);
    let doc = json(dir.path(), &["Lib"], 1);
    let projects = doc["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 1, "{doc:#}");
    assert_eq!(projects[0]["path"], "Lib/Lib.csproj");
    assert_eq!(projects[0]["files"], 2);
}

// --- malformed project files (issue 14) -----------------------------------------------------------

#[test]
fn a_malformed_csproj_is_one_error_naming_it_and_the_rest_is_checked() {
    let dir = repo(&[
        ("Broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>"),
        ("Broken/A.cs", ONE_AWAIT),
        ("Broken/sub/B.cs", ONE_AWAIT),
        ("Lib/Lib.csproj", SDK),
        ("Lib/A.cs", ONE_AWAIT),
    ]);
    let out = run(dir.path(), &[], 2);
    let err = stderr(&out);
    assert_eq!(err.matches("Broken.csproj").count(), 1, "named once:\n{err}");
    assert!(err.starts_with("error: Broken/Broken.csproj: not valid MSBuild XML: "), "{err}");
    assert!(err.contains("its files are checked as of unknown project kind"), "{err}");
    assert!(stdout(&out).contains("Lib/A.cs:7:9: missing-configure-await: "), "{}", stdout(&out));

    let doc = json(dir.path(), &["--quiet"], 2);
    let errors = doc["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{doc:#}");
    assert_eq!(errors[0]["path"], "Broken/Broken.csproj");
    assert_eq!(finding_paths(&doc), ["Lib/A.cs"]);
}

#[test]
fn a_malformed_directory_build_props_is_one_error_for_every_project_under_it() {
    let dir = repo(&[
        ("Directory.Build.props", "<Project><PropertyGroup></Project>"),
        ("A/A.csproj", SDK),
        ("A/A.cs", ONE_AWAIT),
        ("B/B.csproj", SDK),
        ("B/B.cs", ONE_AWAIT),
    ]);
    let out = run(dir.path(), &[], 2);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: Directory.Build.props: not valid MSBuild XML: "), "{err}");
    assert!(err.contains("the files of A/A.csproj, B/B.csproj are checked as of unknown project kind"), "{err}");
}

#[test]
fn a_malformed_imported_props_file_is_an_error_naming_it() {
    let dir = repo(&[
        ("build/common.props", "<Project><PropertyGroup><A>1</A></PropertyGroup>"),
        ("Lib/Lib.csproj", r#"<Project Sdk="Microsoft.NET.Sdk"><Import Project="..\build\common.props" /></Project>"#),
        ("Lib/A.cs", ONE_AWAIT),
    ]);
    let out = run(dir.path(), &[], 2);
    let err = stderr(&out);
    assert!(err.starts_with("error: build/common.props: not valid MSBuild XML: "), "{err}");
    assert!(err.contains("the files of Lib/Lib.csproj are checked"), "{err}");
}

// --- project and solution arguments (issue 15) -----------------------------------------------------

/// A solution with two C# projects, a solution folder and an F# project.
const SLN: &str = "
Microsoft Visual Studio Solution File, Format Version 12.00
Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Lib\", \"src\\Lib\\Lib.csproj\", \"{11111111-1111-1111-1111-111111111111}\"
EndProject
Project(\"{2150E333-8FDC-42A3-9474-1A3956D46DE8}\") = \"src\", \"src\", \"{22222222-2222-2222-2222-222222222222}\"
EndProject
Project(\"{F2A71F9B-5D33-465A-A702-920D77279786}\") = \"Fs\", \"src\\Fs\\Fs.fsproj\", \"{33333333-3333-3333-3333-333333333333}\"
EndProject
Project(\"{9A19103F-16F7-4668-BE54-9A1E7A4F7556}\") = \"Other\", \"src\\Other\\Other.csproj\", \"{44444444-4444-4444-4444-444444444444}\"
EndProject
";

fn solution_repo() -> tempfile::TempDir {
    repo(&[
        ("App.sln", SLN),
        ("src/Lib/Lib.csproj", SDK),
        ("src/Lib/A.cs", ONE_AWAIT),
        ("src/Other/Other.csproj", SDK),
        ("src/Other/O.cs", ONE_AWAIT),
        ("src/NotInSolution/NotInSolution.csproj", SDK),
        ("src/NotInSolution/N.cs", ONE_AWAIT),
    ])
}

#[test]
fn a_solution_argument_checks_the_projects_it_names() {
    let dir = solution_repo();
    let doc = json(dir.path(), &["App.sln"], 1);
    assert_eq!(finding_paths(&doc), ["src/Lib/A.cs", "src/Other/O.cs"]);
    assert_eq!(doc["errors"], serde_json::json!([]));

    write(
        dir.path(),
        "App.slnx",
        r#"<Solution><Folder Name="/src/"><Project Path="src/Other/Other.csproj" /></Folder></Solution>"#.as_bytes(),
    );
    let doc = json(dir.path(), &["App.slnx"], 1);
    assert_eq!(finding_paths(&doc), ["src/Other/O.cs"]);
}

#[test]
fn a_missing_project_of_a_solution_is_an_error_naming_it_and_the_rest_is_checked() {
    let dir = solution_repo();
    std::fs::remove_dir_all(dir.path().join("src/Other")).unwrap();
    let out = run(dir.path(), &["App.sln"], 2);
    assert!(
        stderr(&out).contains("error: src/Other/Other.csproj: named in App.sln, but there is no such file"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("src/Lib/A.cs:7:9: missing-configure-await: "), "{}", stdout(&out));
}

#[test]
fn a_project_argument_checks_that_project_only() {
    let dir = solution_repo();
    write(dir.path(), "src/Lib/Nested/Nested.csproj", SDK.as_bytes());
    write(dir.path(), "src/Lib/Nested/X.cs", ONE_AWAIT.as_bytes());
    let doc = json(dir.path(), &["src/Lib/Lib.csproj"], 1);
    assert_eq!(finding_paths(&doc), ["src/Lib/A.cs"], "a nested project's files are not Lib's");
    let doc = json(&dir.path().join("src/Lib"), &["Lib.csproj"], 1);
    assert_eq!(finding_paths(&doc), ["A.cs"]);
}

#[test]
fn a_file_that_is_not_a_solution_is_an_error_naming_it() {
    let dir = solution_repo();
    write(dir.path(), "Broken.sln", b"not a solution");
    let out = run(dir.path(), &["Broken.sln", "src/Lib"], 2);
    assert!(stderr(&out).contains("error: Broken.sln: not a Visual Studio solution file"), "{}", stderr(&out));
    assert!(stdout(&out).contains("src/Lib/A.cs:7:9"), "{}", stdout(&out));
}

// --- unreadable input (issue 14) --------------------------------------------------------------------

/// Set to `1` to let the permission tests pass without running where no user without read access
/// can run the binary.
const OPT_OUT: &str = "ASYNCFIX_SKIP_PERMISSION_TESTS";

/// A command that runs asyncfix in `dir` as a user who cannot read what mode 000 locks: the
/// current user when it cannot (not root), else `nobody` through `setpriv`, with a copy of the
/// binary and `dir` opened to others. `None` (after saying why) only when [`OPT_OUT`] is set;
/// otherwise a test that cannot run this way fails, saying why.
fn without_read_access(dir: &Path, locked: &Path) -> Option<Command> {
    use std::os::unix::fs::PermissionsExt;

    if std::fs::read_dir(locked).is_err() && std::fs::read(locked).is_err() {
        return Some(asyncfix(dir));
    }
    fn open_up(path: &Path, locked: &Path) {
        if path == locked {
            return;
        }
        let mode = if path.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        if path.is_dir() {
            for entry in std::fs::read_dir(path).expect("read folder") {
                open_up(&entry.expect("folder entry").path(), locked);
            }
        }
    }
    open_up(dir, locked);
    // The build's target folder may be private (a checkout under /root): run a copy.
    let bin_dir = dir.join(".bin");
    std::fs::create_dir_all(&bin_dir).expect("create .bin");
    let bin: PathBuf = bin_dir.join("asyncfix");
    if !bin.exists() {
        std::fs::copy(assert_cmd::cargo::cargo_bin("asyncfix"), &bin).expect("copy the binary");
    }
    std::fs::set_permissions(&bin_dir, std::fs::Permissions::from_mode(0o755)).expect("chmod .bin");
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).expect("chmod binary");
    let nobody = || {
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).current_dir(dir).env("NO_COLOR", "1");
        cmd
    };
    let works = nobody().arg(&bin).arg("--list").output();
    match works {
        Ok(o) if o.status.success() => {
            let mut cmd = Command::from_std(nobody());
            cmd.arg(bin);
            Some(cmd)
        }
        other => {
            let why = match other {
                Ok(o) => format!("`setpriv` as nobody failed: {}", String::from_utf8_lossy(&o.stderr)),
                Err(e) => format!("`setpriv` could not be run: {e}"),
            };
            if std::env::var_os(OPT_OUT).is_some_and(|v| v == "1") {
                eprintln!("SKIPPED (as {OPT_OUT}=1 allows): running as root and {why}");
                None
            } else {
                panic!(
                    "this test needs a user that cannot read a mode-000 folder; running as root and {why}. \
                     Run it as a user other than root, install util-linux's setpriv, or set {OPT_OUT}=1 to skip it"
                )
            }
        }
    }
}

/// Restores `locked` to a mode the temporary folder can be deleted with.
fn unlock(locked: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if locked.is_dir() { 0o755 } else { 0o644 };
    std::fs::set_permissions(locked, std::fs::Permissions::from_mode(mode)).expect("chmod back");
}

#[test]
fn an_unreadable_folder_is_an_error_naming_it_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;

    let dir = repo(&[("Lib.csproj", SDK), ("src/A.cs", ONE_AWAIT), ("src/Secret/S.cs", ONE_AWAIT)]);
    let locked = dir.path().join("src/Secret");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    let Some(mut cmd) = without_read_access(dir.path(), &locked) else { return unlock(&locked) };
    let out = cmd.args(["--select", "missing-configure-await", "src"]).assert().code(2).get_output().clone();

    let Some(mut cmd) = without_read_access(dir.path(), &locked) else { return unlock(&locked) };
    let alone = cmd.args(["--select", "missing-configure-await", "src/Secret"]).assert().code(2).get_output().clone();

    let Some(mut cmd) = without_read_access(dir.path(), &locked) else { return unlock(&locked) };
    let doc = cmd
        .args(["--select", "missing-configure-await", "--format", "json", "src"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    unlock(&locked);

    let err = stderr(&out);
    assert!(
        err.contains("error: src/Secret: cannot read this folder: permission denied; its files were not checked"),
        "{err}"
    );
    assert!(stdout(&out).contains("src/A.cs:7:9: missing-configure-await: "), "the rest is checked:\n{}", stdout(&out));
    assert!(stderr(&alone).contains("error: src/Secret: cannot read this folder"), "{}", stderr(&alone));

    let doc: Value = serde_json::from_slice(&doc.stdout).expect("JSON");
    let errors = doc["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{doc:#}");
    assert_eq!(errors[0]["path"], "src/Secret");
}

#[test]
fn an_unreadable_project_file_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;

    let dir = repo(&[
        ("Lib/Lib.csproj", SDK),
        ("Lib/A.cs", ONE_AWAIT),
        ("Other/Other.csproj", SDK),
        ("Other/O.cs", ONE_AWAIT),
    ]);
    let locked = dir.path().join("Lib/Lib.csproj");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    let Some(mut cmd) = without_read_access(dir.path(), &locked) else { return unlock(&locked) };
    let out = cmd.args(["--select", "missing-configure-await"]).assert().code(2).get_output().clone();
    unlock(&locked);
    let err = stderr(&out);
    assert_eq!(
        err.trim_end(),
        "error: Lib/Lib.csproj: cannot read: permission denied; its files are checked as of unknown project kind"
    );
    assert!(stdout(&out).contains("Other/O.cs:7:9: missing-configure-await: "), "{}", stdout(&out));
}
