//! Configuration, suppressions and output for review and CI, end to end: the real binary on small
//! projects in temporary folders.

mod common;

use std::path::Path;
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

/// Runs asyncfix in `dir` with `args`, asserts its exit status and returns what it printed.
fn run(dir: &Path, args: &[&str], code: i32) -> Output {
    asyncfix(dir).args(args).assert().code(code).get_output().clone()
}

/// Runs `--format json` with `args` and parses the document.
fn json(dir: &Path, args: &[&str], code: i32) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = run(dir, &all, code);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}", stdout(&out)))
}

/// (transform, line) of every diagnostic of a JSON document.
fn findings(doc: &Value) -> Vec<(String, u64)> {
    doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| (d["transform"].as_str().unwrap().to_owned(), d["range"]["start"]["line"].as_u64().unwrap()))
        .collect()
}

/// A library method with one `await` on line 7 and an `async void` method on line 10.
fn class_with(name: &str, before_await: &str, before_void: &str) -> String {
    format!(
        "using System.Threading.Tasks;\n\
         namespace Lib\n\
         {{\n\
         \x20   public class {name}\n\
         \x20   {{\n\
         \x20       {before_await}public async Task RunAsync()\n\
         \x20       {{ await Task.Delay(1); }}\n\
         \n\
         \x20       {before_void}\n\
         \x20       public async void OnClick() {{ await Task.Delay(1).ConfigureAwait(false); }}\n\
         \x20   }}\n\
         }}\n"
    )
}

// --- source suppressions ------------------------------------------------------------------------

#[test]
fn pragma_region_suppresses_by_analyzer_id_until_restored() {
    let src = "using System.Threading.Tasks;\n\
               namespace Lib\n\
               {\n\
               \x20   public class A\n\
               \x20   {\n\
               #pragma warning disable CA2007 // we have no context\n\
               \x20       public async Task OneAsync() { await Task.Delay(1); }\n\
               #pragma warning restore CA2007\n\
               \x20       public async Task TwoAsync() { await Task.Delay(1); }\n\
               \x20   }\n\
               }\n";
    let dir = library(&[("A.cs", src.as_bytes())]);
    let doc = json(dir.path(), &["--select", "AF001"], 1);
    assert_eq!(findings(&doc), [("missing-configure-await".to_owned(), 9)]);
    run(dir.path(), &["--yes", "--select", "AF001"], 0);
    let text = read_text(dir.path(), "A.cs");
    assert!(text.contains("OneAsync() { await Task.Delay(1); }"), "suppressed code is never fixed:\n{text}");
    assert!(text.contains("TwoAsync() { await Task.Delay(1).ConfigureAwait(false); }"), "{text}");
}

#[test]
fn suppress_message_attribute_covers_its_member() {
    let src = class_with(
        "A",
        "",
        "[System.Diagnostics.CodeAnalysis.SuppressMessage(\"Usage\", \"VSTHRD100:Avoid async void methods\")]",
    );
    let dir = library(&[("A.cs", src.as_bytes())]);
    let doc = json(dir.path(), &["--select", "async-void,AF001"], 1);
    assert_eq!(findings(&doc), [("missing-configure-await".to_owned(), 7)]);
}

#[test]
fn ignore_comment_on_the_line_above_suppresses_the_named_transform() {
    let src = class_with("A", "", "// asyncfix: ignore async-void -- a UI event handler");
    let dir = library(&[("A.cs", src.as_bytes())]);
    let doc = json(dir.path(), &["--select", "async-void,AF001"], 1);
    assert_eq!(findings(&doc), [("missing-configure-await".to_owned(), 7)]);
}

#[test]
fn ignore_comment_without_names_suppresses_everything_on_its_line() {
    let src =
        class_with("A", "", "").replace("{ await Task.Delay(1); }", "{ await Task.Delay(1); } // asyncfix: ignore");
    let dir = library(&[("A.cs", src.as_bytes())]);
    let doc = json(dir.path(), &["--select", "async-void,AF001"], 1);
    assert_eq!(findings(&doc), [("async-void".to_owned(), 10)]);
}

// --- .editorconfig -------------------------------------------------------------------------------

/// A library class whose one `await` on line 3 lacks `.ConfigureAwait(false)`.
fn one_await(name: &str) -> String {
    format!("using System.Threading.Tasks;\nnamespace Lib {{ public class {name} {{\n    public async Task RunAsync() {{ await Task.Delay(1); }}\n}} }}\n")
}

