//! The command line end to end: the real binary on small projects in temporary folders.

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
/// These tests probe the engine with missing-configure-await: unless `args` choose transforms, it
/// is the only one selected (the small libraries here would get token parameters too).
fn run(dir: &Path, args: &[&str], code: i32) -> Output {
    let chooses = args.iter().any(|a| matches!(*a, "--select" | "--ignore" | "--list" | "--explain"));
    let default: &[&str] = if chooses { &[] } else { &["--select", "missing-configure-await"] };
    asyncfix(dir).args(default).args(args).assert().code(code).get_output().clone()
}

/// Runs `--format json` with `args` and parses the document.
fn json(dir: &Path, args: &[&str], code: i32) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = run(dir, &all, code);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}", stdout(&out)))
}

/// The single edit of the single diagnostic of a JSON document: (start_byte, end_byte, replacement).
fn only_edit(doc: &Value) -> (usize, usize, String) {
    let diagnostics = doc["diagnostics"].as_array().expect("diagnostics array");
    assert_eq!(diagnostics.len(), 1, "{doc:#}");
    let edits = diagnostics[0]["fix"]["edits"].as_array().expect("a fix with edits");
    assert_eq!(edits.len(), 1, "{doc:#}");
    let edit = &edits[0];
    (
        edit["start_byte"].as_u64().expect("start_byte") as usize,
        edit["end_byte"].as_u64().expect("end_byte") as usize,
        edit["replacement"].as_str().expect("replacement").to_owned(),
    )
}

/// `bytes` with `insert` put at `at`.
fn inserted(bytes: &[u8], at: usize, insert: &[u8]) -> Vec<u8> {
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(insert);
    out.extend_from_slice(&bytes[at..]);
    out
}

/// `text` as Latin-1 bytes (the same as Windows-1252 for the characters used here).
fn latin1(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character")).collect()
}

/// The offset just after the first occurrence of `needle` in `haystack`.
fn end_of(haystack: &[u8], needle: &[u8]) -> usize {
    haystack.windows(needle.len()).position(|w| w == needle).expect("needle in haystack") + needle.len()
}

// --- --dry-run, --yes -------------------------------------------------------------------------

/// `--dry-run` writes nothing and exits 1; its patch, applied by `git apply` to a second copy of
/// the folder, gives exactly the bytes `--yes` writes in a third copy.
fn check_dry_run_patch_equals_what_yes_writes(content: &[u8], expected: &[u8]) {
    let files: [(&str, &[u8]); 1] = [("src/A.cs", content)];

    let preview = library(&files);
    let before = snapshot(preview.path());
    let out = run(preview.path(), &["--dry-run", "src"], 1);
    assert_eq!(snapshot(preview.path()), before, "--dry-run must write nothing");
    let patch = out.stdout.clone();
    assert!(patch.starts_with(b"--- a/src/A.cs\n+++ b/src/A.cs\n@@ "), "patch:\n{}", String::from_utf8_lossy(&patch));
    let err = stderr(&out);
    assert!(err.contains("src/A.cs:9:13: missing-configure-await: "), "findings listed on stderr:\n{err}");
    assert!(err.contains("Would apply 2 fixes in 1 file"), "summary on stderr:\n{err}");

    let patched = library(&files);
    let patch_dir = tempfile::tempdir().expect("temporary folder");
    let patch_file = patch_dir.path().join("fix.patch");
    std::fs::write(&patch_file, &patch).expect("write patch");
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git").args(args).current_dir(patched.path()).output().expect("git runs");
        assert!(out.status.success(), "git {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q"]);
    git(&["apply", patch_file.to_str().expect("UTF-8 temp path")]);

    let applied = library(&files);
    run(applied.path(), &["--yes", "src"], 0);

    assert_eq!(
        String::from_utf8_lossy(&read(patched.path(), "src/A.cs")),
        String::from_utf8_lossy(&read(applied.path(), "src/A.cs")),
        "git apply of the --dry-run patch and --yes disagree"
    );
    assert_eq!(read(patched.path(), "src/A.cs"), read(applied.path(), "src/A.cs"));
    assert_eq!(read(applied.path(), "src/A.cs"), expected);
}

