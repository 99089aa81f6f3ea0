//! Listing, checking and summarising (issue 15), counts that agree across formats (issue 14),
//! .NET conventions (analyzer IDs, `.editorconfig` levels, completions, the man page) and
//! configuration files that cannot be read: the real binary on small projects in temporary
//! folders.

mod common;

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use common::*;
use rexpect::process::wait::WaitStatus;
use rexpect::session::{spawn_with_options, Options};
use serde_json::Value;

/// The binary, run in `dir` without colors.
fn asyncfix(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("asyncfix").expect("asyncfix binary");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// Runs asyncfix in `dir` with `args`, asserts its exit status and returns what it printed.
fn run(dir: &Path, args: &[&str], code: i32) -> Output {
    let out = asyncfix(dir).args(args).output().expect("run asyncfix");
    assert_eq!(
        out.status.code(),
        Some(code),
        "asyncfix {args:?}\nstdout:\n{}\nstderr:\n{}",
        stdout(&out),
        stderr(&out)
    );
    out
}

/// Parses what a run printed on stdout as JSON.
fn parse(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}", stdout(out)))
}

/// The transforms of the diagnostics of a JSON document, with their paths.
fn found(doc: &Value) -> Vec<(String, String)> {
    doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| (d["transform"].as_str().unwrap().to_owned(), d["path"].as_str().unwrap().to_owned()))
        .collect()
}

/// The first number of `line` after `before`.
fn number_after(line: &str, before: &str) -> u64 {
    let rest = &line[line.find(before).unwrap_or_else(|| panic!("{before:?} in {line:?}")) + before.len()..];
    rest.trim_start().split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap()
}

/// An async method blocking on `.Result`: once replaced with `await`, that `await` needs
/// `.ConfigureAwait(false)`, a fix that appears only in the next round.
const RESULT_IN_ASYNC: &str = "\
using System.Threading.Tasks;

namespace Lib
{
    public class R
    {
        public async Task<int> RunAsync()
        {
            var x = Task.FromResult(1).Result;
            return x;
        }
    }
}
";

// --- listing, marks and the ruff-style ending ----------------------------------------------------

#[test]
fn an_explicit_format_on_a_terminal_lists_and_never_prompts() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_asyncfix"));
    cmd.args(["--format", "text", "--select", "missing-configure-await"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("PAGER", "cat");
    let mut p = spawn_with_options(cmd, Options::new().timeout_ms(Some(30_000)).strip_ansi_escape_codes(true))
        .expect("spawn asyncfix in a pty");
    let output = p.exp_eof().expect("asyncfix ends without waiting for an answer");
    let status = p.process().wait().expect("wait");
    assert!(matches!(status, WaitStatus::Exited(_, 1)), "{status:?}\n{output}");
    assert!(output.contains("A.cs:9:13: missing-configure-await: [*] "), "{output}");
    assert!(!output.contains("Apply this fix"), "no question:\n{output}");
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS);
}

#[test]
fn findings_are_marked_and_the_summary_ends_in_ruffs_manner() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let text = stdout(&run(dir.path(), &[], 1));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.contains(&format!("A.cs:9:13: missing-configure-await: [*] {AWAIT_MESSAGE}").as_str()), "{text}");
    assert!(lines.iter().any(|l| l.starts_with("A.cs:7:27: missing-cancellation: [unsafe] ")), "{text}");
    assert_eq!(
        lines.last().copied(),
        Some("Scanned 1 file: 3 findings; 2 fixable with `--yes` (1 more with `--unsafe-fixes`)"),
        "{text}"
    );
    let text = stdout(&run(dir.path(), &["--unsafe-fixes"], 1));
    assert!(text.lines().any(|l| l.starts_with("A.cs:7:27: missing-cancellation: [*] ")), "{text}");
    assert!(text.ends_with("Scanned 1 file: 3 findings; 3 fixable with `--yes --unsafe-fixes`\n"), "{text}");
}

