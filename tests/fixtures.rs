//! Fixtures → snapshots: every `.cs` file under `transforms/<name>/` is run through the real binary
//! and gets one insta snapshot in `snapshots/` showing its findings and the diff of its fix.
//!
//! For each registered transform, each project folder of its fixtures is copied to a temporary
//! folder and checked as a whole (so the workspace index sees every file of the project; a folder
//! with a `.sln` is one run over all its projects, as a solution is):
//! - `--select <name> --unsafe-fixes --format json` gives the findings;
//! - `--select <name> --unsafe-fixes --yes` on a second copy gives the fixed text;
//! - the same `--yes` run again on the fixed copy must change nothing (fixes are idempotent).
//!
//! Each fixture's marker comments are checked too: a line ending with `// <name>` (optionally
//! followed by text) must have a finding of the transform starting on it, and a line with `// OK`
//! must have none. Every fixture is checked even when an earlier one fails; the failures are
//! listed together at the end.

#[path = "common/fixtures.rs"]
mod fixtures;

use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use fixtures::{asyncfix, copy_to_temp, describe, markers, projects_of, snapshot_bytes, Fixture, Marker};
use serde_json::Value;

/// One finding as the JSON document gives it.
struct Finding {
    path: String,
    line: u64,
    column: u64,
    message: String,
    fix: Option<(String, String)>,
}

impl Finding {
    fn render(&self) -> String {
        let fix = match &self.fix {
            Some((description, applicability)) => format!("fix: {description}, {applicability}"),
            None => "no fix".to_owned(),
        };
        format!("{}:{}: {} ({fix})", self.line, self.column, self.message)
    }
}

/// What one run over a project folder produced.
struct ProjectRun {
    findings: Vec<Finding>,
    /// The fixed copy of the project folder.
    fixed: tempfile::TempDir,
}

#[test]
fn fixtures_match_their_markers_and_snapshots() {
    let mut failures: Vec<String> = Vec::new();
    let mut count = 0;
    for transform in asyncfix::transforms::all() {
        let name = transform.meta().name;
        for (project, fixtures) in projects_of(name) {
            count += fixtures.len();
            let run = match run_project(name, &project) {
                Ok(run) => run,
                Err(problem) => {
                    let files: Vec<&str> = fixtures.iter().map(|f| f.relative.as_str()).collect();
                    failures
                        .push(format!("{name}: the run over the project of {} failed: {problem}", files.join(", ")));
                    continue;
                }
            };
            for fixture in &fixtures {
                failures.extend(
                    check_fixture(fixture, &run).into_iter().map(|p| format!("{name}/{}: {p}", fixture.relative)),
                );
            }
        }
    }
    assert!(count > 0, "no fixtures found under transforms/");
    assert!(failures.is_empty(), "{} fixture problem(s):\n\n{}", failures.len(), failures.join("\n\n"));
}