#[test]
fn dry_run_writes_nothing_and_its_patch_gives_what_yes_writes_lf() {
    check_dry_run_patch_equals_what_yes_writes(TWO_AWAITS.as_bytes(), TWO_AWAITS_FIXED.as_bytes());
}

#[test]
fn dry_run_writes_nothing_and_its_patch_gives_what_yes_writes_crlf() {
    check_dry_run_patch_equals_what_yes_writes(crlf(TWO_AWAITS).as_bytes(), crlf(TWO_AWAITS_FIXED).as_bytes());
}

#[test]
fn dry_run_writes_nothing_and_its_patch_gives_what_yes_writes_utf8_bom_crlf() {
    let with_bom = |text: &str| [b"\xEF\xBB\xBF".as_slice(), crlf(text).as_bytes()].concat();
    check_dry_run_patch_equals_what_yes_writes(&with_bom(TWO_AWAITS), &with_bom(TWO_AWAITS_FIXED));
}

#[test]
fn dry_run_writes_nothing_and_its_patch_gives_what_yes_writes_utf16_le() {
    check_dry_run_patch_equals_what_yes_writes(&utf16le_with_bom(TWO_AWAITS), &utf16le_with_bom(TWO_AWAITS_FIXED));
}

#[test]
fn dry_run_writes_nothing_and_its_patch_gives_what_yes_writes_windows_1252() {
    let cp1252 = |text: &str| latin1(&text.replace("public class A", "public class A // caf\u{e9} \u{fc}ber"));
    check_dry_run_patch_equals_what_yes_writes(&cp1252(TWO_AWAITS), &cp1252(TWO_AWAITS_FIXED));
}

/// A file with nothing to check is parsed only when a fix needs it: then its syntax error is noted
/// and counted, and the fix edits around it. A file no question needs is never parsed.
#[test]
fn a_chain_fix_edits_a_file_with_nothing_to_check() {
    let store = "using System.Threading.Tasks;\n\nnamespace Shop\n{\n    public class Store\n    {\n        public int Load()\n        {\n            return FetchAsync().Result;\n        }\n\n        private Task<int> FetchAsync() => Task.FromResult(1);\n    }\n}\n";
    let report = "namespace Shop\n{\n    public class Report\n    {\n        private readonly Store _store = new Store();\n\n        public int Total()\n        {\n            return _store.Load() + 1;\n        }\n\n        void Broken() { int x = ; }\n    }\n}\n";
    let other = "namespace Shop\n{\n    class Unrelated { void F() { int = ; } }\n}\n";
    let dir = project(
        LIB_CSPROJ,
        &[("Store.cs", store.as_bytes()), ("Report.cs", report.as_bytes()), ("Other.cs", other.as_bytes())],
    );
    // A library: the chain changes its public API only when told to.
    let doc = json(dir.path(), &["--select", "async-all-the-way", "--change-public-api"], 1);
    assert_eq!(doc["summary"]["parse_errors"], 1, "Report.cs, parsed for the fix; not Other.cs: {doc:#}");
    let out = run(dir.path(), &["--select", "async-all-the-way", "--change-public-api", "--yes", "--unsafe-fixes"], 0);
    assert!(stderr(&out).contains("Report.cs: could not be parsed near line 12"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Other.cs"), "{}", stderr(&out));
    let fixed = read_text(dir.path(), "Report.cs");
    assert!(fixed.contains("public async System.Threading.Tasks.Task<int> TotalAsync()"), "{fixed}");
    assert!(fixed.contains("return await _store.LoadAsync() + 1;"), "{fixed}");
    assert!(fixed.contains("void Broken() { int x = ; }"), "{fixed}");
    assert_eq!(read_text(dir.path(), "Other.cs"), other);
}

#[test]
fn yes_applies_every_fix_and_a_second_run_changes_nothing() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["--yes"], 0);
    assert!(stdout(&out).contains("Applied 2 fixes in 1 file"), "{}", stdout(&out));
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS_FIXED);

    let after_first = snapshot(dir.path());
    let out = run(dir.path(), &["--yes"], 0);
    assert!(stdout(&out).contains("Applied 0 fixes in 0 files"), "{}", stdout(&out));
    assert_eq!(snapshot(dir.path()), after_first, "a second --yes must change nothing");
}