#[test]
fn counts_agree_in_text_json_and_sarif() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes()), ("R.cs", RESULT_IN_ASYNC.as_bytes())]);
    let text = stdout(&run(dir.path(), &[], 1));
    let summary = text.lines().last().unwrap();
    let json = parse(&run(dir.path(), &["--format", "json"], 1));
    let sarif = parse(&run(dir.path(), &["--format", "sarif"], 1));
    let sarif_summary = &sarif["runs"][0]["properties"]["summary"];
    assert_eq!(&json["summary"], sarif_summary, "the same numbers in JSON and SARIF");
    assert_eq!(json["summary"]["diagnostics"], number_after(summary, "files:"), "{summary}");
    assert_eq!(json["summary"]["fixable"], number_after(summary, "findings;"), "{summary}");
    assert_eq!(json["summary"]["fixable_unsafe"], number_after(summary, "("), "{summary}");
    assert_eq!(
        json["summary"]["diagnostics"].as_u64().unwrap() as usize,
        json["diagnostics"].as_array().unwrap().len()
    );

    // --dry-run: the patch holds the fixes of later rounds too, and says how many.
    let dry = run(dir.path(), &["--dry-run", "--unsafe-fixes"], 1);
    let line = stderr(&dry).lines().find(|l| l.starts_with("Would apply")).expect("the summary").to_owned();
    let dry_json = parse(&run(dir.path(), &["--dry-run", "--unsafe-fixes", "--format", "json"], 1));
    assert_eq!(dry_json["summary"]["fixes_previewed"], number_after(&line, "Would apply"), "{line}");
    assert_eq!(dry_json["summary"]["later_round_fixes"], number_after(&line, "files ("), "{line}");
    assert!(line.contains("of them for findings that appeared after others were applied"), "{line}");
    assert!(dry_json["summary"]["later_round_fixes"].as_u64().unwrap() >= 1, "{:#}", dry_json["summary"]);
}

#[test]
fn dry_run_shows_the_shape_of_a_chain_fix_under_its_finding() {
    let dir = project(WEB_CSPROJ, &[("Client.cs", CLIENT.as_bytes()), ("Service.cs", SERVICE.as_bytes())]);
    let out = run(dir.path(), &["--dry-run", "--unsafe-fixes", "--select", "missing-cancellation"], 1);
    let err = stderr(&out);
    assert!(err.contains("    chain: 2 methods in 2 files\n      Client.FetchAsync (Client.cs)\n      ← Service.LoadAsync (Service.cs): passes its token\n"), "{err}");
}

#[test]
fn json_fixes_list_the_methods_of_their_chain_with_paths() {
    let dir = project(WEB_CSPROJ, &[("Client.cs", CLIENT.as_bytes()), ("Service.cs", SERVICE.as_bytes())]);
    let doc = parse(&run(dir.path(), &["--format", "json", "--select", "missing-cancellation"], 1));
    let chain = &doc["diagnostics"][0]["fix"]["chain"];
    assert_eq!(
        chain,
        &serde_json::json!([
            { "method": "Client.FetchAsync", "path": "Client.cs", "calls": null },
            { "method": "Service.LoadAsync", "path": "Service.cs", "calls": 0, "note": "passes its token" },
        ]),
        "{doc:#}"
    );
    let simple = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let doc = parse(&run(simple.path(), &["--format", "json", "--select", "AF001"], 1));
    assert!(doc["diagnostics"][0]["fix"].get("chain").is_none(), "no chain on a one-site fix: {doc:#}");
}

// --- --check, --exit-zero, --statistics, per-file lines ------------------------------------------

#[test]
fn check_exits_1_and_lists_the_files_yes_would_change_and_writes_nothing() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes()), ("B.cs", b"class B { }\n")]);
    let before = snapshot(dir.path());
    let out = run(dir.path(), &["--check"], 1);
    assert_eq!(
        stdout(&out),
        "would change A.cs: 2 fixes (missing-configure-await ×2)\n`asyncfix --yes` would change 1 file (2 fixes)\n"
    );
    assert_eq!(snapshot(dir.path()), before, "--check writes nothing");
}