/// Runs the binary over a copy of `project`: the findings, then the fixes, then the fixes again.
fn run_project(name: &str, project: &Path) -> Result<ProjectRun, String> {
    let listing = copy_to_temp(project);
    let args = ["--select", name, "--unsafe-fixes", "--format", "json"];
    let output = asyncfix(listing.path(), &args);
    if !matches!(output.status.code(), Some(0 | 1)) {
        return Err(describe(&args, &output));
    }
    let document: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("the JSON output does not parse ({e})\n{}", describe(&args, &output)))?;
    if document["errors"].as_array().is_some_and(|e| !e.is_empty()) {
        return Err(format!("the run reported errors: {}", document["errors"]));
    }
    let findings = document["diagnostics"]
        .as_array()
        .ok_or_else(|| format!("no `diagnostics` array\n{}", describe(&args, &output)))?
        .iter()
        .map(|d| Finding {
            path: d["path"].as_str().unwrap_or_default().trim_start_matches("./").to_owned(),
            line: d["range"]["start"]["line"].as_u64().unwrap_or_default(),
            column: d["range"]["start"]["column"].as_u64().unwrap_or_default(),
            message: d["message"].as_str().unwrap_or_default().to_owned(),
            fix: d["fix"].as_object().map(|f| {
                let text = |key: &str| f.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
                (text("description"), text("applicability"))
            }),
        })
        .collect();

    let fixed = copy_to_temp(project);
    let args = ["--select", name, "--unsafe-fixes", "--yes"];
    let output = asyncfix(fixed.path(), &args);
    if !matches!(output.status.code(), Some(0 | 1)) {
        return Err(describe(&args, &output));
    }
    let before = snapshot_bytes(fixed.path());
    let again = asyncfix(fixed.path(), &args);
    if !matches!(again.status.code(), Some(0 | 1)) {
        return Err(format!("second run: {}", describe(&args, &again)));
    }
    let after = snapshot_bytes(fixed.path());
    if before != after {
        let changed: Vec<&str> = after.iter().filter(|f| !before.contains(f)).map(|(path, _)| path.as_str()).collect();
        return Err(format!(
            "not idempotent: running `--yes` again on the fixed copy changed {}\n{}",
            changed.join(", "),
            describe(&args, &again)
        ));
    }
    Ok(ProjectRun { findings, fixed })
}

/// Checks one fixture's markers and snapshot; returns its problems.
fn check_fixture(fixture: &Fixture, run: &ProjectRun) -> Vec<String> {
    let mut problems = Vec::new();
    let name = fixture.transform;
    let path = fixture.in_project();
    let findings: Vec<&Finding> = run.findings.iter().filter(|f| f.path == path).collect();
    let original = fixture.text();
    let lines: Vec<&str> = original.lines().collect();
    for (line, marker) in markers(&original, name) {
        let found = findings.iter().filter(|f| f.line as usize == line).count();
        let text = lines[line - 1].trim();
        match marker {
            Marker::Finding if found == 0 => {
                problems.push(format!("line {line} is marked `// {name}` but has no finding: {text}"))
            }
            Marker::Ok if found > 0 => {
                problems.push(format!("line {line} is marked `// OK` but has {found} finding(s): {text}"))
            }
            _ => {}
        }
    }

    let fixed_path = run.fixed.path().join(&path);
    let fixed = match std::fs::read_to_string(&fixed_path) {
        Ok(text) => text,
        Err(e) => {
            problems.push(format!("the fixed copy cannot be read: {e}"));
            return problems;
        }
    };
    let content = snapshot_content(fixture, &findings, &original, &fixed);
    let snapshot = catch_unwind(AssertUnwindSafe(|| {
        insta::with_settings!({
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
            input_file => &fixture.path,
            description => format!("{name}: findings with --unsafe-fixes, then the diff of `--yes --unsafe-fixes`"),
        }, {
            insta::assert_snapshot!(fixture.snapshot_name(), content);
        });
    }));
    if snapshot.is_err() {
        problems.push(format!(
            "snapshot `{}` does not match (review the .snap.new file, or run with INSTA_UPDATE=always)",
            fixture.snapshot_name()
        ));
    }
    problems
}

/// The findings, one per line, then a separator, then the unified diff before → after.
fn snapshot_content(fixture: &Fixture, findings: &[&Finding], original: &str, fixed: &str) -> String {
    let mut out = String::new();
    if findings.is_empty() {
        out.push_str("no findings\n");
    }
    for f in findings {
        writeln!(out, "{}", f.render()).expect("writing to a String");
    }
    out.push_str("\n────────────────────────── fixed ──────────────────────────\n\n");
    if original == fixed {
        out.push_str("no changes\n");
    } else {
        let path = format!("{}/{}", fixture.transform, fixture.relative);
        let diff = similar::TextDiff::from_lines(original, fixed);
        let patch =
            diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_string();
        out.push_str(&patch);
    }
    out
}