#[test]
fn yes_exits_1_when_a_finding_without_a_fix_remains() {
    let text = "\
using System.IO;
using System.Threading.Tasks;

namespace Lib
{
    public class A
    {
        public async Task RunAsync(Stream stream)
        {
            await using var s = stream;
            await Task.Delay(1);
        }
    }
}
";
    let dir = library(&[("A.cs", text.as_bytes())]);
    let doc = json(dir.path(), &["--yes"], 1);
    assert_eq!(doc["summary"]["fixes_applied"], 1, "{doc:#}");
    assert_eq!(doc["summary"]["diagnostics"], 1, "{doc:#}");
    assert_eq!(doc["diagnostics"][0]["fix"], Value::Null, "{doc:#}");
    assert_eq!(doc["diagnostics"][0]["range"]["start"], serde_json::json!({"line": 10, "column": 13}));
    assert_eq!(read_text(dir.path(), "A.cs"), text.replace("Delay(1);", "Delay(1).ConfigureAwait(false);"));
}

#[test]
fn dry_run_exits_0_without_findings() {
    let dir = library(&[("A.cs", TWO_AWAITS_FIXED.as_bytes())]);
    let out = run(dir.path(), &["--dry-run"], 0);
    assert_eq!(stdout(&out), "", "no patch");
}

#[test]
fn interactive_without_a_terminal_exits_2() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let before = snapshot(dir.path());
    let out = run(dir.path(), &["--interactive"], 2);
    assert!(stderr(&out).contains("terminal"), "{}", stderr(&out));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn dry_run_with_yes_is_a_usage_error() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let before = snapshot(dir.path());
    run(dir.path(), &["--dry-run", "--yes"], 2);
    assert_eq!(snapshot(dir.path()), before);
}

// --- exit status ------------------------------------------------------------------------------

#[test]
fn exit_0_for_an_application_project() {
    let dir = project(WEB_CSPROJ, &[("A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &[], 0);
    assert_eq!(stdout(&out), "Scanned 1 file: no findings\n");
}

#[test]
fn exit_0_when_every_await_is_configured() {
    let dir = library(&[("A.cs", TWO_AWAITS_FIXED.as_bytes())]);
    let out = run(dir.path(), &[], 0);
    assert_eq!(stdout(&out), "Scanned 1 file: no findings\n");
}

#[test]
fn exit_1_when_listing_findings_and_nothing_is_written() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let before = snapshot(dir.path());
    run(dir.path(), &[], 1);
    assert_eq!(snapshot(dir.path()), before, "listing must write nothing");
}

#[test]
fn missing_path_exits_2_naming_it_and_other_paths_are_still_processed() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["does-not-exist", "src"], 2);
    let err = stderr(&out);
    assert!(err.contains("does-not-exist"), "the missing path is named:\n{err}");
    assert!(stdout(&out).contains("src/A.cs:9:13: missing-configure-await: "), "{}", stdout(&out));
    assert!(stdout(&out).contains("src/A.cs:10:13: missing-configure-await: "), "{}", stdout(&out));
}

#[test]
fn missing_path_with_yes_still_fixes_the_other_paths() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["--yes", "src", "does-not-exist"], 2);
    assert!(stderr(&out).contains("does-not-exist"), "{}", stderr(&out));
    assert_eq!(read_text(dir.path(), "src/A.cs"), TWO_AWAITS_FIXED);
}

#[test]
fn unknown_transform_in_select_exits_2_naming_it() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["--select", "no-such-transform"], 2);
    assert!(stderr(&out).contains("no-such-transform"), "{}", stderr(&out));
}

#[test]
fn unknown_transform_in_ignore_exits_2_naming_it() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["--ignore", "AF999"], 2);
    assert!(stderr(&out).contains("AF999"), "{}", stderr(&out));
}

