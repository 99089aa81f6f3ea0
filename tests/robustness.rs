//! Pathological inputs: each must finish (no stack overflow, no hang), get a clear message when it
//! cannot be read, and leave the rest of the run going. No timing assertions: a generous timeout
//! only turns a hang into a failure.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use common::*;

/// A library file whose await the run finds in every test: proof the run went on. (Two awaits:
/// a single final one would be a redundant-await tail, whose fix returns the task unconfigured.)
const WITNESS: &[u8] = b"using System.Threading.Tasks;
namespace Lib { public class W { public async Task RunAsync() { await Task.Delay(1); await Task.Delay(2); } } }
";

fn asyncfix(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("asyncfix").expect("asyncfix binary");
    cmd.current_dir(dir).env("NO_COLOR", "1").args(args).timeout(Duration::from_secs(120));
    cmd.output().expect("asyncfix runs")
}

/// Runs the listing and then `--yes --unsafe-fixes` over `dir`; checks neither crashed, the witness
/// file was fixed and no internal error was reported. Returns stderr of the listing.
fn survives(dir: &Path) -> String {
    survives_with(dir, &["--yes", "--unsafe-fixes"])
}

/// [`survives`] with the fix run given its arguments.
fn survives_with(dir: &Path, fix_args: &[&str]) -> String {
    write(dir, "W.cs", WITNESS);
    let listing = asyncfix(dir, &["--format", "json"]);
    let stderr = String::from_utf8_lossy(&listing.stderr).into_owned();
    assert!(matches!(listing.status.code(), Some(1 | 2)), "status {:?}\n{stderr}", listing.status);
    let doc: serde_json::Value = serde_json::from_slice(&listing.stdout).expect("a JSON document");
    assert!(doc["diagnostics"].as_array().unwrap().iter().any(|d| d["path"].as_str() == Some("W.cs")), "{stderr}");
    assert!(!stderr.contains("internal error"), "{stderr}");
    let fixed = asyncfix(dir, fix_args);
    let fix_err = String::from_utf8_lossy(&fixed.stderr).into_owned();
    assert!(matches!(fixed.status.code(), Some(0..=2)), "status {:?}\n{fix_err}", fixed.status);
    assert!(!fix_err.contains("internal error"), "{fix_err}");
    assert!(read_text(dir, "W.cs").contains(".ConfigureAwait(false)"), "{fix_err}");
    stderr
}

fn method_with(body: &str) -> String {
    format!(
        "using System.Threading.Tasks;\nnamespace Lib {{ public class A {{ public async Task<int> F(Task<int> a) {{\n{body}\n}} }} }}\n"
    )
}

#[test]
fn twenty_thousand_nested_parentheses() {
    let depth = 20_000;
    let body = format!("return {}await a{};", "(".repeat(depth), ")".repeat(depth));
    let dir = library(&[("Deep.cs", method_with(&body).as_bytes())]);
    survives(dir.path());
}

#[test]
fn two_hundred_thousand_terms() {
    // Left-associative: the await is the deepest node of a 200,000-level tree.
    let sum = vec!["x"; 200_000].join(" + ");
    let dir = library(&[("Long.cs", method_with(&format!("int x = 1; return await a + {sum};")).as_bytes())]);
    survives(dir.path());
}

#[test]
fn two_hundred_thousand_result_reads() {
    // Every term is a finding, each as deep as the sum: a walk per finding over its ancestors or
    // over the method was quadratic.
    let sum = vec!["a.Result"; 200_000].join(" + ");
    let dir = library(&[("Results.cs", method_with(&format!("return {sum};")).as_bytes())]);
    survives(dir.path());
}

#[test]
fn fifty_thousand_blocking_calls() {
    // Each term calls a method of the type: the look-ups of local functions (per call, over the
    // member) and of blocks around the call (per call, over its ancestors) were quadratic, in the
    // listing and in every round of fixes.
    let sum = vec!["F(a).Result"; 50_000].join(" + ");
    let text = format!(
        "using System.Threading.Tasks;\nnamespace Lib {{ public class A {{ Task<int> F(Task<int> t) => t;\npublic async Task<int> G(Task<int> a) {{\nreturn {sum};\n}} }} }}\n"
    );
    let dir = library(&[("Calls.cs", text.as_bytes())]);
    survives(dir.path());
    let fixed = read_text(dir.path(), "Calls.cs");
    assert_eq!(fixed.matches("await F(a).ConfigureAwait(false)").count(), 50_000);
}

#[test]
fn ten_megabytes_of_methods() {
    let mut text = String::from("using System.Threading.Tasks;\nnamespace Lib {\n");
    let mut i: usize = 0;
    // Mostly code without findings, one finding in every hundred classes: the size is the test.
    while text.len() < 10_000_000 {
        let (modifier, statement) =
            if i % 100 == 0 { ("async ", "await Task.Delay(1);") } else { ("", "var s = t.ToString();") };
        text.push_str(&format!(
            "public class C{i} {{\n    public {modifier}Task<int> F(Task<int> t) {{\n        {statement}\n        return Task.FromResult({i});\n    }}\n}}\n"
        ));
        i += 1;
    }
    text.push_str("}\n");
    let dir = library(&[("Big.cs", text.as_bytes())]);
    let stderr = survives_with(dir.path(), &["--yes"]);
    assert!(!stderr.contains("Big.cs"), "a valid file: nothing to say about it\n{stderr}");
    let fixed = read_text(dir.path(), "Big.cs");
    assert_eq!(
        fixed.matches(".ConfigureAwait(false)").count(),
        i.div_ceil(100),
        "every finding of a hundred classes fixed"
    );
}

