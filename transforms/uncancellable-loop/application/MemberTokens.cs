// A token reachable through members is in scope too: a loop that never checks it gets the check.
using System.Threading;
using System.Threading.Tasks;
using Ct = System.Threading.CancellationToken;

namespace Fixtures.MemberTokens
{
    public class Poller
    {
        private readonly CancellationToken _stopping;

        public Poller(CancellationToken stopping)
        {
            _stopping = stopping;
        }

        private static Task PollOnceAsync() => Task.FromResult(0);

        public async Task RunAsync()
        {
            while (true) // uncancellable-loop: the class's token
            {
                await PollOnceAsync();
            }
        }

        public async Task RunUntilStoppedAsync()
        {
            while (!_stopping.IsCancellationRequested) // OK: the loop looks at the token
            {
                await PollOnceAsync();
            }
        }

        public async Task AliasAsync(Ct ct)
        {
            for (var i = 0; i < 10; i++) // uncancellable-loop: `Ct` is CancellationToken
            {
                await PollOnceAsync();
            }
        }
    }
}