#[test]
fn editorconfig_severity_none_turns_a_transform_off_for_one_folder() {
    let dir = library(&[
        ("src/Ui/A.cs", one_await("A").as_bytes()),
        ("src/Core/B.cs", one_await("B").as_bytes()),
        (".editorconfig", b"root = true\n\n[*.cs]\nindent_style = space\n\n[src/Ui/**.cs]\ndotnet_diagnostic.CA2007.severity = none\n"),
    ]);
    let doc = json(dir.path(), &["--select", "AF001"], 1);
    let paths: Vec<&str> = doc["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["src/Core/B.cs"]);
    run(dir.path(), &["--select", "AF001", "--yes"], 0);
    assert_eq!(read_text(dir.path(), "src/Ui/A.cs"), one_await("A"), "a file where it is off is never fixed");
}

#[test]
fn editorconfig_in_a_subfolder_overrides_the_one_above() {
    let dir = library(&[
        ("src/Ui/A.cs", one_await("A").as_bytes()),
        ("src/Core/B.cs", one_await("B").as_bytes()),
        (".editorconfig", b"root = true\n[*.cs]\ndotnet_diagnostic.AF001.severity = none\n"),
        ("src/Core/.editorconfig", b"[*.cs]\ndotnet_diagnostic.AF001.severity = warning\n"),
    ]);
    let doc = json(dir.path(), &["--select", "AF001"], 1);
    let paths: Vec<&str> = doc["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["src/Core/B.cs"]);
}

#[test]
fn editorconfig_output_kind_leaves_libraries_out_of_configure_await() {
    let dir = library(&[
        ("A.cs", one_await("A").as_bytes()),
        (".editorconfig", b"root = true\n[*]\ndotnet_code_quality.CA2007.output_kind = ConsoleApplication\n"),
    ]);
    json(dir.path(), &["--select", "AF001"], 0);
}

// --- asyncfix.toml -------------------------------------------------------------------------------

/// An application class calling `Fetch` on an outside type inside async code.
const LEGACY_CALL: &str = "\
using System.Threading.Tasks;
namespace App
{
    public class A
    {
        private readonly Legacy.Client _client = null;
        public async Task<string> RunAsync()
        {
            await Task.Yield();
            return _client.Fetch(\"x\");
        }
    }
}
";

const APP_CSPROJ: &str = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"#;

#[test]
fn knowledge_base_extension_in_asyncfix_toml_enables_a_fix() {
    let dir = project(APP_CSPROJ, &[("A.cs", LEGACY_CALL.as_bytes())]);
    json(dir.path(), &[], 0);
    write(dir.path(), "asyncfix.toml", b"[knowledge]\nasync-twins = [\"twin Client.Fetch FetchAsync\"]\n");
    run(dir.path(), &["--yes"], 0);
    assert!(read_text(dir.path(), "A.cs").contains("return await _client.FetchAsync(\"x\");"));
}

#[test]
fn types_in_asyncfix_toml_make_a_configure_await_fix_safe() {
    let code = "using System.Threading.Tasks;\nnamespace Lib { public class A {\n    private readonly Legacy.Client _client = null;\n    public async Task<string> RunAsync() { return await _client.FetchAsync(); }\n} }\n";
    let dir = library(&[("A.cs", code.as_bytes())]);
    let applicability = |doc: &Value| doc["diagnostics"][0]["fix"]["applicability"].as_str().unwrap_or("").to_owned();
    let doc = json(dir.path(), &["--select", "AF001"], 1);
    assert_eq!(applicability(&doc), "display-only", "`Legacy.Client.FetchAsync` is not known to return a task");
    write(dir.path(), "asyncfix.toml", b"[knowledge]\ntypes = [\"Client.FetchAsync() Task<string>\"]\n");
    let doc = json(dir.path(), &["--select", "AF001"], 1);
    assert_eq!(applicability(&doc), "safe", "{doc}");
    write(dir.path(), "asyncfix.toml", b"[knowledge]\ntypes = [\"Client.FetchAsync() Task<\"]\n");
    let err = stderr(&run(dir.path(), &[], 2));
    assert!(err.contains("asyncfix.toml") && err.contains("types"), "{err}");
}

#[test]
fn malformed_knowledge_line_is_an_error_naming_the_file() {
    let dir = project(APP_CSPROJ, &[("A.cs", LEGACY_CALL.as_bytes())]);
    write(dir.path(), "asyncfix.toml", b"[knowledge]\nasync-twins = [\"twin\"]\n");
    let err = stderr(&run(dir.path(), &[], 2));
    assert!(err.contains("asyncfix.toml") && err.contains("async-twins"), "{err}");
}

#[test]
fn unknown_config_key_is_an_error_naming_the_key_and_the_file() {
    let dir = library(&[("A.cs", one_await("A").as_bytes()), ("asyncfix.toml", b"selekt = [\"AF001\"]\n")]);
    let err = stderr(&run(dir.path(), &[], 2));
    assert!(err.contains("selekt") && err.contains("asyncfix.toml"), "{err}");
}

#[test]
fn nearest_config_wins_and_config_flag_overrides_it() {
    let dir = library(&[
        ("src/Ui/A.cs", one_await("A").as_bytes()),
        ("src/Core/B.cs", one_await("B").as_bytes()),
        ("asyncfix.toml", b"configure-await = \"never\"\n"),
        ("src/Core/asyncfix.toml", b"configure-await = \"auto\"\n"),
        ("other.toml", b"[configure-await-paths]\n\"src/Ui/**\" = \"auto\"\n\"src/Core/**\" = \"never\"\n"),
    ]);
    let paths = |doc: &Value| -> Vec<String> {
        doc["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(paths(&json(dir.path(), &["--select", "AF001"], 1)), ["src/Core/B.cs"]);
    assert_eq!(paths(&json(dir.path(), &["--select", "AF001", "--config", "other.toml"], 1)), ["src/Ui/A.cs"]);
    assert!(
        paths(&json(dir.path(), &["--select", "AF001", "--configure-await", "never"], 0)).is_empty(),
        "the command line wins"
    );
}

#[test]
fn config_select_and_ignore_give_way_to_an_explicit_select() {
    let src = class_with("A", "", "");
    let dir = library(&[
        ("A.cs", src.as_bytes()),
        ("asyncfix.toml", b"select = [\"async-void\", \"AF001\"]\nignore = [\"AF001\"]\n"),
    ]);
    assert_eq!(findings(&json(dir.path(), &[], 1)), [("async-void".to_owned(), 10)]);
    assert_eq!(findings(&json(dir.path(), &["--select", "AF001"], 1)), [("missing-configure-await".to_owned(), 7)]);
}

// --- SARIF, GitHub annotations, --output, --quiet ---------------------------------------------------

#[test]
fn sarif_has_rules_results_regions_and_fixes() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["--select", "AF001", "--format", "sarif"], 1);
    let log: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    check_sarif_shape(&log);
    assert_eq!(log["version"], "2.1.0");
    let run0 = &log["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = rules.iter().find(|r| r["id"] == "AF001").expect("a rule per transform");
    assert_eq!(rule["name"], "missing-configure-await");
    assert!(rule["help"]["text"].as_str().unwrap().contains("## Why is this bad?"), "help is the README");
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let r = &results[0];
    assert_eq!(r["ruleId"], "AF001");
    assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], "AF001");
    let location = &r["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "src/A.cs");
    assert_eq!(location["region"]["startLine"], 9);
    assert_eq!(location["region"]["startColumn"], 13);
    let change = &r["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "src/A.cs");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], ".ConfigureAwait(false)");
    assert_eq!(replacement["deletedRegion"]["startLine"], 9);
    assert_eq!(replacement["deletedRegion"]["startColumn"], replacement["deletedRegion"]["endColumn"], "an insertion");
    let offset = replacement["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize;
    assert!(TWO_AWAITS[..offset].ends_with("Task.Delay(1)"));
}

/// With `ASYNCFIX_SARIF_SCHEMA` set to the official `sarif-schema-2.1.0.json` (OASIS sarif-spec,
/// `sarif-2.1/schema/`) and Python's `jsonschema` installed, the log is validated against the
/// schema itself. The schema is not shipped in this repository, so without them this test checks
/// nothing more than [`sarif_has_rules_results_regions_and_fixes`].
#[test]
fn sarif_is_valid_against_the_official_schema_when_it_is_given() {
    let Some(schema) = std::env::var_os("ASYNCFIX_SARIF_SCHEMA") else {
        eprintln!("ASYNCFIX_SARIF_SCHEMA not set: schema validation skipped");
        return;
    };
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes()), ("src/B b.cs", one_await("B").as_bytes())]);
    run(dir.path(), &["--format", "sarif", "-o", "log.sarif", "--select", "AF001,AF002,AF005"], 1);
    let script = "import json, sys, jsonschema\n\
                  schema = json.load(open(sys.argv[1]))\n\
                  log = json.load(open(sys.argv[2]))\n\
                  errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))\n\
                  [print(list(e.path), e.message) for e in errors]\n\
                  sys.exit(1 if errors else 0)\n";
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&schema)
        .arg(dir.path().join("log.sarif"))
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

/// The parts of the SARIF 2.1.0 schema that asyncfix's log uses: required properties and their
/// types (sarifLog: version, runs; run: tool; tool: driver; toolComponent: name; reportingDescriptor:
/// id; result: message; message: text; region: 1-based integers; fix: artifactChanges;
/// artifactChange: artifactLocation, replacements; replacement: deletedRegion).
fn check_sarif_shape(log: &Value) {
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    assert_eq!(log["version"], "2.1.0");
    for run in log["runs"].as_array().expect("runs") {
        let driver = &run["tool"]["driver"];
        assert!(driver["name"].is_string());
        let rules = driver["rules"].as_array().unwrap();
        let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().expect("rule id")).collect();
        ids.dedup();
        assert_eq!(ids.len(), rules.len(), "rule ids are unique");
        for rule in rules {
            assert!(rule["shortDescription"]["text"].is_string());
            assert!(rule["help"]["text"].is_string());
            assert!(rule["defaultConfiguration"]["level"].is_string());
        }
        let region_ok = |region: &Value| {
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                assert!(region[key].as_u64().expect(key) >= 1, "{key} is 1-based");
            }
            assert!(region["byteOffset"].is_u64() && region["byteLength"].is_u64());
        };
        for result in run["results"].as_array().unwrap() {
            assert!(result["message"]["text"].is_string());
            assert!(["none", "note", "warning", "error"].contains(&result["level"].as_str().unwrap()));
            for location in result["locations"].as_array().unwrap() {
                assert!(location["physicalLocation"]["artifactLocation"]["uri"].is_string());
                region_ok(&location["physicalLocation"]["region"]);
            }
            for fix in result["fixes"].as_array().into_iter().flatten() {
                assert!(fix["description"]["text"].is_string());
                for change in fix["artifactChanges"].as_array().expect("artifactChanges") {
                    assert!(change["artifactLocation"]["uri"].is_string());
                    for r in change["replacements"].as_array().expect("replacements") {
                        region_ok(&r["deletedRegion"]);
                        assert!(r["insertedContent"]["text"].is_string());
                    }
                }
            }
        }
    }
}

