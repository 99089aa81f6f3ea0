// Only statements that follow each other directly form a run.
using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.Separated
{
    public class Report
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<int> BuildAsync()
        {
            var a = await _http.GetStringAsync("/a"); // OK: other code comes between
            Console.WriteLine("loaded a");
            var b = await _http.GetStringAsync("/b");
            return a.Length + b.Length;
        }

        public async Task<int> SingleAsync()
        {
            var a = await _http.GetStringAsync("/a"); // OK: a run of one
            return a.Length;
        }

        public async Task<int> ExpressionAsync()
        {
            var total = (await _http.GetStringAsync("/a")).Length; // OK: the await is inside an expression
            var b = await _http.GetStringAsync("/b");
            return total + b.Length;
        }

        public async Task<int> UsingAsync()
        {
            using (var response = await _http.GetAsync("/a")) // OK: a using statement
            {
                var b = await _http.GetStringAsync("/b"); // OK: a run of one
                return b.Length;
            }
        }
    }
}