#[test]
fn non_cs_file_given_directly_exits_2_naming_it_and_other_paths_are_still_processed() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes()), ("notes.txt", b"not code")]);
    let out = run(dir.path(), &["notes.txt", "src"], 2);
    assert!(stderr(&out).contains("notes.txt"), "{}", stderr(&out));
    assert!(stdout(&out).contains("src/A.cs:9:13: missing-configure-await: "), "{}", stdout(&out));
}

#[test]
fn unreadable_file_exits_2_naming_it_and_other_files_are_still_processed() {
    use std::os::unix::fs::PermissionsExt;

    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes()), ("src/B.cs", TWO_AWAITS.as_bytes())]);
    let locked = dir.path().join("src/B.cs");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    let mut cmd = if std::fs::read(&locked).is_err() {
        asyncfix(dir.path())
    } else if let Some(cmd) = as_nobody(dir.path()) {
        // Running as root, which reads any file: run asyncfix as `nobody` instead.
        cmd
    } else {
        eprintln!("skipped: a file with mode 000 is still readable here and `nobody` cannot run asyncfix");
        return;
    };
    let out = cmd.arg("src").assert().code(2).get_output().clone();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).expect("chmod back");
    assert!(stderr(&out).contains("src/B.cs"), "the unreadable file is named:\n{}", stderr(&out));
    assert!(stdout(&out).contains("src/A.cs:9:13: missing-configure-await: "), "{}", stdout(&out));
    assert!(!stdout(&out).contains("src/B.cs"), "{}", stdout(&out));
}

/// The binary run in `dir` as user `nobody` through `setpriv`, with `dir` and everything in it
/// but mode-000 files made readable to others. `None` when `setpriv` is not there, or when
/// `nobody` cannot run the binary or reach `dir` (a checkout or temporary folder under a private
/// home folder).
fn as_nobody(dir: &Path) -> Option<Command> {
    use std::os::unix::fs::PermissionsExt;

    fn open_up(path: &Path) {
        let mode = std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777;
        if path.is_dir() {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod folder");
            for entry in std::fs::read_dir(path).expect("read folder") {
                open_up(&entry.expect("folder entry").path());
            }
        } else if mode != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).expect("chmod file");
        }
    }
    open_up(dir);
    let nobody = || {
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).current_dir(dir).env("NO_COLOR", "1");
        cmd
    };
    let bin = assert_cmd::cargo::cargo_bin("asyncfix");
    let usable = nobody().arg(&bin).arg("--list").output().is_ok_and(|o| o.status.success())
        && nobody().args(["test", "-r", "Lib.csproj"]).status().is_ok_and(|s| s.success());
    if !usable {
        return None;
    }
    let mut cmd = Command::from_std(nobody());
    cmd.arg(bin);
    Some(cmd)
}

// --- encodings and line endings ---------------------------------------------------------------

/// A UTF-8 file with a BOM, CRLF line endings, tab indentation and trailing spaces.
const BOM_CRLF_TABS: &[u8] = b"\xEF\xBB\xBFusing System.Threading.Tasks;  \r\n\
\r\n\
namespace Lib\r\n\
{\r\n\
\tpublic class A \t\r\n\
\t{\r\n\
\t\tpublic async Task RunAsync()\r\n\
\t\t{\r\n\
\t\t\tawait Task.Delay(1);   \r\n\
\t\t}\r\n\
\t}\r\n\
}\r\n";

#[test]
fn bom_crlf_tabs_and_trailing_spaces_are_kept_by_yes() {
    let dir = library(&[("A.cs", BOM_CRLF_TABS)]);
    run(dir.path(), &["--yes"], 0);
    let expected: &[u8] = b"\xEF\xBB\xBFusing System.Threading.Tasks;  \r\n\
\r\n\
namespace Lib\r\n\
{\r\n\
\tpublic class A \t\r\n\
\t{\r\n\
\t\tpublic async Task RunAsync()\r\n\
\t\t{\r\n\
\t\t\tawait Task.Delay(1).ConfigureAwait(false);   \r\n\
\t\t}\r\n\
\t}\r\n\
}\r\n";
    assert_eq!(String::from_utf8_lossy(&read(dir.path(), "A.cs")), String::from_utf8_lossy(expected));
    assert_eq!(read(dir.path(), "A.cs"), expected);
}