#[test]
fn github_format_prints_escaped_annotations() {
    let dir = library(&[("src/A,1.cs", TWO_AWAITS.as_bytes())]);
    let out = stdout(&run(dir.path(), &["--select", "AF001", "--format", "github"], 1));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with(
            "::warning file=src/A%2C1.cs,line=9,col=13,endLine=9,endColumn=32,title=AF001 missing-configure-await::"
        ),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("`await` without `.ConfigureAwait(false)` in library code"));
}

#[test]
fn output_writes_the_patch_to_a_file() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["--select", "AF001", "--dry-run", "--output", "fix.patch"], 1);
    assert!(out.stdout.is_empty());
    let patch = read_text(dir.path(), "fix.patch");
    assert!(patch.starts_with("--- a/src/A.cs\n+++ b/src/A.cs\n"), "{patch}");
    run(dir.path(), &["--select", "AF001", "--format", "sarif", "-o", "out.sarif"], 1);
    let log: Value = serde_json::from_slice(&read(dir.path(), "out.sarif")).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 2);
}

#[test]
fn quiet_prints_nothing_but_errors_and_the_requested_format() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["--select", "AF001", "--quiet"], 1);
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{}{}", stdout(&out), stderr(&out));
    let out = run(dir.path(), &["--select", "AF001", "--quiet", "--format", "json"], 1);
    assert!(serde_json::from_slice::<Value>(&out.stdout).is_ok());
    assert!(out.stderr.is_empty());
    let out = run(dir.path(), &["--select", "AF001", "--quiet", "--dry-run"], 1);
    assert!(stdout(&out).starts_with("--- a/src/A.cs"), "the patch is what --dry-run asks for");
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    let out = run(dir.path(), &["--select", "AF001", "--quiet", "--yes"], 0);
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert_eq!(read_text(dir.path(), "src/A.cs"), TWO_AWAITS_FIXED);
}

