// A call that needs the result of the one before it must wait for it.
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.DataDependency
{
    public class Profile
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<int> LoadAsync(string user)
        {
            var id = await _http.GetStringAsync("/users/" + user + "/id"); // OK: the next call reads `id`
            var profile = await _http.GetStringAsync("/profiles/" + id);
            return profile.Length;
        }

        public async Task<int> InLambdaAsync(string user)
        {
            string token = null;
            token = await _http.GetStringAsync("/token"); // OK: `token` is read by the lambda
            var body = await SendWith(() => token);
            return body.Length;
        }

        public async Task<int> SplitAsync()
        {
            // The run splits where a call needs an earlier result: the first two start together,
            // the third waits for them.
            var a = await _http.GetStringAsync("/a"); // sequential-awaits
            var b = await _http.GetStringAsync("/b");
            var c = await _http.GetStringAsync("/c?" + a); // OK: needs `a`
            return c.Length + b.Length;
        }

        private Task<string> SendWith(System.Func<string> token) => _http.GetStringAsync("/x?t=" + token());
    }
}
