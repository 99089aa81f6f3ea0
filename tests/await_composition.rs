//! sync-over-async and redundant-await together with missing-configure-await in a library: each
//! one's output is the others' input, and the planner's rounds must end in code none of them
//! reports again.

mod common;

use assert_cmd::Command;
use common::*;

const SELECT: &str = "missing-configure-await,sync-over-async,redundant-await";

const SOURCE: &str = "\
using System.Net.Http;
using System.Threading.Tasks;

namespace Lib
{
    public class Client
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<string> FindAsync(int id) => await LoadAsync(id);

        public async Task<int> LengthAsync(string url)
        {
            return _http.GetStringAsync(url).Result.Length;
        }

        public Task<string> RunAsync() => Task.Run(async () => await LoadAsync(1));

        public async Task<string> BlockingAsync(int id)
        {
            return LoadAsync(id).GetAwaiter().GetResult();
        }

        public Task<string> LoadAsync(int id) => Task.FromResult(id.ToString());
    }
}
";

/// In the last method, sync-over-async gives `return await LoadAsync(id);`, which missing-configure-await
/// and redundant-await then both want: whichever goes first, the other's fix follows, and
/// `.ConfigureAwait(false)` must not survive outside an `await`.
const FIXED: &str = "\
using System.Net.Http;
using System.Threading.Tasks;

namespace Lib
{
    public class Client
    {
        private readonly HttpClient _http = new HttpClient();

        public Task<string> FindAsync(int id) => LoadAsync(id);

        public async Task<int> LengthAsync(string url)
        {
            return (await _http.GetStringAsync(url).ConfigureAwait(false)).Length;
        }

        public Task<string> RunAsync() => Task.Run(() => LoadAsync(1));

        public Task<string> BlockingAsync(int id)
        {
            return LoadAsync(id);
        }

        public Task<string> LoadAsync(int id) => Task.FromResult(id.ToString());
    }
}
";

#[test]
fn fixes_compose_with_missing_configure_await_in_a_library() {
    let dir = library(&[("Client.cs", SOURCE.as_bytes())]);
    let output = Command::cargo_bin("asyncfix")
        .expect("asyncfix binary")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["--select", SELECT, "--unsafe-fixes", "--yes"])
        .output()
        .expect("run asyncfix");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("internal error"), "{stderr}");
    assert_eq!(read_text(dir.path(), "Client.cs"), FIXED, "{stderr}");
    assert_eq!(output.status.code(), Some(0), "nothing should remain:\n{stderr}");
}

/// An async method whose only work blocks or drops a task: blocking-call, unawaited-task and
/// async-without-await each have a fix, in one isolation group (the method). The fixes that add
/// `await` go first; the next round no longer finds the method without `await`.
const WITHOUT_AWAIT: &str = "\
using System.Threading;
using System.Threading.Tasks;

namespace App
{
    public class Worker
    {
        public async Task PauseAsync()
        {
            Thread.Sleep(10);
        }

        public async Task NotifyAsync()
        {
            SendAsync(\"hello\");
        }

        public Task SendAsync(string message) => Task.FromResult(message);
    }
}
";

const APP: &str = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"#;

fn fixed_with(select: &str) -> String {
    let dir = project(APP, &[("Worker.cs", WITHOUT_AWAIT.as_bytes())]);
    let output = Command::cargo_bin("asyncfix")
        .expect("asyncfix binary")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["--select", select, "--unsafe-fixes", "--yes"])
        .output()
        .expect("run asyncfix");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("internal error"), "{stderr}");
    read_text(dir.path(), "Worker.cs")
}

#[test]
fn adding_await_goes_before_removing_async_in_one_method() {
    let fixed = fixed_with("async-without-await,blocking-call,unawaited-task");
    assert!(fixed.contains("public async Task PauseAsync()\n        {\n            await Task.Delay(10);"), "{fixed}");
    assert!(
        fixed.contains("public async Task NotifyAsync()\n        {\n            await SendAsync(\"hello\");"),
        "{fixed}"
    );
}

#[test]
fn a_transform_run_alone_does_not_wait_for_one_that_is_not_running() {
    let fixed = fixed_with("async-without-await");
    assert!(fixed.contains("public Task PauseAsync()"), "{fixed}");
    assert!(fixed.contains("public Task NotifyAsync()"), "{fixed}");
}
