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

// --- the dirty-tree guard guards what would be written ---------------------------------------------

/// A library class whose only finding has an unsafe fix (async-void), which `--yes` skips.
const ONLY_UNSAFE: &str = "using System.Threading.Tasks;

namespace Lib
{
    public class Handlers
    {
        public async void OnClick() { await Task.Delay(1).ConfigureAwait(false); }
    }
}
";

/// A git work tree with everything committed.
fn committed(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = library(files);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "init"]);
    dir
}

const SELECT: [&str; 2] = ["--select", "AF001,async-void"];

#[test]
fn yes_is_not_refused_for_a_dirty_file_it_would_not_write() {
    let dir = committed(&[("src/Handlers.cs", ONLY_UNSAFE.as_bytes()), ("src/A.cs", TWO_AWAITS.as_bytes())]);
    let edited = ONLY_UNSAFE.replace("Delay(1)", "Delay(10)");
    write(dir.path(), "src/Handlers.cs", edited.as_bytes());
    // Handlers.cs has uncommitted changes, but its only fix is unsafe: --yes writes A.cs alone.
    let out = run_with(asyncfix(dir.path()).args(SELECT).arg("--yes"), 1);
    assert!(!stderr(&out).contains("uncommitted"), "{}", stderr(&out));
    assert_eq!(read_text(dir.path(), "src/A.cs"), TWO_AWAITS_FIXED);
    assert_eq!(read_text(dir.path(), "src/Handlers.cs"), edited);
    // With --unsafe-fixes it would write there: refused, naming it, and nothing is written.
    git(dir.path(), &["checkout", "-q", "src/A.cs"]);
    let out = run_with(asyncfix(dir.path()).args(SELECT).args(["--yes", "--unsafe-fixes"]), 2);
    let err = stderr(&out);
    assert!(
        err.contains("these files have uncommitted changes; asyncfix wrote nothing:\n  src/Handlers.cs (not staged)\n"),
        "{err}"
    );
    assert!(!err.contains("src/A.cs"), "A.cs is committed:\n{err}");
    assert_eq!(read_text(dir.path(), "src/A.cs"), TWO_AWAITS);
}

#[test]
fn allow_staged_writes_into_files_whose_changes_are_all_staged() {
    let dir = committed(&[("src/A.cs", b"namespace Lib { class A { } }\n")]);
    write(dir.path(), "src/A.cs", TWO_AWAITS.as_bytes());
    write(dir.path(), "src/New.cs", TWO_AWAITS.replace("class A", "class New").as_bytes());
    git(dir.path(), &["add", "src/A.cs", "src/New.cs"]);

    let err = stderr(&run_with(asyncfix(dir.path()).args(["--select", "AF001", "--yes"]), 2));
    assert!(err.contains("  src/A.cs (staged)\n  src/New.cs (staged)\n"), "{err}");
    assert!(err.ends_with("(or --allow-staged: their changes are all staged)\n"), "{err}");
    run_with(asyncfix(dir.path()).args(["--select", "AF001", "--yes", "--allow-staged"]), 0);
    assert_eq!(read_text(dir.path(), "src/A.cs"), TWO_AWAITS_FIXED);

    // A change on top of what is staged, or a file git does not know, is still refused.
    git(dir.path(), &["checkout", "-q", "src/A.cs"]);
    write(dir.path(), "src/A.cs", TWO_AWAITS.replace("Delay(2)", "Delay(20)").as_bytes());
    write(dir.path(), "src/Untracked.cs", TWO_AWAITS.replace("class A", "class U").as_bytes());
    let err = stderr(&run_with(asyncfix(dir.path()).args(["--select", "AF001", "--yes", "--allow-staged"]), 2));
    assert!(err.contains("  src/A.cs (not staged)\n  src/Untracked.cs (untracked)\n"), "{err}");
    assert!(!err.contains("New.cs") && !err.contains("--allow-staged"), "{err}");
}

// --- binary and unparsable input ----------------------------------------------------------------

#[test]
fn a_binary_file_named_cs_is_an_error_naming_it_and_the_rest_is_checked() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes()), ("Tool.cs", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00class")]);
    let out = run_with(asyncfix(dir.path()).args(["--select", "AF001"]), 2);
    assert!(stderr(&out).contains("error: Tool.cs: not C# text (binary)\n"), "{}", stderr(&out));
    assert!(stdout(&out).contains("A.cs:9:13: missing-configure-await"), "{}", stdout(&out));
    let doc: serde_json::Value = serde_json::from_slice(
        &run_with(asyncfix(dir.path()).args(["--select", "AF001", "--format", "json"]), 2).stdout,
    )
    .unwrap();
    assert_eq!(doc["errors"][0]["path"], "Tool.cs", "{doc:#}");
    assert_eq!(doc["errors"][0]["message"], "not C# text (binary)");
}

/// A library class with a good method before and after `member`, which is on line 13.
fn around(member: &str) -> String {
    format!(
        "using System.Threading.Tasks;

namespace Lib
{{
    public class A
    {{
        public async Task BeforeAsync()
        {{
            await Task.Delay(1); // missing-configure-await
        }}

        // The member under test:
{member}

        public async Task AfterAsync()
        {{
            await Task.Delay(2); // missing-configure-await
        }}
    }}
}}
"
    )
}

