// Runs inside async lambdas and anonymous methods are found too.
using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.Lambdas
{
    public class Widgets
    {
        private readonly HttpClient _http = new HttpClient();

        public Func<Task<int>> Loader()
        {
            return async () =>
            {
                var a = await _http.GetStringAsync("/a"); // sequential-awaits: in a lambda
                var b = await _http.GetStringAsync("/b");
                return a.Length + b.Length;
            };
        }

        public Func<Task<int>> Anonymous()
        {
            return async delegate
            {
                var a = await _http.GetStringAsync("/a"); // sequential-awaits: in an anonymous method
                var b = await _http.GetStringAsync("/b");
                return a.Length + b.Length;
            };
        }

        public Func<Task<int>> NotAsync()
        {
            return () =>
            {
                var a = _http.GetStringAsync("/a"); // OK: nothing awaited
                var b = _http.GetStringAsync("/b");
                return Task.FromResult(1);
            };
        }
    }
}
