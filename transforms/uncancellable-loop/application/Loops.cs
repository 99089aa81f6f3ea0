// Loops that await in every iteration (or never end) in a method with a token, and never look at
// the token: each gets `token.ThrowIfCancellationRequested();` as its first statement.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.Loops
{
    public class Worker
    {
        private static Task SaveAsync(string item) => Task.FromResult(item);

        private static void Poll()
        {
        }

        public async Task SaveAllAsync(IEnumerable<string> items, CancellationToken cancellationToken)
        {
            foreach (var item in items) // uncancellable-loop
            {
                await SaveAsync(item);
            }
        }

        public async Task RetryAsync(CancellationToken ct)
        {
            for (var attempt = 0; attempt < 5; attempt++) // uncancellable-loop
            {
                // The check goes before the first statement, after this comment.
                await SaveAsync("attempt");
            }
            var pending = 3;
            while (pending > 0) // uncancellable-loop
            {
                pending--;
                await SaveAsync("pending");
            }
            do // uncancellable-loop
            {
                pending++;
                await SaveAsync("again");
            }
            while (pending < 3);
        }

        public async Task BracelessAsync(List<string> items, CancellationToken ct)
        {
            foreach (var item in items) // uncancellable-loop: the body gets braces
                await SaveAsync(item);
            for (var i = 0; i < items.Count; i++) await SaveAsync(items[i]); // uncancellable-loop: on one line
            foreach (var item in items) // uncancellable-loop
                await SaveAsync(item); // a comment stays on its line
        }

        public void Endless(CancellationToken ct)
        {
            while (true) // uncancellable-loop: an endless loop that calls something
            {
                Poll();
            }
        }

        public async Task NestedAsync(List<List<string>> batches, CancellationToken ct)
        {
            foreach (var batch in batches) // OK: the inner loop gets the check
            {
                foreach (var item in batch) // uncancellable-loop: the innermost loop that awaits
                {
                    await SaveAsync(item);
                }
            }
        }

        public async Task SameLineBodyAsync(string[] items, CancellationToken ct)
        {
            foreach (var item in items) { await SaveAsync(item); } // uncancellable-loop
        }
    }
}
