//! Public API of libraries and async-all-the-way, end to end: by default a chain stops at a public
//! member of a library project; `--change-public-api` and `public-api = "change"` let it go on;
//! `--keep-public-api` keeps stopping it.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::*;

const CLIENT: &str = "using System.Threading.Tasks;

namespace Lib
{
    public class Client
    {
        public string Execute() => SendAsync().Result;

        private Task<string> SendAsync() => Task.FromResult(\"sent\");
    }
}
";

/// Runs async-all-the-way with `--yes --unsafe-fixes` and `args` in `dir`; returns what it printed
/// (stdout, then stderr) and the text of `Client.cs` afterwards.
fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let mut cmd = Command::cargo_bin("asyncfix").expect("asyncfix binary");
    let out = cmd
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["--select", "async-all-the-way", "--unsafe-fixes", "--yes", "--allow-dirty"])
        .args(args)
        .arg(".")
        .output()
        .expect("asyncfix runs");
    (format!("{}{}", stdout(&out), stderr(&out)), String::from_utf8(read(dir, "Client.cs")).expect("UTF-8"))
}

#[test]
fn a_public_member_of_a_library_stops_the_chain_by_default() {
    let dir = library(&[("Client.cs", CLIENT.as_bytes())]);
    let (printed, text) = run(dir.path(), &[]);
    assert_eq!(text, CLIENT, "nothing written:\n{printed}");
    assert!(
        printed.contains("`Client.Execute` is public API of a library, where the chain stops (`--change-public-api` makes it async too)"),
        "{printed}"
    );
}

#[test]
fn change_public_api_lets_the_chain_go_on() {
    let dir = library(&[("Client.cs", CLIENT.as_bytes())]);
    let (printed, text) = run(dir.path(), &["--change-public-api"]);
    assert!(text.contains("public async Task<string> ExecuteAsync() => await SendAsync();"), "{printed}\n{text}");
}

#[test]
fn public_api_change_in_the_configuration_lets_the_chain_go_on_unless_a_flag_keeps_it() {
    let dir = library(&[("Client.cs", CLIENT.as_bytes()), ("asyncfix.toml", b"public-api = \"change\"\n")]);
    let (printed, text) = run(dir.path(), &["--keep-public-api"]);
    assert_eq!(text, CLIENT, "the flag wins over the file:\n{printed}");
    assert!(printed.contains("`Client.Execute` is public API of a library (public API is kept)"), "{printed}");
    let (printed, text) = run(dir.path(), &[]);
    assert!(text.contains("public async Task<string> ExecuteAsync()"), "{printed}\n{text}");
}

#[test]
fn keep_and_change_exclude_each_other() {
    let dir = library(&[("Client.cs", CLIENT.as_bytes())]);
    let mut cmd = Command::cargo_bin("asyncfix").expect("asyncfix binary");
    let out =
        cmd.current_dir(dir.path()).args(["--keep-public-api", "--change-public-api", "."]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot be used with"), "{}", stderr(&out));
}