#[test]
fn json_byte_offsets_of_a_bom_file_count_the_bom() {
    let dir = library(&[("A.cs", BOM_CRLF_TABS)]);
    let doc = json(dir.path(), &[], 1);
    let (start, end, replacement) = only_edit(&doc);
    let after_call = end_of(BOM_CRLF_TABS, b"await Task.Delay(1)");
    assert_eq!((start, end), (after_call, after_call), "offsets in the bytes on disk, BOM included");
    assert_eq!(replacement, ".ConfigureAwait(false)");

    run(dir.path(), &["--yes"], 0);
    assert_eq!(read(dir.path(), "A.cs"), inserted(BOM_CRLF_TABS, start, replacement.as_bytes()));
}

/// A UTF-16 file's text: non-ASCII before the await, one character of it outside the BMP.
const UTF16_TEXT: &str = "\
// Größe: 10 € 😀
using System.Threading.Tasks;

namespace Lib
{
    public class A
    {
        public async Task RunAsync()
        {
            var s = \"日本\";
            await Task.Delay(s.Length);
        }
    }
}
";

#[test]
fn utf16_le_file_stays_utf16_le_with_bom_after_yes() {
    let dir = library(&[("A.cs", &utf16le_with_bom(UTF16_TEXT))]);
    run(dir.path(), &["--yes"], 0);
    let bytes = read(dir.path(), "A.cs");
    assert_eq!(
        decode_utf16le_with_bom(&bytes),
        UTF16_TEXT.replace("await Task.Delay(s.Length);", "await Task.Delay(s.Length).ConfigureAwait(false);")
    );
}

#[test]
fn json_byte_offsets_of_a_utf16_file_are_utf16_byte_offsets() {
    let original = utf16le_with_bom(UTF16_TEXT);
    let dir = library(&[("A.cs", &original)]);
    let doc = json(dir.path(), &[], 1);
    let (start, end, replacement) = only_edit(&doc);
    let prefix =
        &UTF16_TEXT[..UTF16_TEXT.find("await Task.Delay(s.Length)").unwrap() + "await Task.Delay(s.Length)".len()];
    let expected = 2 + 2 * prefix.encode_utf16().count();
    assert_eq!((start, end), (expected, expected), "2 BOM bytes + 2 bytes per UTF-16 unit");

    run(dir.path(), &["--yes"], 0);
    let replacement_utf16: Vec<u8> = replacement.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(read(dir.path(), "A.cs"), inserted(&original, start, &replacement_utf16));
}

#[test]
fn windows_1252_bytes_outside_the_edit_are_unchanged() {
    let original: &[u8] = b"using System.Threading.Tasks;\n\
\n\
namespace Lib\n\
{\n\
    // Caf\xE9 au lait\n\
    public class A\n\
    {\n\
        public async Task<string> RunAsync()\n\
        {\n\
            await Task.Delay(1);\n\
            return \"\xFCber\";\n\
        }\n\
    }\n\
}\n";
    let dir = library(&[("A.cs", original)]);
    let doc = json(dir.path(), &[], 1);
    let (start, _, replacement) = only_edit(&doc);
    assert_eq!(start, end_of(original, b"await Task.Delay(1)"));

    run(dir.path(), &["--yes"], 0);
    let expected = inserted(original, end_of(original, b"await Task.Delay(1)"), b".ConfigureAwait(false)");
    assert_eq!(replacement, ".ConfigureAwait(false)");
    assert_eq!(read(dir.path(), "A.cs"), expected);
}

