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
