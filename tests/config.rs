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

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
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
    let src = class_with("A", "", "").replace("{ await Task.Delay(1); }", "{ await Task.Delay(1); } // asyncfix: ignore");
    let dir = library(&[("A.cs", src.as_bytes())]);
    let doc = json(dir.path(), &["--select", "async-void,AF001"], 1);
    assert_eq!(findings(&doc), [("async-void".to_owned(), 10)]);
}