/// The note asyncfix prints for `member` (placed by [`around`]) with `--yes`, after checking that
/// both good methods were fixed and `member` was left as it was.
fn note_for(member: &str) -> String {
    let text = around(member);
    let dir = library(&[("A.cs", text.as_bytes())]);
    let out = run_with(asyncfix(dir.path()).args(["--select", "AF001", "--yes"]), 0);
    let fixed = read_text(dir.path(), "A.cs");
    assert_eq!(
        fixed,
        text.replace("Delay(1);", "Delay(1).ConfigureAwait(false);")
            .replace("Delay(2);", "Delay(2).ConfigureAwait(false);"),
        "both good methods are fixed, the member under test is untouched"
    );
    let err = stderr(&out);
    let notes: Vec<&str> = err.lines().filter(|l| l.starts_with("note: A.cs: ")).collect();
    assert_eq!(notes.len(), 1, "{err}");
    notes[0].trim_start_matches("note: A.cs: ").to_owned()
}

#[test]
fn a_construct_the_grammar_does_not_support_is_not_called_a_syntax_error() {
    let grammar = |construct: &str| {
        format!(
            "could not be parsed near line 13 (the C# grammar asyncfix uses does not support this construct: {construct}); code around it is left alone"
        )
    };
    assert_eq!(
        note_for("        public void Set(A a, int c) { a?.Count = c; }"),
        grammar("a null-conditional assignment (C# 14)")
    );
    assert_eq!(
        note_for("        public static bool Is<T>() where T : allows ref struct => true;"),
        grammar("the `allows ref struct` constraint (C# 13)")
    );
    assert_eq!(
        note_for("        public void operator +=(int x) { Count += x; }"),
        grammar("a user-defined compound assignment operator (C# 14)")
    );
}

#[test]
fn a_mistake_in_the_code_is_a_syntax_error_and_says_what() {
    let syntax = |what: &str| format!("syntax error near line 13: {what}; code around it is left alone");
    // (A string left open up to a member's `}` hides the brace: then members cannot be told apart
    // and the rest of the class is left alone too, so the brace is on a line of its own here.)
    assert_eq!(
        note_for("        public string S() { return \"open;\n        }"),
        syntax("a string literal is not closed")
    );
    assert_eq!(
        note_for("        public string S() { return “quoted”; }"),
        syntax("unexpected character `“` (a typographic quote)")
    );
    assert_eq!(
        note_for("        public int Bad(int x) { if (x { } return 1; }"),
        syntax("`}` where the `(` of line 13 is not closed")
    );
    // The parser cannot tell a missing `;` from a construct it does not know: the note says both.
    assert_eq!(
        note_for("        public int Bad(int x) { return x }"),
        "could not be parsed near line 13: a syntax error, or a construct the C# grammar asyncfix uses does not \
         support; code around it is left alone"
    );
}

#[test]
fn brackets_across_if_branches_prove_no_syntax_error() {
    // Each configuration compiles one head with the same body (which lacks a `;`); lexed
    // together, the branches open two braces for one `}`, which proves nothing.
    let member = "#if NET8_0\n        public int Bad(int x) {\n#else\n        public int Bad(long x) {\n#endif\n            return (int)x }";
    let note = note_for(member);
    assert!(note.starts_with("could not be parsed near line 18: a syntax error, or a construct"), "{note}");
}

// --- a method inside an ERROR node is still checked -----------------------------------------------

#[test]
fn good_methods_beside_a_member_that_breaks_the_whole_class_are_checked_and_fixed() {
    // tree-sitter wraps the namespace around this member in an ERROR node: without the masked
    // member, neither good method would be checked.
    let text = around("        public int Bad(int x) { if (x { } return 1; }");
    let plain = asyncfix::syntax::parse(&text).unwrap();
    let wrapped =
        plain.root_node().child(1).is_some_and(|n| n.is_error() && n.end_byte() > text.find("AfterAsync").unwrap());
    assert!(wrapped, "the fixture must make the grammar wrap the class:\n{}", asyncfix::syntax::dump(&plain, &text));

    let dir = library(&[("A.cs", text.as_bytes())]);
    let listing = stdout(&run_with(asyncfix(dir.path()).args(["--select", "AF001"]), 1));
    assert!(listing.contains("A.cs:9:13: missing-configure-await") && listing.contains("A.cs:17:13:"), "{listing}");
    let doc: serde_json::Value = serde_json::from_slice(
        &run_with(asyncfix(dir.path()).args(["--select", "AF001", "--format", "json"]), 1).stdout,
    )
    .unwrap();
    assert_eq!(doc["summary"]["parse_errors"], 1, "the file is still counted as having an error: {doc:#}");
    // --yes fixes both good methods and leaves the broken one as it was (note_for checks it).
    let note = note_for("        public int Bad(int x) { if (x { } return 1; }");
    assert!(note.starts_with("syntax error near line 13"), "{note}");
}

#[test]
fn a_fix_is_never_applied_inside_the_broken_member() {
    // The broken member itself has an `await` that would get a fix: it is left alone, whole.
    let member = "        public async Task BadAsync() { await Task.Delay(3); if (x { } }";
    let text = around(member);
    let dir = library(&[("A.cs", text.as_bytes())]);
    let listing = stdout(&run_with(asyncfix(dir.path()).args(["--select", "AF001"]), 1));
    assert!(!listing.contains("A.cs:13:"), "nothing is reported inside the broken member:\n{listing}");
    note_for(member);
}
