// Waiting is about timing: a delay between two requests is there on purpose.
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.Delay
{
    public class Poller
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<int> PollAsync()
        {
            var first = await _http.GetStringAsync("/status"); // OK: a delay comes between
            await Task.Delay(500);
            var second = await _http.GetStringAsync("/status");
            return first.Length + second.Length;
        }

        public async Task<int> DelayedAsync()
        {
            var waited = await Task.Delay(100).ContinueWith(t => 1); // OK: `Task.Delay` is not a request
            var page = await _http.GetStringAsync("/page");
            return waited + page.Length;
        }

        public async Task<int> StartedAsync(Task<string> first, Task<string> second)
        {
            var a = await first; // OK: tasks already started, in an order the caller chose
            var b = await second;
            return a.Length + b.Length;
        }
    }
}
