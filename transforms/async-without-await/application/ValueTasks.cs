// compile: skip (ValueTask, await foreach and await using are not in mcs's .NET Framework 4.x)
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace AsyncWithoutAwait.ValueTasks
{
    public class Source
    {
        public async ValueTask<int> CountAsync() => 3; // async-without-await

        public async ValueTask CloseAsync(bool quiet) // async-without-await
        {
            if (quiet)
            {
                return;
            }
            Console.WriteLine("closed");
        }

        public async IAsyncEnumerable<int> StreamAsync() // OK: an async iterator
        {
            yield return 1;
        }

        public async Task SumAsync(IAsyncEnumerable<int> values) // OK: `await foreach` awaits
        {
            await foreach (var v in values)
            {
                Console.WriteLine(v);
            }
        }

        public async Task DisposeAsync(Stream stream) // OK: `await using` awaits
        {
            await using var s = stream;
        }

        public async Task<int> TypedLambdaAsync()
        {
            var f = async Task<int> () => 7; // async-without-await: an explicit return type
            return await f();
        }
    }
}