#[test]
fn utf8_bom_followed_by_non_utf8_bytes_is_fixed_without_a_syntax_error() {
    let text = TWO_AWAITS.replace("public class A", "public class A // caf\u{e9}");
    let original = [b"\xEF\xBB\xBF".as_slice(), &latin1(&text)].concat();
    let dir = library(&[("A.cs", &original)]);
    let doc = json(dir.path(), &[], 1);
    assert_eq!(doc["summary"]["parse_errors"], 0, "the BOM is not code:\n{doc:#}");

    let out = run(dir.path(), &["--yes"], 0);
    assert!(!stderr(&out).contains("syntax error"), "{}", stderr(&out));
    let fixed = TWO_AWAITS_FIXED.replace("public class A", "public class A // caf\u{e9}");
    assert_eq!(read(dir.path(), "A.cs"), [b"\xEF\xBB\xBF".as_slice(), &latin1(&fixed)].concat());
}

#[test]
fn yes_on_a_symlink_writes_its_target_and_keeps_the_link() {
    let dir = library(&[("real/A.cs", TWO_AWAITS.as_bytes())]);
    std::os::unix::fs::symlink("real/A.cs", dir.path().join("Link.cs")).expect("symlink");
    run(dir.path(), &["--yes", "Link.cs"], 0);
    let link = std::fs::symlink_metadata(dir.path().join("Link.cs")).expect("Link.cs still there");
    assert!(link.file_type().is_symlink(), "the symlink was replaced by a regular file");
    assert_eq!(read_text(dir.path(), "real/A.cs"), TWO_AWAITS_FIXED, "the symlink's target is fixed");
}

#[test]
fn yes_keeps_the_file_mode() {
    use std::os::unix::fs::PermissionsExt;

    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let path = dir.path().join("A.cs");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    run(dir.path(), &["--yes"], 0);
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS_FIXED);
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
}

#[test]
fn columns_count_characters_not_bytes() {
    let text = "\
using System.Threading.Tasks;

namespace Lib
{
    public class A
    {
        public async Task RunAsync()
        {
            /* é€😀 */ await Task.Delay(1);
        }
    }
}
";
    let dir = library(&[("A.cs", text.as_bytes())]);
    let out = run(dir.path(), &[], 1);
    assert!(stdout(&out).starts_with("A.cs:9:23: missing-configure-await: "), "{}", stdout(&out));
    let doc = json(dir.path(), &[], 1);
    assert_eq!(doc["diagnostics"][0]["range"]["start"]["line"], 9);
    assert_eq!(doc["diagnostics"][0]["range"]["start"]["column"], 23);
}

// --- syntax errors ----------------------------------------------------------------------------

const BROKEN_METHOD: &str = "        public async Task BrokenAsync()
        {
            await Task.Delay(1) +;
        }
";

#[test]
fn syntax_error_leaves_its_method_alone_and_other_methods_are_fixed() {
    let text = format!(
        "using System.Threading.Tasks;

namespace Lib
{{
    public class A
    {{
{BROKEN_METHOD}
        public async Task GoodAsync()
        {{
            await Task.Delay(2);
        }}
    }}
}}
"
    );
    let dir = library(&[("A.cs", text.as_bytes())]);

    let doc = json(dir.path(), &[], 1);
    assert_eq!(doc["summary"]["parse_errors"], 1, "{doc:#}");

    let out = asyncfix(dir.path()).arg("--yes").assert().get_output().clone();
    assert_ne!(out.status.code(), Some(2), "a syntax error is a note, not an error:\n{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.lines().any(|l| l.starts_with("note: A.cs:") && l.contains("syntax error")), "{err}");
    let after = read_text(dir.path(), "A.cs");
    assert!(after.contains(BROKEN_METHOD), "the broken method must be untouched:\n{after}");
    assert_eq!(after, text.replace("await Task.Delay(2);", "await Task.Delay(2).ConfigureAwait(false);"));
}

// --- --list, --explain ------------------------------------------------------------------------

#[test]
fn list_names_missing_configure_await_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["--list"], 0);
    let line = stdout(&out).lines().find(|l| l.contains("missing-configure-await")).map(str::to_owned);
    let line = line.unwrap_or_else(|| panic!("not listed:\n{}", stdout(&out)));
    assert!(line.split_whitespace().any(|w| w == "AF001"), "{line}");
}

