//! A small test harness for checks that can be known not to run only at run time (an external
//! tool is missing): the standard harness has no way to mark such a test ignored, and a test that
//! returns early shows a green `ok` (its message captured). A test file with `harness = false` in
//! Cargo.toml calls [`run`] from its `main`; it prints what libtest prints, so `cargo test` shows
//! `test <name> ... ignored, <reason>` where the check did not run.
//!
//! The arguments libtest takes are accepted; the ones that matter here are name filters,
//! `--exact`, `--skip`, `--list`, `--ignored` and `--include-ignored`.
#![allow(dead_code)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;
use std::time::Instant;

/// A check: its name (as a test name) and the function that runs it, with what went wrong.
pub type Check = (&'static str, fn() -> Result<(), String>);

/// The command line libtest would get.
#[derive(Debug, Default)]
pub struct Args {
    filters: Vec<String>,
    skip: Vec<String>,
    exact: bool,
    list: bool,
    ignored: bool,
    include_ignored: bool,
}

impl Args {
    /// Reads the arguments of this process.
    pub fn from_env() -> Self {
        Self::parse(std::env::args().skip(1))
    }

    /// Reads libtest's arguments; unknown flags are ignored, options with a value skip it.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Self {
        let mut out = Args::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--list" => out.list = true,
                "--exact" => out.exact = true,
                "--ignored" => out.ignored = true,
                "--include-ignored" => out.include_ignored = true,
                "--skip" => out.skip.extend(args.next()),
                "--format" | "--test-threads" | "--color" | "--logfile" | "-Z" | "--shuffle-seed" => {
                    args.next();
                }
                flag if flag.starts_with('-') => {}
                filter => out.filters.push(filter.to_owned()),
            }
        }
        out
    }

    fn selects(&self, name: &str) -> bool {
        let matches = |f: &String| if self.exact { name == f } else { name.contains(f.as_str()) };
        (self.filters.is_empty() || self.filters.iter().any(matches)) && !self.skip.iter().any(matches)
    }
}

/// Whether the checks can run here.
#[derive(Clone, Copy, Debug)]
pub enum Runnable<'a> {
    /// They run.
    Yes,
    /// They cannot run, for this reason: each is reported as ignored with it, unless `--ignored`
    /// or `--include-ignored` asks for ignored tests to run (then each fails with it).
    Ignored(&'a str),
    /// They cannot run, for this reason, and must: each fails with it.
    Fails(&'a str),
}

/// Runs the selected `checks` and returns libtest's exit status (101 when one failed).
pub fn run(args: &Args, checks: &[Check], runnable: Runnable<'_>) -> ExitCode {
    let selected: Vec<&Check> = checks.iter().filter(|(name, _)| args.selects(name)).collect();
    let filtered_out = checks.len() - selected.len();
    if args.list {
        for (name, _) in &selected {
            println!("{name}: test");
        }
        println!("\n{} tests, 0 benchmarks", selected.len());
        return ExitCode::SUCCESS;
    }
    let run_ignored = args.ignored || args.include_ignored;
    // With --ignored, libtest runs only the ignored tests: these checks are ignored only when the
    // tool is missing.
    let selected: Vec<&Check> =
        if args.ignored && !matches!(runnable, Runnable::Ignored(_)) { Vec::new() } else { selected };
    println!("\nrunning {} test{}", selected.len(), if selected.len() == 1 { "" } else { "s" });
    let started = Instant::now();
    let (mut passed, mut ignored) = (0, 0);
    let mut failures: Vec<(&str, String)> = Vec::new();
    let outcomes: Vec<(&str, Option<Result<(), String>>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = selected
            .iter()
            .map(|&&(name, check)| {
                scope.spawn(move || match runnable {
                    Runnable::Ignored(_) if !run_ignored => (name, None),
                    Runnable::Ignored(reason) | Runnable::Fails(reason) => {
                        (name, Some(Err(format!("cannot run: {reason}"))))
                    }
                    Runnable::Yes => (name, Some(guarded(check))),
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a check thread")).collect()
    });
    for (name, outcome) in outcomes {
        match outcome {
            None => {
                ignored += 1;
                let reason = if let Runnable::Ignored(reason) = runnable { reason } else { "" };
                println!("test {name} ... ignored, {reason}");
            }
            Some(Ok(())) => {
                passed += 1;
                println!("test {name} ... ok");
            }
            Some(Err(message)) => {
                println!("test {name} ... FAILED");
                failures.push((name, message));
            }
        }
    }
    if !failures.is_empty() {
        println!("\nfailures:\n");
        for (name, message) in &failures {
            println!("---- {name} stdout ----\n{message}\n");
        }
        println!("\nfailures:");
        for (name, _) in &failures {
            println!("    {name}");
        }
    }
    println!(
        "\ntest result: {}. {passed} passed; {} failed; {ignored} ignored; 0 measured; {filtered_out} filtered out; finished in {:.2}s\n",
        if failures.is_empty() { "ok" } else { "FAILED" },
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(101)
    }
}

/// Runs `check`, turning a panic into a failure with its message.
fn guarded(check: fn() -> Result<(), String>) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(check)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        Err(format!("panicked: {message}"))
    })
}
