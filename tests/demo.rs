//! The demo under `demo/` shows the whole tool, and the README's first command
//! (`asyncfix --dry-run demo/`) shows its diffs: this test runs that command and keeps its output
//! as a snapshot, so the demo cannot drift from what asyncfix does.
//!
//! When a change to asyncfix changes the demo's output on purpose, review the new output and
//! accept it: `INSTA_UPDATE=always cargo test --release --test demo` (or `cargo insta review`
//! with cargo-insta), then read the diff of `tests/snapshots/demo__dry_run.snap` before
//! committing it.

mod common;

use std::path::Path;
use std::process::Output;

use common::{stderr, stdout};

/// `asyncfix --dry-run demo/` from the repository's root, as the README runs it.
fn dry_run() -> Output {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_asyncfix"))
        .args(["--dry-run", "demo/"])
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .env("NO_COLOR", "1")
        .output()
        .expect("run asyncfix");
    assert_eq!(out.status.code(), Some(1), "findings remain to review:\n{}", stderr(&out));
    out
}

#[test]
fn the_readme_command_on_the_demo_prints_this() {
    let out = dry_run();
    let shown = format!("{}\n────────────── stderr ──────────────\n{}", stdout(&out), stderr(&out));
    insta::assert_snapshot!("dry_run", shown);
}

#[test]
fn the_demo_shows_each_pitfall_with_its_fix() {
    let out = dry_run();
    let (patch, listing) = (stdout(&out), stderr(&out));
    let fixed = |transform: &str, file: &str| {
        listing
            .lines()
            .any(|l| l.starts_with(&format!("demo/src/{file}:")) && l.contains(&format!(": {transform}: [*] ")))
    };
    for (transform, file, what) in [
        ("async-void", "Weather.App/RefreshButton.cs", "an async void handler"),
        ("async-all-the-way", "Weather.App/Program.cs", "`.Result` in sync code"),
        ("sync-over-async", "Weather.Client/WeatherClient.cs", "`.Result` in async code"),
        ("blocking-call", "Weather.Client/WeatherClient.cs", "a blocking call with a twin"),
        ("sequential-awaits", "Weather.Client/WeatherClient.cs", "sequential independent awaits"),
        ("task-run-io", "Weather.Client/WeatherClient.cs", "a Task.Run around I/O"),
        ("unforwarded-cancellation", "Weather.Client/WeatherClient.cs", "an unforwarded token"),
        ("missing-cancellation", "Weather.Client/ForecastCache.cs", "a token chain"),
        ("when-all-exceptions", "Weather.Client/WeatherClient.cs", "a WhenAll handler"),
        ("missing-configure-await", "Weather.Client/WeatherClient.cs", "ConfigureAwait in a library"),
    ] {
        assert!(fixed(transform, file), "the demo should show {what} ({transform} in {file}) with a fix:\n{listing}");
    }
    assert!(
        listing
            .contains("← ForecastController.GetAsync (demo/src/Weather.Web/ForecastController.cs): passes its token"),
        "the token chain reaches the controller action:\n{listing}"
    );
    for file in [
        "Weather.App/Program.cs",
        "Weather.App/RefreshButton.cs",
        "Weather.Client/WeatherClient.cs",
        "Weather.Client/ForecastCache.cs",
        "Weather.Web/ForecastController.cs",
    ] {
        assert!(patch.contains(&format!("--- a/demo/src/{file}\n")), "the patch changes {file}:\n{patch}");
    }
}