#[test]
fn completions_and_man_page_are_generated_from_the_command_line_definition() {
    let dir = tempfile::tempdir().unwrap();
    let bash = stdout(&run(dir.path(), &["--completions", "bash"], 0));
    assert!(bash.contains("--apply-plan") && bash.contains("--allow-dirty"), "{bash}");
    let man = stdout(&run(dir.path(), &["--man"], 0));
    assert!(man.starts_with(".ie") || man.contains(".TH asyncfix"), "{man}");
    assert!(man.contains("allow\\-dirty"), "{man}");
}

// --- the dirty-tree guard ------------------------------------------------------------------------

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

#[test]
fn yes_refuses_files_with_uncommitted_changes_in_git_unless_allowed() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes()), ("src/B.cs", b"namespace Lib { class B { } }\n")]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "init"]);

    // Committed: written.
    run(dir.path(), &["--select", "AF001", "--yes"], 0);
    assert_eq!(read_text(dir.path(), "src/A.cs"), TWO_AWAITS_FIXED);
    git(dir.path(), &["checkout", "-q", "src/A.cs"]);

    // A modified file is refused, named, with the way out; nothing is written.
    let modified = TWO_AWAITS.replace("Delay(2)", "Delay(20)");
    write(dir.path(), "src/A.cs", modified.as_bytes());
    let err = stderr(&run(dir.path(), &["--select", "AF001", "--yes"], 2));
    assert!(err.contains("uncommitted changes") && err.contains("src/A.cs") && err.contains("--allow-dirty"), "{err}");
    assert_eq!(read_text(dir.path(), "src/A.cs"), modified);

    // Previewing is never blocked; --allow-dirty writes.
    run(dir.path(), &["--select", "AF001", "--dry-run"], 1);
    run(dir.path(), &["--select", "AF001", "--format", "json"], 1);
    run(dir.path(), &["--select", "AF001", "--yes", "--allow-dirty"], 0);
    assert!(read_text(dir.path(), "src/A.cs").contains("Delay(20).ConfigureAwait(false)"));
}

