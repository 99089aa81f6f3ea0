// Receivers declared elsewhere in the workspace: a field of another part of a partial class, and a
// property of another workspace type.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.Partial
{
    public partial class Feed
    {
        private readonly HttpClient _http = new HttpClient();

        public Settings Settings { get; } = new Settings();
    }

    public class Settings
    {
        public HttpClient Client { get; } = new HttpClient();
    }

    public partial class Feed
    {
        public async Task<HttpResponseMessage> RefreshAsync(string url, CancellationToken ct)
        {
            await Settings.Client.GetAsync(url); // unforwarded-cancellation: `Client` of the workspace type Settings
            return await _http.GetAsync(url); // unforwarded-cancellation: a field of the other part
        }

        public static async Task PollAsync(Feed feed, string url, CancellationToken ct)
        {
            await feed.Settings.Client.DeleteAsync(url); // unforwarded-cancellation: a chain of workspace properties
        }
    }
}
