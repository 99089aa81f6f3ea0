//! What a run says is true: closed output pipes, binary and unparsable input, members around a
//! syntax error, and the dirty-tree guard. The real binary on temporary folders.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::*;

/// The binary, run in `dir` without colors.
fn asyncfix(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_asyncfix"));
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// Runs `cmd` and checks its exit status.
fn run_with(cmd: &mut Command, code: i32) -> Output {
    let out = cmd.output().expect("asyncfix runs");
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit status\n--- stdout ---\n{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

// --- closed output pipes ------------------------------------------------------------------------

/// The write end of a pipe whose read end is closed: the reader, `true`, has exited.
fn closed_pipe() -> Stdio {
    let mut reader = Command::new("true").stdin(Stdio::piped()).spawn().expect("`true` runs");
    let write_end = reader.stdin.take().expect("a pipe to the reader");
    reader.wait().expect("`true` exits");
    Stdio::from(write_end)
}

#[test]
fn a_closed_stdout_ends_the_listing_quietly_with_the_status_of_the_run() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let out = run_with(asyncfix(dir.path()).args(["--select", "AF001"]).stdout(closed_pipe()), 1);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    for format in ["json", "sarif", "github"] {
        let out =
            run_with(asyncfix(dir.path()).args(["--select", "AF001", "--format", format]).stdout(closed_pipe()), 1);
        assert!(out.stderr.is_empty(), "{format}: {}", stderr(&out));
    }
}

#[test]
fn a_closed_stdout_during_dry_run_writes_nothing_and_says_nothing_of_the_pipe() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let out = run_with(asyncfix(dir.path()).args(["--select", "AF001", "--dry-run"]).stdout(closed_pipe()), 1);
    let err = stderr(&out);
    assert!(!err.contains("error") && !err.contains("pipe") && !err.contains("panicked"), "{err}");
    assert!(err.contains("Would apply 2 fixes"), "the summary still goes to stderr:\n{err}");
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS);
}

#[test]
fn yes_into_a_closed_stdout_still_writes_every_fix_before_it_ends() {
    // The files are written before anything is printed: `asyncfix --yes | head` applies what
    // `asyncfix --yes` applies.
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let out = run_with(asyncfix(dir.path()).args(["--select", "AF001", "--yes"]).stdout(closed_pipe()), 0);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS_FIXED);
}

#[test]
fn a_closed_stderr_does_not_panic() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes()), ("B.cs", b"class B { void F() { G(; } }")]);
    // --dry-run prints its summary and the syntax note on stderr; an unknown path is an error.
    let out = run_with(
        asyncfix(dir.path()).args(["--select", "AF001", "--dry-run", "Missing.cs", "."]).stderr(closed_pipe()),
        2,
    );
    assert!(stdout(&out).contains("+            await Task.Delay(1).ConfigureAwait(false);"), "{}", stdout(&out));
    let out = run_with(asyncfix(dir.path()).args(["--select", "nonsense"]).stderr(closed_pipe()), 2);
    assert!(out.stdout.is_empty());
}

#[test]
fn both_pipes_closed_end_quietly_in_every_mode() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    for (args, code) in [
        (&["--select", "AF001"][..], 1),
        (&["--select", "AF001", "--dry-run"], 1),
        (&["--list"], 0),
        (&["--explain", "AF001"], 0),
        (&["--completions", "bash"], 0),
        (&["--man"], 0),
        (&["--help"], 0),
        (&["--version"], 0),
        (&["--dump-tree", "A.cs"], 0),
        (&["--parse-only", "."], 0),
    ] {
        let out = asyncfix(dir.path()).args(args).stdout(closed_pipe()).stderr(closed_pipe()).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
    }
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS);
}

#[test]
fn the_code_prints_only_through_the_pipe_aware_writers() {
    // `print!` and `eprint!` panic when the reader went away; `crate::stdio` ends quietly.
    let mut found = Vec::new();
    let mut pending = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if ["println!(", "print!(", "eprintln!(", "eprint!(", "dbg!("].iter().any(|m| code.contains(m)) {
                    found.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "print through crate::stdio::{{stdout, stderr}} instead:\n{}", found.join("\n"));
}