#[test]
fn an_untracked_file_counts_as_uncommitted_and_other_files_do_not_block() {
    let dir = library(&[("src/B.cs", b"namespace Lib { class B { } }\n")]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "init"]);
    write(dir.path(), "src/A.cs", TWO_AWAITS.as_bytes());
    let err = stderr(&run(dir.path(), &["--select", "AF001", "--yes"], 2));
    assert!(err.contains("src/A.cs"), "{err}");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "A"]);
    write(dir.path(), "src/B.cs", b"namespace Lib { class B { int x; } }\n");
    run(dir.path(), &["--select", "AF001", "--yes"], 0);
}

#[test]
fn unsafe_fixes_in_asyncfix_toml_lets_yes_apply_unsafe_fixes() {
    let src = class_with("A", "", "");
    let dir = library(&[("A.cs", src.as_bytes())]);
    run(dir.path(), &["--yes", "--select", "async-void"], 1);
    assert_eq!(read_text(dir.path(), "A.cs"), src);
    write(dir.path(), "asyncfix.toml", b"unsafe-fixes = true\n");
    run(dir.path(), &["--yes", "--select", "async-void"], 0);
    assert!(read_text(dir.path(), "A.cs").contains("public async Task OnClick()"));
}

#[test]
fn color_always_colors_the_patch_and_never_or_output_files_do_not() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    let colored = stdout(&run(dir.path(), &["--select", "AF001", "--dry-run", "--color", "always"], 1));
    assert!(colored.contains('\u{1b}'), "{colored}");
    let plain = stdout(&run(dir.path(), &["--select", "AF001", "--dry-run", "--color", "never"], 1));
    assert!(!plain.contains('\u{1b}'));
    run(dir.path(), &["--select", "AF001", "--dry-run", "--color", "always", "-o", "fix.patch"], 1);
    assert!(!read_text(dir.path(), "fix.patch").contains('\u{1b}'), "a patch file must apply");
}

#[test]
fn token_accepting_api_from_asyncfix_toml_gets_the_token() {
    let src = LEGACY_CALL
        .replace("using System.Threading.Tasks;", "using System.Threading;\nusing System.Threading.Tasks;")
        .replace("RunAsync()", "RunAsync(CancellationToken cancellationToken)")
        .replace("            await Task.Yield();\n", "")
        .replace("return _client.Fetch(\"x\");", "return await _client.FetchAsync(\"x\");");
    let dir = project(APP_CSPROJ, &[("A.cs", src.as_bytes())]);
    let select = ["--select", "unforwarded-cancellation"];
    json(dir.path(), &select, 0);
    write(
        dir.path(),
        "asyncfix.toml",
        b"[knowledge]\ncancellation = [\"api Client.FetchAsync 1 append:cancellationToken all\"]\n",
    );
    run(dir.path(), &["--yes", select[0], select[1]], 0);
    assert!(read_text(dir.path(), "A.cs").contains("await _client.FetchAsync(\"x\", cancellationToken);"));
}
