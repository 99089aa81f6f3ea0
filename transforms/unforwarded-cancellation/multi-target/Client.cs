// A project that targets net8.0 and net472 gets a token only where both have the overload:
// HttpClient.GetStringAsync(string, CancellationToken) is .NET 5 and later.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.MultiTarget
{
    public class Client
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<string> LoadAsync(string url, CancellationToken ct)
        {
            var response = await _http.GetAsync(url); // unforwarded-cancellation: every target has it
            response.Dispose();
            return await _http.GetStringAsync(url); // OK: net472 has no GetStringAsync(string, CancellationToken)
        }
    }
}
