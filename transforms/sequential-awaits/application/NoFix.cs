// Reported, but not rewritten: the rewrite would lose a comment or put lines in odd places.
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.NoFix
{
    public class Pages
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<int> CommentInsideAsync()
        {
            var a = /* cached upstream */ await _http.GetStringAsync("/a"); // sequential-awaits: a comment would be lost
            var b = await _http.GetStringAsync("/b");
            return a.Length + b.Length;
        }

        public async Task<int> CodeAfterAsync()
        {
            var a = await _http.GetStringAsync("/a"); // sequential-awaits: code follows on the last line
            var b = await _http.GetStringAsync("/b"); if (b == null) return 0;
            return a.Length + b.Length;
        }

        public async Task<int> SameLineAsync()
        {
            // Statements that share a line are rewritten in place.
            var a = await _http.GetStringAsync("/a"); var b = await _http.GetStringAsync("/b"); // sequential-awaits
            return a.Length + b.Length;
        }
    }
}
