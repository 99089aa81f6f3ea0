// Fields that one call writes and another reads keep the calls in order.
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.State
{
    public class ApiClient
    {
        private readonly HttpClient _http = new HttpClient();
        private readonly Dictionary<string, string> _cache = new Dictionary<string, string>();
        private string _token;

        public async Task<int> LoadAsync()
        {
            var token = await LoginAsync(); // OK: `LoginAsync` writes `_token`, `DataAsync` reads it
            var data = await DataAsync();
            return token.Length + data.Length;
        }

        public async Task<int> CachedAsync()
        {
            var a = await CachedGetAsync("/a"); // OK: both write `_cache`
            var b = await CachedGetAsync("/b");
            return a.Length + b.Length;
        }

        public async Task<int> ReadOnlyAsync()
        {
            var a = await DataAsync(); // sequential-awaits: both only read `_token`
            var b = await OtherDataAsync();
            return a.Length + b.Length;
        }

        public async Task<int> SharedListAsync()
        {
            var into = new List<string>();
            var a = await FillAsync(into, "/a"); // OK: both calls are given the list `into`
            var b = await FillAsync(into, "/b");
            return a + b + into.Count;
        }

        public async Task<int> GivesThisAwayAsync()
        {
            var a = await Printer.DescribeAsync(this); // OK: `DescribeAsync` may change this object, which `DataAsync` reads
            var b = await DataAsync();
            return a.Length + b.Length;
        }

        private async Task<string> LoginAsync()
        {
            _token = await _http.GetStringAsync("/token");
            return _token;
        }

        private Task<string> DataAsync() => _http.GetStringAsync("/data?token=" + _token);

        private Task<string> OtherDataAsync() => _http.GetStringAsync("/other?token=" + _token);

        private async Task<int> FillAsync(List<string> into, string path)
        {
            var text = await _http.GetStringAsync(path);
            into.Add(text);
            return text.Length;
        }

        private async Task<string> CachedGetAsync(string path)
        {
            string value;
            if (_cache.TryGetValue(path, out value))
            {
                return value;
            }
            value = await _http.GetStringAsync(path);
            _cache[path] = value;
            return value;
        }
    }

    public static class Printer
    {
        public static Task<string> DescribeAsync(object value) => Task.FromResult(value.ToString());
    }
}