#[test]
fn one_five_megabyte_line() {
    let statements = format!("{}await Task.Delay(1); ", "x = x + 1; ".repeat(1000)).repeat(5_000_000 / 10_021);
    let text = format!("using System.Threading.Tasks; namespace Lib {{ public class L {{ int x; public async Task F() {{ {statements} }} }} }}");
    let dir = library(&[("Line.cs", text.as_bytes())]);
    survives_with(dir.path(), &["--yes"]);
    let fixed = read_text(dir.path(), "Line.cs");
    assert_eq!(fixed.matches("await Task.Delay(1).ConfigureAwait(false);").count(), 5_000_000 / 10_021);
}

#[test]
fn binary_file_named_cs() {
    // Every byte value, NULs included, in a pseudo-random order.
    let mut state: u32 = 12345;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) as u8
        })
        .collect();
    let dir = library(&[("Binary.cs", &bytes)]);
    survives(dir.path());
}

#[test]
fn empty_file_and_a_file_that_is_only_a_bom() {
    let dir = library(&[("Empty.cs", b""), ("Bom.cs", b"\xEF\xBB\xBF"), ("Utf16Bom.cs", b"\xFF\xFE")]);
    let stderr = survives(dir.path());
    assert!(!stderr.contains("Empty.cs") && !stderr.contains("Bom.cs"), "nothing to say about them:\n{stderr}");
    assert_eq!(read(dir.path(), "Bom.cs"), b"\xEF\xBB\xBF");
}

#[test]
fn symlink_loop() {
    let dir = library(&[]);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
    std::os::unix::fs::symlink("self.cs", dir.path().join("self.cs")).unwrap();
    std::os::unix::fs::symlink("b.cs", dir.path().join("a.cs")).unwrap();
    std::os::unix::fs::symlink("a.cs", dir.path().join("b.cs")).unwrap();
    survives(dir.path());
}

#[test]
fn undecodable_utf16_is_named_and_the_run_goes_on() {
    // An unpaired surrogate: the file cannot be decoded, the run says so and goes on.
    let dir = library(&[("Bad16.cs", b"\xFF\xFE\x00\xD8a\x00")]);
    let stderr = survives(dir.path());
    assert!(stderr.contains("Bad16.cs") && stderr.contains("cannot decode"), "{stderr}");
}

// An unreadable file (mode 000, the run as another user) is tested in tests/cli.rs; a file
// deleted between discovery and reading in src/fix/plan.rs (the CLI cannot be made to race).

/// `--yes` over a thousand files, killed (SIGKILL) at random moments: every file is afterwards
/// either entirely as it was or entirely fixed, never truncated or mixed.
#[test]
fn killed_while_writing_leaves_each_file_old_or_new() {
    let count = 1000;
    let name = |i: usize| format!("src/C{i}.cs");
    let old = |i: usize| {
        format!("using System.Threading.Tasks;\nnamespace Lib {{ public class C{i} {{ public async Task F() {{ await Task.Delay({i}); }} }} }}\n")
    };
    let new = |i: usize| old(i).replace(&format!("Task.Delay({i})"), &format!("Task.Delay({i}).ConfigureAwait(false)"));
    let fresh = || {
        let dir = library(&[]);
        for i in 0..count {
            write(dir.path(), &name(i), old(i).as_bytes());
        }
        dir
    };
    // One uninterrupted run: how long a whole run takes, and that it gives the new texts.
    let dir = fresh();
    let started = std::time::Instant::now();
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("asyncfix"))
        .args(["--yes", "--select", "missing-configure-await", "."])
        .current_dir(dir.path())
        .output()
        .expect("asyncfix runs")
        .status;
    let full = started.elapsed();
    assert_eq!(status.code(), Some(0));
    assert!((0..count).all(|i| read_text(dir.path(), &name(i)) == new(i)));

    let mut seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let mut interrupted = 0;
    for _ in 0..6 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let delay = full.mul_f64((seed >> 11) as f64 / (1u64 << 53) as f64);
        let dir = fresh();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("asyncfix"))
            .args(["--yes", "--select", "missing-configure-await", "."])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("asyncfix starts");
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().expect("asyncfix ends");
        interrupted += usize::from(status.code().is_none());
        for i in 0..count {
            let text = read_text(dir.path(), &name(i));
            assert!(text == old(i) || text == new(i), "C{i}.cs is neither old nor new after {delay:?}:\n{text}");
        }
    }
    assert!(interrupted > 0, "no run was interrupted: the test proves nothing");
}
