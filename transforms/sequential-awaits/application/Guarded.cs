// Code serialised on purpose (a semaphore held, a transaction open) is left alone.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.Guarded
{
    public class Throttled
    {
        private readonly HttpClient _http = new HttpClient();
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

        public async Task<int> OneAtATimeAsync()
        {
            await _gate.WaitAsync();
            try
            {
                var a = await _http.GetStringAsync("/a"); // OK: inside a semaphore-protected section
                var b = await _http.GetStringAsync("/b");
                return a.Length + b.Length;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task<int> GatedMethodsAsync()
        {
            var a = await GatedGetAsync("/a"); // OK: both take `_gate`
            var b = await GatedGetAsync("/b");
            return a.Length + b.Length;
        }

        private async Task<string> GatedGetAsync(string path)
        {
            await _gate.WaitAsync();
            try
            {
                return await _http.GetStringAsync(path);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
