//! Meta-tests that keep the conventions honest for every registered transform: documentation,
//! fixtures and snapshots exist and agree, and names, codes and messages follow the style.

#[path = "common/fixtures.rs"]
mod fixtures;

use std::collections::BTreeSet;
use std::fs;

use asyncfix::transforms::{all, Meta};
use fixtures::{
    asyncfix, copy_to_temp, describe, fixtures_of, marker, markers, projects_of, snapshot_dir, transform_dir, Marker,
};
use serde_json::Value;

/// The headings every transform's README has, in this order.
const HEADINGS: &[&str] = &["## What it finds", "## Why is this bad?", "## Example", "## Fix safety", "## Limits"];

fn metas() -> Vec<&'static Meta> {
    all().iter().map(|t| t.meta()).collect()
}

fn fail_if_any(what: &str, failures: Vec<String>) {
    assert!(failures.is_empty(), "{what}:\n  {}", failures.join("\n  "));
}

#[test]
fn every_transform_has_its_readme_as_documentation() {
    let mut failures = Vec::new();
    for meta in metas() {
        let path = transform_dir(meta.name).join("README.md");
        let Ok(readme) = fs::read_to_string(&path) else {
            failures.push(format!("{}: no transforms/{}/README.md", meta.name, meta.name));
            continue;
        };
        if readme != meta.documentation {
            failures.push(format!("{}: meta().documentation is not transforms/{}/README.md", meta.name, meta.name));
        }
        let title = format!("# {} ({})", meta.name, meta.code);
        if readme.lines().next() != Some(title.as_str()) {
            failures.push(format!("{}: the README's first line should be `{title}`", meta.name));
        }
        let mut last = 0;
        for heading in HEADINGS {
            match readme.lines().position(|l| l.trim_end() == *heading) {
                None => failures.push(format!("{}: the README has no `{heading}` heading", meta.name)),
                Some(at) if at < last => {
                    failures.push(format!("{}: `{heading}` should come after the headings before it", meta.name))
                }
                Some(at) => last = at,
            }
        }
    }
    fail_if_any("documentation", failures);
}

