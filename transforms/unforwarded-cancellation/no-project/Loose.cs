// A file outside any project: its target frameworks are unknown, so only token overloads that
// shipped with the method itself (wherever the call compiles) are used.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.NoProject
{
    public class Loose
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<string> LoadAsync(string url, CancellationToken ct)
        {
            await Task.Delay(10); // unforwarded-cancellation: Task.Delay(int, CancellationToken) is as old as Task.Delay
            return await _http.GetStringAsync(url); // OK: the token overload needs .NET 5, the targets are unknown
        }
    }
}