#[test]
fn check_exits_0_when_only_unfixable_or_unsafe_findings_remain() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["--check", "--select", "missing-cancellation"], 0);
    assert_eq!(stdout(&out), "`asyncfix --yes` would change no file\n");
    let out = run(dir.path(), &["--check", "--select", "missing-cancellation", "--unsafe-fixes"], 1);
    assert!(stdout(&out).starts_with("would change A.cs: 1 fix (missing-cancellation ×1)\n"), "{}", stdout(&out));
}

#[test]
fn exit_zero_ignores_findings_but_not_errors() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    run(dir.path(), &["--exit-zero"], 0);
    run(dir.path(), &["--exit-zero", "--dry-run"], 0);
    let out = run(dir.path(), &["--exit-zero", ".", "does-not-exist"], 2);
    assert!(stderr(&out).contains("does-not-exist"), "{}", stderr(&out));
}

#[test]
fn statistics_print_one_line_per_transform() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes()), ("R.cs", RESULT_IN_ASYNC.as_bytes())]);
    let out = run(dir.path(), &["--statistics"], 1);
    let text = stdout(&out);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(rows[0], ["code", "transform", "findings", "safe", "unsafe", "no", "fix"], "{text}");
    assert!(rows.contains(&vec!["AF001", "missing-configure-await", "2", "2", "0", "0"]), "{text}");
    assert!(rows.iter().any(|r| r.first() == Some(&"AF003") && r[2] == "1" && r[4] == "1"), "{text}");
    assert!(rows.last().unwrap().starts_with(&["total"]), "{text}");
    assert!(!text.contains(AWAIT_MESSAGE), "the table replaces the findings:\n{text}");
    let doc = parse(&run(dir.path(), &["--statistics", "--format", "json"], 1));
    let af001 = doc["statistics"].as_array().unwrap().iter().find(|r| r["code"] == "AF001").cloned().unwrap();
    assert_eq!(af001["findings"], 2);
    assert_eq!(af001["fixable_safe"], 2);
}

#[test]
fn yes_prints_one_line_per_changed_file_with_its_fixes_by_transform() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes()), ("R.cs", RESULT_IN_ASYNC.as_bytes())]);
    let out = run(dir.path(), &["--yes", "--unsafe-fixes", "--select", "AF001,AF003"], 0);
    let text = stdout(&out);
    assert!(text.contains("A.cs: 2 fixes (missing-configure-await ×2)\n"), "{text}");
    assert!(text.contains("R.cs: 2 fixes (missing-configure-await ×1, sync-over-async ×1)\n"), "{text}");
    assert!(
        text.ends_with("Applied 4 fixes in 2 files (1 of them for findings that appeared after others were applied)\n"),
        "{text}"
    );
}

// --- analyzer IDs ---------------------------------------------------------------------------------

#[test]
fn analyzer_ids_work_wherever_a_transform_name_does() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let by_id = stdout(&run(dir.path(), &["--select", "CA2007"], 1));
    let by_name = stdout(&run(dir.path(), &["--select", "missing-configure-await"], 1));
    assert_eq!(by_id, by_name);
    let ignored = parse(&run(dir.path(), &["--format", "json", "--ignore", "CA2016"], 1));
    assert!(found(&ignored).iter().all(|(t, _)| t == "missing-configure-await"), "{ignored:#}");
    write(dir.path(), "asyncfix.toml", b"select = [\"CA2016\"]\n");
    let selected = parse(&run(dir.path(), &["--format", "json"], 1));
    assert_eq!(found(&selected), [("missing-cancellation".to_owned(), "A.cs".to_owned())]);
    let explained = stdout(&run(dir.path(), &["--explain", "CA2016"], 0));
    assert!(explained.starts_with("CA2016 is covered by 2 transforms: unforwarded-cancellation, missing-cancellation"));
    assert!(
        explained.contains("# unforwarded-cancellation (AF011)")
            && explained.contains("# missing-cancellation (AF012)")
    );
    let listed = stdout(&run(dir.path(), &["--list"], 0));
    let line = listed.lines().find(|l| l.starts_with("AF001")).unwrap();
    assert!(line.ends_with("[CA2007, MA0004, VSTHRD111, RCS1090, S3216, ConsiderUsingConfigureAwait]"), "{line}");
}

