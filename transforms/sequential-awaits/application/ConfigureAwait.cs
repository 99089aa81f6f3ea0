// The original `.ConfigureAwait(…)` is kept on every await of the rewrite.
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.ConfigureAwaitKept
{
    public class Client
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<int> AllConfiguredAsync()
        {
            var a = await _http.GetStringAsync("/a").ConfigureAwait(false); // sequential-awaits
            var b = await _http.GetStringAsync("/b").ConfigureAwait(false);
            return a.Length + b.Length;
        }

        public async Task<int> MixedAsync()
        {
            // Once an await resumes without the context, the rest of the method runs without it:
            // `await Task.WhenAll(…)` gets `.ConfigureAwait(false)` when any of the awaits had it.
            var a = await _http.GetStringAsync("/a"); // sequential-awaits: mixed
            var b = await _http.GetStringAsync("/b").ConfigureAwait(false);
            var c = await _http.GetStringAsync("/c").ConfigureAwait(true);
            return a.Length + b.Length + c.Length;
        }
    }
}
