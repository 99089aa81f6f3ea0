//! Helpers shared by the integration tests: small C# projects in temporary folders.

// Each test crate uses its own subset of these helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use tempfile::TempDir;

/// What a run printed on stdout.
pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

/// What a run printed on stderr.
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

/// A class library: missing-configure-await applies to its code in auto mode.
pub const LIB_CSPROJ: &str = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup></Project>"#;

/// A web application: missing-configure-await leaves its code alone in auto mode.
pub const WEB_CSPROJ: &str = r#"<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"#;

/// The message of a missing-configure-await finding on a plain `await`.
pub const AWAIT_MESSAGE: &str = "`await` without `.ConfigureAwait(false)` in library code";

/// A library class with two awaits that both need `.ConfigureAwait(false)`.
pub const TWO_AWAITS: &str = "\
using System.Threading.Tasks;

namespace Lib
{
    public class A
    {
        public async Task RunAsync()
        {
            await Task.Delay(1);
            await Task.Delay(2);
        }
    }
}
";

/// [`TWO_AWAITS`] after both fixes.
pub const TWO_AWAITS_FIXED: &str = "\
using System.Threading.Tasks;

namespace Lib
{
    public class A
    {
        public async Task RunAsync()
        {
            await Task.Delay(1).ConfigureAwait(false);
            await Task.Delay(2).ConfigureAwait(false);
        }
    }
}
";

/// A temporary folder holding `Lib.csproj` (a library) and `files` (path relative to the folder,
/// bytes). Folders are created as needed.
pub fn library(files: &[(&str, &[u8])]) -> TempDir {
    project(LIB_CSPROJ, files)
}

/// A temporary folder holding `Lib.csproj` with the given content and `files`.
pub fn project(csproj: &str, files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    write(dir.path(), "Lib.csproj", csproj.as_bytes());
    for (path, bytes) in files {
        write(dir.path(), path, bytes);
    }
    dir
}

/// Writes `bytes` to `dir/path`, creating folders.
pub fn write(dir: &Path, path: &str, bytes: &[u8]) {
    let path = dir.join(path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// The bytes of `dir/path`.
pub fn read(dir: &Path, path: &str) -> Vec<u8> {
    let path = dir.join(path);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The bytes of `dir/path` as UTF-8 text.
pub fn read_text(dir: &Path, path: &str) -> String {
    String::from_utf8(read(dir, path)).expect("UTF-8 file")
}

/// Every file under `dir` (relative path → bytes), to compare a folder before and after a run.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read folder") {
            let path = entry.expect("folder entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).expect("under root").to_string_lossy().into_owned();
                out.insert(relative, std::fs::read(&path).expect("read file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// `text` with every `\n` turned into `\r\n`.
pub fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// `text` encoded as UTF-16 LE with a byte order mark.
pub fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

/// Decodes UTF-16 LE bytes that start with a byte order mark; panics on anything else.
pub fn decode_utf16le_with_bom(bytes: &[u8]) -> String {
    let rest = bytes.strip_prefix(&[0xFF, 0xFE]).expect("UTF-16 LE byte order mark kept");
    assert_eq!(rest.len() % 2, 0, "UTF-16 file with an odd number of bytes");
    let units = rest.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]]));
    char::decode_utf16(units).collect::<Result<String, _>>().expect("valid UTF-16")
}

/// Runs git in `dir` with a throwaway identity; panics unless it succeeds.
pub fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}