#[test]
fn explain_by_name_or_code_prints_the_documentation() {
    let dir = tempfile::tempdir().unwrap();
    let by_name = stdout(&run(dir.path(), &["--explain", "missing-configure-await"], 0));
    assert!(by_name.starts_with("# missing-configure-await"), "{by_name}");
    assert!(by_name.contains("## Why is this bad?"), "{by_name}");
    let by_code = stdout(&run(dir.path(), &["--explain", "AF001"], 0));
    assert_eq!(by_code, by_name);
}

#[test]
fn explain_unknown_transform_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["--explain", "nope"], 2);
    assert!(stderr(&out).contains("nope"), "{}", stderr(&out));
}

// --- project kinds and --configure-await ------------------------------------------------------

#[test]
fn application_project_has_findings_only_with_configure_await_always() {
    let dir = project(WEB_CSPROJ, &[("A.cs", TWO_AWAITS.as_bytes())]);
    run(dir.path(), &["--configure-await", "auto"], 0);
    let out = run(dir.path(), &["--configure-await", "always"], 1);
    assert_eq!(stdout(&out).lines().filter(|l| l.contains(": missing-configure-await: ")).count(), 2);
}

#[test]
fn controller_in_a_library_is_left_alone() {
    let text = "\
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Lib
{
    public class OrdersController : ControllerBase
    {
        public async Task<IActionResult> Get()
        {
            await Task.Delay(1);
            return Ok();
        }
    }
}
";
    let dir = library(&[("OrdersController.cs", text.as_bytes())]);
    let out = run(dir.path(), &["--yes"], 0);
    assert!(stdout(&out).contains("Applied 0 fixes"), "{}", stdout(&out));
    assert_eq!(read_text(dir.path(), "OrdersController.cs"), text);
}

#[test]
fn test_method_in_a_library_is_left_alone() {
    let text = "\
using System.Threading.Tasks;
using Xunit;

namespace Lib
{
    public class ATests
    {
        [Fact]
        public async Task RunsAsync()
        {
            await Task.Delay(1);
        }
    }
}
";
    let dir = library(&[("ATests.cs", text.as_bytes())]);
    run(dir.path(), &["--yes"], 0);
    assert_eq!(read_text(dir.path(), "ATests.cs"), text);
}

#[test]
fn configure_await_never_finds_nothing() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["--configure-await", "never", "--yes"], 0);
    assert!(stdout(&out).contains("Applied 0 fixes"), "{}", stdout(&out));
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS);
}

// --- the text listing ---------------------------------------------------------------------------

#[test]
fn listing_is_path_line_col_name_message_with_the_path_as_given_and_a_summary() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["src/"], 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], format!("src/A.cs:9:13: missing-configure-await: [*] {AWAIT_MESSAGE}"));
    assert_eq!(lines[1], format!("src/A.cs:10:13: missing-configure-await: [*] {AWAIT_MESSAGE}"));
    assert!(lines[2].starts_with("Scanned 1 file: 2 findings"), "{}", lines[2]);

    let out = run(dir.path(), &["./src/A.cs"], 1);
    assert!(stdout(&out).starts_with("src/A.cs:9:13: missing-configure-await: "), "{}", stdout(&out));
}

#[test]
fn listing_paths_in_a_subfolder_run_are_relative_to_that_folder() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(&dir.path().join("src"), &[], 1);
    assert!(stdout(&out).starts_with("A.cs:9:13: missing-configure-await: "), "{}", stdout(&out));
}

// --- JSON ---------------------------------------------------------------------------------------

#[test]
fn json_document_has_the_documented_shape() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    let doc = json(dir.path(), &["src"], 1);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["errors"], serde_json::json!([]));
    let d = &doc["diagnostics"][0];
    assert_eq!(d["transform"], "missing-configure-await");
    assert_eq!(d["code"], "AF001");
    assert_eq!(d["path"], "src/A.cs");
    assert_eq!(d["range"]["start"], serde_json::json!({"line": 9, "column": 13}));
    assert_eq!(d["range"]["end"], serde_json::json!({"line": 9, "column": 32}));
    assert_eq!(d["message"], AWAIT_MESSAGE);
    assert_eq!(d["fix"]["applicability"], "safe");
    assert_eq!(d["fix"]["edits"][0]["path"], "src/A.cs");
    let start = d["fix"]["edits"][0]["start_byte"].as_u64().unwrap() as usize;
    assert_eq!(start, end_of(TWO_AWAITS.as_bytes(), b"await Task.Delay(1)"));
    assert_eq!(doc["summary"]["files"], 1);
    assert_eq!(doc["summary"]["diagnostics"], 2);
    assert_eq!(doc["summary"]["fixable"], 2);
    assert_eq!(doc["summary"]["parse_errors"], 0);
}

