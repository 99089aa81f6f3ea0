//! Baselines: `--write-baseline`, `--baseline` and `baseline = "…"` in `asyncfix.toml`, end to
//! end on small projects in temporary folders.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;
use serde_json::Value;

/// Runs asyncfix in `dir` with `args` (missing-configure-await only, unless `args` select),
/// asserts its exit status and returns what it printed.
fn run(dir: &Path, args: &[&str], code: i32) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_asyncfix"));
    cmd.current_dir(dir).env("NO_COLOR", "1");
    if !args.contains(&"--select") {
        cmd.args(["--select", "missing-configure-await"]);
    }
    let out = cmd.args(args).output().expect("run asyncfix");
    assert_eq!(
        out.status.code(),
        Some(code),
        "asyncfix {args:?}\nstdout:\n{}\nstderr:\n{}",
        stdout(&out),
        stderr(&out)
    );
    out
}

/// Lines of `dir/A.cs` where a method's awaits are, with `extra` inserted before the class.
fn with_lines_above(extra: &str) -> String {
    TWO_AWAITS.replace("namespace Lib\n{\n", &format!("namespace Lib\n{{\n{extra}"))
}

fn lines_of_findings(out: &Output) -> Vec<String> {
    stdout(out).lines().filter(|l| l.contains(": missing-configure-await: ")).map(str::to_owned).collect()
}

#[test]
fn a_baseline_hides_the_findings_it_records_and_survives_lines_moving_above() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["--write-baseline", "asyncfix-baseline.json"], 0);
    assert!(stderr(&out).contains("Wrote 2 findings to the baseline asyncfix-baseline.json"), "{}", stderr(&out));
    let out = run(dir.path(), &["--baseline", "asyncfix-baseline.json"], 0);
    assert_eq!(stdout(&out), "Scanned 1 file: no findings (2 hidden by the baseline)\n");

    // Lines added above and the method re-indented: the same findings, still hidden.
    let moved = with_lines_above("    // A comment.\n\n    internal class Other { }\n\n")
        .replace("            await", "        await");
    write(dir.path(), "src/A.cs", moved.as_bytes());
    run(dir.path(), &["--baseline", "asyncfix-baseline.json"], 0);
}

#[test]
fn findings_in_new_or_changed_code_are_reported() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    run(dir.path(), &["--write-baseline", "baseline.json"], 0);
    let changed = TWO_AWAITS.replace("await Task.Delay(2);", "await Task.Delay(20);\n            await Task.Delay(1);");
    write(dir.path(), "src/A.cs", changed.as_bytes());
    let out = run(dir.path(), &["--baseline", "baseline.json"], 1);
    let lines = lines_of_findings(&out);
    // Delay(1) appears twice now, the baseline has it once: the second is new. Delay(20) changed.
    assert_eq!(lines.len(), 2, "{}", stdout(&out));
    assert!(lines[0].starts_with("src/A.cs:10:13:") && lines[1].starts_with("src/A.cs:11:13:"), "{lines:?}");
    assert!(stdout(&out).contains("(1 hidden by the baseline)"), "{}", stdout(&out));
}

#[test]
fn the_baseline_is_sorted_and_stable_byte_for_byte() {
    let dir = library(&[
        ("src/B.cs", TWO_AWAITS.replace("class A", "class B").as_bytes()),
        ("src/A.cs", TWO_AWAITS.as_bytes()),
    ]);
    run(dir.path(), &["--write-baseline", "one.json"], 0);
    write(dir.path(), "src/A.cs", with_lines_above("\n\n\n").as_bytes());
    run(dir.path(), &["--write-baseline", "two.json"], 0);
    let (one, two) = (read_text(dir.path(), "one.json"), read_text(dir.path(), "two.json"));
    assert_eq!(one, two, "lines moving above change nothing");
    let doc: Value = serde_json::from_str(&one).unwrap();
    assert_eq!(doc["version"], 1);
    let entries = doc["findings"].as_array().unwrap();
    let keys: Vec<(String, String)> = entries
        .iter()
        .map(|e| (e["path"].as_str().unwrap().to_owned(), e["fingerprint"].as_str().unwrap().to_owned()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(keys.len(), 4);
    assert_eq!(keys[0].0, "src/A.cs", "paths relative to the baseline's folder");
    assert!(entries.iter().all(|e| e.get("line").is_none()), "no line numbers: {one}");
}

#[test]
fn asyncfix_toml_names_the_baseline_and_statistics_say_how_many_it_hid() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes()), ("asyncfix.toml", b"baseline = \"ci/baseline.json\"\n")]);
    std::fs::create_dir_all(dir.path().join("ci")).unwrap();
    run(dir.path(), &["--write-baseline", "ci/baseline.json"], 0);
    assert!(read_text(dir.path(), "ci/baseline.json").contains("\"path\": \"../src/A.cs\""));
    let out = run(dir.path(), &["--statistics"], 0);
    assert!(stdout(&out).ends_with("\n2 findings hidden by the baseline ci/baseline.json\n"), "{}", stdout(&out));
    // From a subfolder, the same configuration and the same baseline apply.
    run(&dir.path().join("src"), &[], 0);
    // The command line wins.
    write(dir.path(), "empty.json", b"{ \"version\": 1, \"findings\": [] }\n");
    run(dir.path(), &["--baseline", "empty.json"], 1);
}

#[test]
fn a_baseline_that_cannot_be_read_is_an_error_naming_it() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    let err = stderr(&run(dir.path(), &["--baseline", "missing.json"], 2));
    assert!(err.contains("baseline missing.json: cannot be read"), "{err}");
    write(dir.path(), "bad.json", b"[1, 2]");
    let err = stderr(&run(dir.path(), &["--baseline", "bad.json"], 2));
    assert!(err.contains("baseline bad.json: not a baseline written by `--write-baseline`"), "{err}");
}

#[test]
fn yes_leaves_baselined_findings_alone() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    run(dir.path(), &["--write-baseline", "baseline.json"], 0);
    let more = TWO_AWAITS.replace("await Task.Delay(2);", "await Task.Delay(2);\n            await Task.Delay(3);");
    write(dir.path(), "src/A.cs", more.as_bytes());
    let out = run(dir.path(), &["--yes", "--baseline", "baseline.json"], 0);
    assert!(stdout(&out).contains("Applied 1 fix in 1 file"), "{}", stdout(&out));
    assert_eq!(
        read_text(dir.path(), "src/A.cs"),
        more.replace("await Task.Delay(3);", "await Task.Delay(3).ConfigureAwait(false);"),
        "only the new finding is fixed"
    );
}
