// compile: skip (mcs does not know ValueTask)
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.ValueTasks
{
    public class Cache
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<int> LoadAsync()
        {
            var a = await GetAsync("/a"); // sequential-awaits: a ValueTask is turned into a Task
            var b = await _http.GetStringAsync("/b");
            return a.Length + b.Length;
        }

        private async ValueTask<string> GetAsync(string path) => await _http.GetStringAsync(path);
    }
}
