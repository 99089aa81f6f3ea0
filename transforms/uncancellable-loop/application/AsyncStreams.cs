// compile: skip (C# 8: await foreach, IAsyncEnumerable)
// `await foreach`: the enumeration's own awaits are the source's business (WithCancellation);
// awaits in the body make the loop this transform's.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.AsyncStreams
{
    public class Streams
    {
        private static Task LogAsync(int item) => Task.CompletedTask;

        public async Task ConsumeAsync(IAsyncEnumerable<int> source, CancellationToken ct)
        {
            await foreach (var item in source) // uncancellable-loop: awaits in the body
            {
                await LogAsync(item);
            }
            await foreach (var item in source.WithCancellation(ct)) // OK: the enumeration observes the token
            {
                await LogAsync(item);
            }
            var cancellable = source.WithCancellation(ct);
            await foreach (var item in cancellable) // OK: likewise, through a local
            {
                await LogAsync(item);
            }
        }

        public async IAsyncEnumerable<int> ForwardAsync(IAsyncEnumerable<int> source, [EnumeratorCancellation] CancellationToken ct = default)
        {
            await foreach (var item in source) // OK: no await in the body: only the enumeration waits
            {
                yield return item;
            }
        }
    }
}