#[test]
fn an_unknown_name_gets_a_did_you_mean_suggestion() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let err = stderr(&run(dir.path(), &["--select", "missing-configure-awiat"], 2));
    assert!(
        err.contains(
            "unknown transform `missing-configure-awiat` in `--select`; did you mean `missing-configure-await`?"
        ),
        "{err}"
    );
    let err = stderr(&run(dir.path(), &["--explain", "CA216"], 2));
    assert!(err.contains("did you mean `CA2016`?"), "{err}");
    // A well-known rule that no transform covers: nothing to ignore, nothing to select.
    run(dir.path(), &["--ignore", "VSTHRD200"], 1);
    let err = stderr(&run(dir.path(), &["--select", "VSTHRD200"], 2));
    assert!(err.contains("`VSTHRD200` in `--select` is an analyzer rule asyncfix does not check"), "{err}");
    let explained = stdout(&run(dir.path(), &["--explain", "VSTHRD200"], 0));
    assert!(explained.contains("does not check"), "{explained}");
    write(dir.path(), "asyncfix.toml", b"ignore = [\"VSTHRD200\"]\n");
    run(dir.path(), &[], 1);
    write(dir.path(), "asyncfix.toml", b"ignore = [\"async-viod\"]\n");
    let err = stderr(&run(dir.path(), &[], 2));
    assert!(err.contains("asyncfix.toml") && err.contains("did you mean `async-void`?"), "{err}");
}

#[test]
fn completions_offer_transform_names_and_analyzer_ids() {
    let dir = tempfile::tempdir().unwrap();
    let bash = stdout(&run(dir.path(), &["--completions", "bash"], 0));
    let select = bash.lines().skip_while(|l| !l.contains("--select)")).nth(1).unwrap_or("");
    for word in ["missing-configure-await", "AF001", "CA2007", "VSTHRD100"] {
        assert!(select.contains(word), "--select completes {word}: {select}");
    }
    let explain = bash.lines().skip_while(|l| !l.contains("--explain)")).nth(1).unwrap_or("");
    assert!(explain.contains("CA2016"), "{explain}");
    let fish = stdout(&run(dir.path(), &["--completions", "fish"], 0));
    let ignore = &fish[fish.find("-l ignore").expect("--ignore completes")..];
    let ignore = &ignore[..ignore.find("\ncomplete ").unwrap_or(ignore.len())];
    assert!(ignore.contains("VSTHRD002"), "{ignore}");
}

#[test]
fn the_man_page_has_exit_status_files_environment_and_examples() {
    let dir = tempfile::tempdir().unwrap();
    let man = stdout(&run(dir.path(), &["--man"], 0));
    for section in [".SH \"EXIT STATUS\"", ".SH \"FILES\"", ".SH \"ENVIRONMENT\"", ".SH \"EXAMPLES\"", ".SH OPTIONS"] {
        assert!(man.contains(section), "{section}");
    }
    for word in ["asyncfix.toml", "\\&.editorconfig", "NO_COLOR", "PAGER", "130"] {
        assert!(man.contains(word), "{word}");
    }
}

// --- .editorconfig severities as levels -----------------------------------------------------------

/// A library class whose `await` lacks `.ConfigureAwait(false)` and whose loop never checks its
/// token (uncancellable-loop, off by default).
const LOOP: &str = "\
using System.Threading;
using System.Threading.Tasks;

namespace Lib
{
    public class Poller
    {
        public async Task PollAsync(string[] paths, CancellationToken token)
        {
            foreach (var path in paths)
            {
                await UploadAsync(path).ConfigureAwait(false);
            }
        }

        private Task UploadAsync(string path) => Task.FromResult(path);
    }
}
";

