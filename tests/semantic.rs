//! What the semantic layer knows, seen through the command line: uses of a method that asyncfix
//! cannot read stop a signature change.

mod common;

use assert_cmd::Command;
use common::*;

const APP: &str = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"#;

/// `#if` splits a call, so the plain parse fails and the masked view blanks the `#else` branch:
/// its call of `Load` is code asyncfix never reads.
const SPLIT: &str = "\
using System.Threading.Tasks;

namespace App
{
    public class A
    {
        public int Load() => Task.FromResult(1).Result;

        public void Use(int x, int y)
        {
        }

        public void F()
        {
#if DEBUG
            Use(Load(),
#else
            Use(Load() + 1,
#endif
                2);
        }
    }
}
";

#[test]
fn a_call_in_code_asyncfix_cannot_read_stops_a_chain() {
    let dir = project(APP, &[("A.cs", SPLIT.as_bytes())]);
    let out = Command::cargo_bin("asyncfix")
        .expect("asyncfix binary")
        .current_dir(dir.path())
        .args(["--select", "async-all-the-way", "--format", "json", "--unsafe-fixes"])
        .output()
        .expect("run asyncfix");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let finding = &doc["diagnostics"][0];
    assert!(finding["fix"].is_null(), "{finding}");
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("`Load` is named in code asyncfix cannot read"), "{message}");
}
