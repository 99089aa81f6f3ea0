// Loops that are cancellable already, that cannot run long, or that are another transform's (or
// nobody's) business.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.Negatives
{
    public class Negatives
    {
        private static Task SaveAsync(string item, CancellationToken cancellationToken = default(CancellationToken)) => Task.FromResult(item);

        private static Task LogAsync(string item) => Task.FromResult(item);

        public async Task ChecksTheTokenAsync(List<string> items, CancellationToken ct)
        {
            foreach (var item in items) // OK: checks the token
            {
                ct.ThrowIfCancellationRequested();
                await LogAsync(item);
            }
            while (!ct.IsCancellationRequested) // OK: polls the token
            {
                await LogAsync("tick");
            }
            foreach (var item in items) // OK: passes the token
            {
                await SaveAsync(item, ct);
            }
        }

        public async Task TakesTheTokenAsync(List<string> items, CancellationToken ct)
        {
            foreach (var item in items) // OK: unforwarded-cancellation passes the token to SaveAsync
            {
                await SaveAsync(item);
            }
        }

        public async Task InMemoryAsync(List<string> items, CancellationToken ct)
        {
            var lengths = new List<int>();
            foreach (var item in items) // OK: no await: the loop ends on its own
            {
                lengths.Add(item.Length);
            }
            for (var i = 0; i < 10; i++) // OK: no call at all
            {
                lengths[0] += i;
            }
            await SaveAsync(lengths.Count.ToString(), ct);
        }

        public async Task NoTokenAsync(List<string> items)
        {
            foreach (var item in items) // OK: no token in scope
            {
                await LogAsync(item);
            }
        }

        public async Task LambdaAsync(List<string> items, CancellationToken ct)
        {
            Func<Task> later = async () =>
            {
                foreach (var item in items) // OK: in a lambda, which may run after the method returned
                {
                    await LogAsync(item);
                }
            };
            foreach (var item in items) // OK: the loop only creates a lambda
            {
                Func<Task> each = async () => await LogAsync(item);
            }
            await later();
        }

        public async Task CleanupAsync(List<string> items, CancellationToken ct)
        {
            try
            {
                await SaveAsync("work", ct);
            }
            finally
            {
                foreach (var item in items) // OK: cleanup must not be cancelled
                {
                    await LogAsync(item);
                }
            }
        }

        public async Task TwoTokensAsync(List<string> items, CancellationToken first, CancellationToken second)
        {
            foreach (var item in items) // uncancellable-loop: no fix, which token?
            {
                await LogAsync(item);
            }
        }
    }
}
