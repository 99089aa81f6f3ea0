// A token that never cancels (`CancellationToken.None`, `default`) passed explicitly while a token
// is in scope: reported with an unsafe fix, unless the method passes its token elsewhere (then
// `None` is a choice) or the call is cleanup code.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.NoneTokens
{
    public class NoneTokens
    {
        private readonly HttpClient _http = new HttpClient();

        private static Task WorkAsync(int n, CancellationToken cancellationToken = default(CancellationToken)) => Task.FromResult(n);

        public async Task ExplicitNoneAsync(string url, CancellationToken ct)
        {
            await _http.GetAsync(url, CancellationToken.None); // unforwarded-cancellation
            await Task.Delay(10, default(CancellationToken)); // unforwarded-cancellation
            await WorkAsync(1, default); // unforwarded-cancellation: `default` where the token goes
            await WorkAsync(2, cancellationToken: CancellationToken.None); // unforwarded-cancellation: by name
            await WorkAsync(default(int)); // unforwarded-cancellation: not a token, but the token is missing
        }

        public async Task UsedElsewhereAsync(string url, CancellationToken ct)
        {
            await _http.GetAsync(url, ct);
            await _http.GetAsync(url, CancellationToken.None); // OK: the method passes its token elsewhere
        }

        public async Task CleanupAsync(CancellationToken cancellationToken)
        {
            try
            {
                await Task.Yield();
            }
            finally
            {
                await WorkAsync(3, CancellationToken.None); // OK: cleanup must not be cancelled
            }
        }

        public void NoToken()
        {
            WorkAsync(4, CancellationToken.None).Wait(); // OK: no token in scope
        }
    }
}