#[test]
fn editorconfig_severities_are_levels_in_sarif_and_annotations() {
    let dir = library(&[
        ("src/Ui/A.cs", TWO_AWAITS.as_bytes()),
        ("src/Core/B.cs", TWO_AWAITS.replace("class A", "class B").as_bytes()),
        (
            ".editorconfig",
            b"root = true\n[src/Ui/**.cs]\ndotnet_diagnostic.CA2007.severity = error\n[src/Core/**.cs]\ndotnet_diagnostic.AF001.severity = suggestion\n",
        ),
    ]);
    let sarif = parse(&run(dir.path(), &["--format", "sarif", "--select", "AF001"], 1));
    let levels: Vec<(String, String)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().to_owned();
            (uri, r["level"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(
        levels,
        [
            ("src/Core/B.cs".to_owned(), "note".to_owned()),
            ("src/Core/B.cs".to_owned(), "note".to_owned()),
            ("src/Ui/A.cs".to_owned(), "error".to_owned()),
            ("src/Ui/A.cs".to_owned(), "error".to_owned()),
        ]
    );
    let github = stdout(&run(dir.path(), &["--format", "github", "--select", "AF001"], 1));
    assert_eq!(github.lines().filter(|l| l.starts_with("::error file=src/Ui/A.cs")).count(), 2, "{github}");
    assert_eq!(github.lines().filter(|l| l.starts_with("::notice file=src/Core/B.cs")).count(), 2, "{github}");
    let json = parse(&run(dir.path(), &["--format", "json", "--select", "AF001"], 1));
    assert_eq!(json["diagnostics"][0]["level"], "note");
}

#[test]
fn a_severity_turns_on_a_transform_that_is_off_by_default_and_none_turns_one_off() {
    let dir = library(&[("Poller.cs", LOOP.as_bytes())]);
    let before = parse(&run(dir.path(), &["--format", "json"], 0));
    assert!(found(&before).is_empty(), "uncancellable-loop is off by default: {before:#}");
    write(dir.path(), ".editorconfig", b"root = true\n[*.cs]\ndotnet_diagnostic.AF013.severity = warning\n");
    let after = parse(&run(dir.path(), &["--format", "json"], 1));
    assert_eq!(found(&after), [("uncancellable-loop".to_owned(), "Poller.cs".to_owned())]);
    write(dir.path(), ".editorconfig", b"root = true\n[*.cs]\ndotnet_diagnostic.AF013.severity = none\n");
    run(dir.path(), &["--format", "json", "--select", "AF013"], 0);
}

// --- configuration files that cannot be read ------------------------------------------------------

#[test]
fn a_malformed_asyncfix_toml_is_an_error_naming_it_once_and_stops_only_its_files() {
    let dir = library(&[
        ("a/A.cs", TWO_AWAITS.as_bytes()),
        ("b/B.cs", TWO_AWAITS.replace("class A", "class B").as_bytes()),
        ("b/asyncfix.toml", b"selct = [\"AF001\"]\n"),
    ]);
    let out = run(dir.path(), &["--select", "AF001", "--quiet", "--format", "text"], 2);
    let (text, err) = (stdout(&out), stderr(&out));
    assert_eq!(err.matches("asyncfix.toml").count(), 1, "named once:\n{err}");
    assert!(err.starts_with("error: b/asyncfix.toml: the 1 file it configures was not checked: "), "{err}");
    assert!(err.contains("selct"), "{err}");
    assert!(text.contains("a/A.cs:9:13: missing-configure-await"), "the rest is checked:\n{text}");
    assert!(!text.contains("b/B.cs"), "its files are not:\n{text}");
    let doc = parse(&run(dir.path(), &["--select", "AF001", "--format", "json"], 2));
    assert_eq!(doc["errors"][0]["path"], "b/asyncfix.toml", "{doc:#}");
    assert_eq!(found(&doc).len(), 2, "{doc:#}");
}

#[test]
fn no_fix_edits_a_file_that_a_broken_configuration_stops() {
    let dir = project(
        WEB_CSPROJ,
        &[
            ("Client.cs", CLIENT.as_bytes()),
            ("callers/Service.cs", SERVICE.as_bytes()),
            ("callers/asyncfix.toml", b"[oops\n"),
        ],
    );
    let before = snapshot(dir.path());
    let out = run(dir.path(), &["--yes", "--unsafe-fixes", "--select", "missing-cancellation"], 2);
    assert!(stderr(&out).contains("callers/asyncfix.toml"), "{}", stderr(&out));
    assert_eq!(snapshot(dir.path()), before, "the chain would edit callers/Service.cs: no fix at all");
}

#[test]
fn an_unreadable_or_malformed_editorconfig_is_an_error_and_stops_only_its_files() {
    let dir =
        library(&[("a/A.cs", TWO_AWAITS.as_bytes()), ("b/B.cs", TWO_AWAITS.replace("class A", "class B").as_bytes())]);
    // A folder where the file should be: it exists and cannot be read.
    std::fs::create_dir_all(dir.path().join("b/.editorconfig")).unwrap();
    let out = run(dir.path(), &["--select", "AF001", "--format", "json"], 2);
    let doc = parse(&out);
    assert_eq!(found(&doc), vec![("missing-configure-await".to_owned(), "a/A.cs".to_owned()); 2]);
    assert_eq!(doc["errors"][0]["path"], "b/.editorconfig", "{doc:#}");
    assert!(doc["errors"][0]["message"].as_str().unwrap().contains("cannot be read"), "{doc:#}");

    std::fs::remove_dir(dir.path().join("b/.editorconfig")).unwrap();
    write(dir.path(), "b/.editorconfig", b"[*.cs]\ndotnet_diagnostic.CA2007.severity = nnone\n");
    let err = stderr(&run(dir.path(), &["--select", "AF001", "--quiet"], 2));
    assert!(
        err.contains("error: b/.editorconfig: missing-configure-await was not checked in the 1 file it configures: line 2: `dotnet_diagnostic.ca2007.severity` has the unknown severity `nnone`"),
        "{err}"
    );
}

#[test]
fn an_unknown_severity_stops_only_the_rules_it_names_in_its_files() {
    // npgsql's `dotnet_diagnostic.CA2007.severity = warning;`: Roslyn ignores the entry with a
    // warning; asyncfix says so, leaves CA2007's transform out of those files, and checks the rest.
    let b =
        TWO_AWAITS.replace("class A", "class B").replace("public async Task RunAsync()", "public async void Fire()");
    let dir = library(&[("a/A.cs", TWO_AWAITS.as_bytes()), ("b/B.cs", b.as_bytes())]);
    write(dir.path(), "b/.editorconfig", b"[*.cs]\ndotnet_diagnostic.CA2007.severity = warning;\n");
    let out = run(dir.path(), &["--select", "AF001,AF002", "--format", "json"], 2);
    let doc = parse(&out);
    let mut found = found(&doc);
    found.sort();
    assert_eq!(
        found,
        [("async-void", "b/B.cs"), ("missing-configure-await", "a/A.cs"), ("missing-configure-await", "a/A.cs")]
            .map(|(t, p)| (t.to_owned(), p.to_owned()))
    );
    assert_eq!(doc["errors"].as_array().unwrap().len(), 1, "{doc:#}");
    assert_eq!(doc["errors"][0]["path"], "b/.editorconfig", "{doc:#}");
    let message = doc["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("missing-configure-await was not checked in the 1 file it configures: line 2:"),
        "{message}"
    );
    assert!(message.contains("`warning;`"), "{message}");

    // The fixes of the rest are applied; the file keeps its awaits as they were.
    run(dir.path(), &["--select", "AF001,AF002", "--yes", "--unsafe-fixes"], 2);
    let after = std::fs::read_to_string(dir.path().join("b/B.cs")).unwrap();
    assert!(after.contains("async Task Fire"), "{after}");
    assert!(!after.contains("ConfigureAwait"), "{after}");
}

/// A chain across two files: `Client.FetchAsync` needs a token and `Service.LoadAsync` calls it.
const CLIENT: &str = "\
using System.Threading.Tasks;

namespace Web
{
    public class Client
    {
        public async Task FetchAsync()
        {
            await Task.Delay(1);
        }
    }
}
";

const SERVICE: &str = "\
using System.Threading;
using System.Threading.Tasks;

namespace Web
{
    public class Service
    {
        private readonly Client _client = new Client();

        // A token to give: missing-cancellation changes a chain only up to one.
        public async Task LoadAsync(CancellationToken cancellationToken)
        {
            await _client.FetchAsync();
        }
    }
}
";