#[test]
fn names_and_codes_follow_the_conventions() {
    let mut failures = Vec::new();
    let mut names = BTreeSet::new();
    let mut codes = BTreeSet::new();
    for meta in metas() {
        let kebab = !meta.name.is_empty()
            && meta.name.split('-').all(|w| {
                !w.is_empty()
                    && w.starts_with(|c: char| c.is_ascii_lowercase())
                    && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if !kebab {
            failures.push(format!("{}: the name is not kebab-case", meta.name));
        }
        let code_ok =
            meta.code.len() == 5 && meta.code.starts_with("AF") && meta.code[2..].chars().all(|c| c.is_ascii_digit());
        if !code_ok {
            failures.push(format!("{}: the code `{}` does not match AF\\d{{3}}", meta.name, meta.code));
        }
        if !names.insert(meta.name) {
            failures.push(format!("{}: the name is used twice", meta.name));
        }
        if !codes.insert(meta.code) {
            failures.push(format!("{}: the code {} is used twice", meta.name, meta.code));
        }
        if meta.summary.is_empty() || meta.summary.ends_with('.') {
            failures.push(format!("{}: the summary should be a fragment without a final period", meta.name));
        }
    }
    // Every transform folder belongs to a registered transform (`knowledge/` holds data).
    for entry in fs::read_dir(fixtures::root().join("transforms")).expect("transforms/").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && name != "knowledge" && !names.contains(name.as_str()) {
            failures.push(format!("transforms/{name}/ belongs to no registered transform"));
        }
    }
    fail_if_any("names and codes", failures);
}

#[test]
fn every_transform_has_positive_and_negative_fixtures() {
    let mut failures = Vec::new();
    for meta in metas() {
        let fixtures = fixtures_of(meta.name);
        if fixtures.is_empty() {
            failures.push(format!("{}: no `.cs` fixtures under transforms/{}/", meta.name, meta.name));
            continue;
        }
        let all_markers: Vec<Marker> =
            fixtures.iter().flat_map(|f| markers(&f.text(), meta.name)).map(|(_, m)| m).collect();
        if !all_markers.contains(&Marker::Finding) {
            failures.push(format!("{}: no fixture line is marked `// {}`", meta.name, meta.name));
        }
        if !all_markers.contains(&Marker::Ok) {
            failures.push(format!("{}: no fixture line is marked `// OK`", meta.name));
        }
    }
    fail_if_any("fixtures", failures);
}

#[test]
fn every_fixture_has_a_snapshot_and_every_snapshot_a_fixture() {
    let mut failures = Vec::new();
    // The composition test (tests/compose.rs) keeps one snapshot of its own.
    let expected: BTreeSet<String> = metas()
        .iter()
        .flat_map(|m| fixtures_of(m.name))
        .map(|f| format!("{}.snap", f.snapshot_name()))
        .chain(["composition__all-transforms.snap".to_owned()])
        .collect();
    let present: BTreeSet<String> = fs::read_dir(snapshot_dir())
        .map(|entries| entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    for missing in expected.difference(&present) {
        failures.push(format!(
            "no snapshot snapshots/{missing} (run the fixture test with INSTA_UPDATE=always and review it)"
        ));
    }
    for orphan in present.difference(&expected) {
        let hint = if orphan.ends_with(".snap") {
            "no fixture has this snapshot: delete it"
        } else {
            "review it, then delete it"
        };
        failures.push(format!("snapshots/{orphan}: {hint}"));
    }
    fail_if_any("snapshots", failures);
}

/// Messages and fix titles are fragments without a final period, and fix titles are imperatives;
/// each transform reports at least one finding on its fixtures (with `--configure-await always`,
/// so fixtures of every project kind count).
#[test]
fn messages_and_fix_titles_follow_the_style() {
    let mut failures = Vec::new();
    for meta in metas() {
        let mut messages = BTreeSet::new();
        let mut titles = BTreeSet::new();
        for (project, _) in projects_of(meta.name) {
            let copy = copy_to_temp(&project);
            let args = ["--select", meta.name, "--unsafe-fixes", "--configure-await", "always", "--format", "json"];
            let output = asyncfix(copy.path(), &args);
            let Ok(document) = serde_json::from_slice::<Value>(&output.stdout) else {
                failures.push(format!("{}: no JSON\n{}", meta.name, describe(&args, &output)));
                continue;
            };
            for d in document["diagnostics"].as_array().into_iter().flatten() {
                if d["transform"].as_str() != Some(meta.name) || d["code"].as_str() != Some(meta.code) {
                    failures.push(format!("{}: a finding names another transform: {d}", meta.name));
                }
                messages.extend(d["message"].as_str().map(str::to_owned));
                titles.extend(d["fix"]["description"].as_str().map(str::to_owned));
            }
        }
        if messages.is_empty() {
            failures.push(format!("{}: reports nothing on its fixtures", meta.name));
        }
        for text in messages.iter().chain(&titles) {
            if text.trim().is_empty() || text.ends_with('.') || text != text.trim() {
                failures.push(format!("{}: `{text}` should be a fragment without a final period", meta.name));
            }
        }
        for title in &titles {
            if !title.starts_with(|c: char| c.is_ascii_uppercase()) {
                failures.push(format!("{}: the fix title `{title}` should be an imperative (`Add …`)", meta.name));
            }
        }
    }
    fail_if_any("messages", failures);
}

#[test]
fn markers_are_whole_words_in_the_last_comment() {
    let t = "missing-configure-await";
    assert_eq!(marker("await F(); // missing-configure-await", t), Some(Marker::Finding));
    assert_eq!(marker("await F(); // missing-configure-await: nested", t), Some(Marker::Finding));
    assert_eq!(marker("await F(); // OK", t), Some(Marker::Ok));
    assert_eq!(marker("await F(); // OK: already configured", t), Some(Marker::Ok));
    assert_eq!(marker("await F(); // OKAY", t), None);
    assert_eq!(marker("await F(); // missing-configure-await-x", t), None);
    assert_eq!(marker("await F(); // another-transform", t), None);
    assert_eq!(marker("await F();", t), None);
    assert_eq!(markers("a // OK\nb\nc // missing-configure-await\n", t), [(1, Marker::Ok), (3, Marker::Finding)]);
}

#[test]
fn every_transform_has_before_and_after_unit_tests() {
    // rust-analyzer's `check_assist` discipline: each transform's source shows, in its own unit
    // tests, a fix it makes (`assert_fix`) and a place where it makes none (`assert_not_fixed`).
    let mut failures = Vec::new();
    for meta in metas() {
        let path = format!("{}/src/transforms/{}.rs", env!("CARGO_MANIFEST_DIR"), meta.name.replace('-', "_"));
        let Ok(source) = fs::read_to_string(&path) else {
            failures.push(format!("{}: no source file {path}", meta.name));
            continue;
        };
        if !source.contains("assert_fix(") && !source.contains("assert_fix_in(") {
            failures.push(format!("{}: no `assert_fix` unit test in {path}", meta.name));
        }
        if !source.contains("assert_not_fixed(") {
            failures.push(format!("{}: no `assert_not_fixed` unit test in {path}", meta.name));
        }
    }
    fail_if_any("transforms without before/after unit tests", failures);
}
