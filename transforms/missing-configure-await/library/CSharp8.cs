// compile: skip (C# 8: await foreach, await using, ValueTask, IAsyncEnumerable)
// Asynchronous streams and disposables, and ValueTask: `await foreach` and `await using` take
// `.ConfigureAwait(false)` on the collection or resource, except where it would change a
// variable's type.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

#nullable enable

namespace Fixtures.CSharp8
{
    public class Feed
    {
        private readonly Feed? _next;

        public Feed(Feed? next)
        {
            _next = next;
        }

        public async Task<int> CountAsync(IAsyncEnumerable<string> items)
        {
            var count = 0;
            await foreach (var item in items) // missing-configure-await: `await foreach`
            {
                count += item.Length;
            }
            await foreach (var item in items.ConfigureAwait(false)) // OK: already configured
            {
                count++;
            }
            return count;
        }

        public async Task<int> SumAsync()
        {
            var sum = 0;
            await foreach (var n in GetNumbersAsync(3)) // missing-configure-await: an async iterator's result
            {
                sum += n;
            }
            return sum;
        }

        public async IAsyncEnumerable<int> GetNumbersAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await Task.Delay(1); // missing-configure-await: in an async iterator
                yield return i;
            }
        }

        public async Task DisposeAllAsync(IAsyncDisposable resource, Stream stream)
        {
            await using (resource) // missing-configure-await: unsafe fix, `resource` may be null
            {
            }
            await using (new MemoryStream()) // missing-configure-await: a new object is never null
            {
            }
            await using (stream as IAsyncDisposable) // missing-configure-await: unsafe fix, disposal of null is skipped today
            {
                await stream.FlushAsync(); // missing-configure-await
            }
            await using (resource.ConfigureAwait(false)) // OK: already configured
            {
            }
        }

        public async Task DeclarationsAsync(Stream source)
        {
            await using (var copy = new MemoryStream()) // missing-configure-await: reported without a fix
            {
                await source.CopyToAsync(copy); // missing-configure-await
            }
            await using var other = new MemoryStream(); // missing-configure-await: reported without a fix
            await using var configured = new MemoryStream().ConfigureAwait(false); // OK: already configured
            await using var inner = await OpenAsync().ConfigureAwait(false); // missing-configure-await: the disposal is not configured
            await other.WriteAsync(new byte[1]); // missing-configure-await: a ValueTask
        }

        public async Task EnumeratorAsync(IAsyncEnumerable<int> source)
        {
            var enumerator = source.ConfigureAwait(false).GetAsyncEnumerator();
            await using (enumerator) // OK: derived from a configured enumerable
            {
                while (await enumerator.MoveNextAsync()) // OK: already configured through the enumerable
                {
                }
            }
        }

        public async Task<object> ConfiguredThenNullForgivingAsync(Task<object?> pending) =>
            await pending.ConfigureAwait(false)!; // OK: configured, then `!`

        private Task<Stream> OpenAsync() => Task.FromResult<Stream>(new MemoryStream());

        public async ValueTask<int> ValueTasksAsync(ValueTask<int> pending)
        {
            var first = await pending; // missing-configure-await: ValueTask<T>
            var second = await ReadAsync(); // missing-configure-await: a workspace method returning ValueTask<T>
            return first + second + await new ValueTask<int>(3); // missing-configure-await
        }

        public async Task<string?> ConditionalAccessAsync()
        {
            return await _next?.NameAsync(); // missing-configure-await: the chain is parenthesised
        }

        public async Task<string?> NullForgivingAsync(Task<string>? pending)
        {
            return await pending!; // missing-configure-await: `!` binds tighter than member access
        }

        public ValueTask<int> ReadAsync() => new ValueTask<int>(1);

        public Task<string?> NameAsync() => Task.FromResult<string?>("feed");
    }
}