#[test]
fn json_lists_a_missing_path_under_errors() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    let doc = json(dir.path(), &["src", "does-not-exist"], 2);
    assert_eq!(doc["errors"][0]["path"], "does-not-exist", "{doc:#}");
    assert_eq!(doc["summary"]["diagnostics"], 2);
}

// --- --select, --ignore -------------------------------------------------------------------------

#[test]
fn ignore_by_code_leaves_no_findings() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let out = run(dir.path(), &["--ignore", "AF001,missing-cancellation"], 0);
    assert_eq!(stdout(&out), "Scanned 1 file: no findings\n");
}

#[test]
fn select_by_name_is_the_same_as_select_by_code() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let selected = run(dir.path(), &["--select", "missing-configure-await"], 1);
    let by_code = run(dir.path(), &["--select", "AF001"], 1);
    assert_eq!(stdout(&by_code), stdout(&selected));
}

#[test]
fn the_default_transforms_report_the_unsafe_chain_fix_but_yes_applies_only_safe_ones() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let listing = stdout(&asyncfix(dir.path()).assert().code(1).get_output().clone());
    assert!(listing.contains("A.cs:7:27: missing-cancellation: [unsafe] `RunAsync` calls `Delay`"), "{listing}");
    assert!(listing.contains("A.cs:9:13: missing-configure-await"), "{listing}");
    asyncfix(dir.path()).arg("--yes").assert().code(1);
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS_FIXED, "only the safe fixes are applied");
}

#[test]
fn parse_only_counts_files_bytes_and_syntax_errors_and_changes_nothing() {
    let broken = "class B { void F() { G(; } }\n";
    // `async` as an identifier: an error for the plain parse, none in the masked view.
    let masked = "class C { void F(bool async) { G(async, 1); } }\n";
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes()), ("B.cs", broken.as_bytes()), ("C.cs", masked.as_bytes())]);
    let out = asyncfix(dir.path()).arg("--parse-only").assert().code(0).get_output().clone();
    let bytes = TWO_AWAITS.len() + broken.len() + masked.len();
    assert_eq!(
        stdout(&out),
        format!("parsed 3 files, {bytes} bytes, 2 with syntax errors (1 after the masked view)\n")
    );
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS);
}

/// A generated file (`*.Designer.cs`, `// <auto-generated>`) gets no findings, and no fix edits it:
/// the tool that generates it would overwrite the edit.
#[test]
fn generated_files_get_no_findings_and_no_edits() {
    let app = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"#;
    let form = "using System.Threading.Tasks;\nnamespace App { public partial class Main { public void Refresh() { Task.Delay(1).Wait(); } } }\n";
    let designer = "// <auto-generated />\nusing System.Threading.Tasks;\nnamespace App { public partial class Main { void Init() { Refresh(); Task.Delay(1).Wait(); } } }\n";
    let dir = common::project(app, &[("Main.cs", form.as_bytes()), ("Main.Designer.cs", designer.as_bytes())]);
    let out = Command::cargo_bin("asyncfix")
        .unwrap()
        .current_dir(dir.path())
        .args(["--select", "async-all-the-way", "--unsafe-fixes", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = doc["diagnostics"].as_array().unwrap();
    assert_eq!(found.len(), 1, "nothing in the generated file: {doc}");
    assert_eq!(found[0]["path"], "Main.cs");
    assert!(found[0]["fix"].is_null(), "{doc}");
    assert!(found[0]["message"].as_str().unwrap().contains("which a tool generates"), "{doc}");
}
