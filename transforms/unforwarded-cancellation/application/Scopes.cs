// Which token is passed: the innermost, most recently declared one. A token source, or two token
// parameters, leave the choice to the user: the finding has no fix. Cleanup code and code that
// polls the token get an unsafe fix.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.Scopes
{
    public class Scopes
    {
        private static Task WorkAsync(CancellationToken cancellationToken = default(CancellationToken)) => Task.FromResult(0);

        public async Task LinkedTokenAsync(CancellationToken ct)
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(1000);
                var linked = timeout.Token;
                await WorkAsync(); // unforwarded-cancellation: the linked token, declared nearest
            }
        }

        public async Task LocalTokenAsync(CancellationToken ct)
        {
            CancellationToken first = ct;
            CancellationToken second = first;
            await WorkAsync(); // unforwarded-cancellation: the most recent local
        }

        public async Task SourceWithoutTokenAsync(CancellationToken ct)
        {
            using (var timeout = new CancellationTokenSource(1000))
            {
                await WorkAsync(); // unforwarded-cancellation: no fix, `timeout.Token` may be meant
            }
        }

        public async Task TwoTokensAsync(CancellationToken first, CancellationToken second)
        {
            await WorkAsync(); // unforwarded-cancellation: no fix, which one?
        }

        public async Task DeclaredLaterAsync()
        {
            await WorkAsync(); // OK: the token below is not declared yet
            CancellationToken token = CancellationToken.None;
            await WorkAsync(token); // OK: passed
        }

        public async Task NullableAsync(CancellationToken? ct)
        {
            await WorkAsync(); // OK: a nullable token is not a token
        }

        public async Task CleanupAsync(CancellationToken ct)
        {
            try
            {
                await WorkAsync(); // unforwarded-cancellation: safe
            }
            catch (InvalidOperationException)
            {
                await WorkAsync(); // unforwarded-cancellation: unsafe, a cancelled token would stop the cleanup
            }
            finally
            {
                await WorkAsync(); // unforwarded-cancellation: unsafe, likewise
            }
        }

        public async Task PollingAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(1000); // unforwarded-cancellation: unsafe, the loop ends without an exception today
            }
        }

        public void Synchronous(CancellationToken ct)
        {
            WorkAsync().Wait(); // unforwarded-cancellation: synchronous code too
        }
    }
}
