// `Task.Run` that moves real work to the thread pool, or whose task is not awaited or returned:
// nothing to report.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;

namespace Fixtures.TaskRunIo.CpuBound
{
    public class Worker
    {
        private readonly Worker _next;

        public Worker(Worker next)
        {
            _next = next;
        }

        public async Task<int> ComputeAsync(int[] data)
        {
            return await Task.Run(() => Compute(data)); // OK: CPU-bound work
        }

        public async Task<int> SeveralStatementsAsync(int[] data)
        {
            return await Task.Run(async () => // OK: the lambda does more than one call
            {
                var sum = Compute(data);
                await SaveAsync(sum);
                return sum;
            });
        }

        public async Task ParseAsyncIsNotATaskAsync(string text)
        {
            // A workspace method named `…Async` that returns no task: CPU work after all.
            await Task.Run(() => ParseAsync(text)); // OK: returns an int
        }

        public async Task StartedConcurrentlyAsync()
        {
            var first = Task.Run(() => SaveAsync(1)); // OK: not awaited here
            await Task.WhenAll(first, Task.Run(() => SaveAsync(2))); // OK: an argument of WhenAll
        }

        public async Task ConditionalAccessAsync()
        {
            // `x?.F()` gives a null task when `x` is null: `Task.Run` turns that into a
            // cancelled task, a direct await into a NullReferenceException.
            await Task.Run(() => _next?.SaveAsync(3)); // OK: conditional access
        }

        public async Task ArgumentsAwaitAsync()
        {
            await Task.Run(async () => await SaveAsync(await CountAsync())); // OK: the arguments await too
        }

        public async Task EventBasedAsync(WebClient client, Uri uri)
        {
            // `DownloadStringAsync` returns void (event-based pattern): `Task.Run(Action)`.
            await Task.Run(() => client.DownloadStringAsync(uri)); // OK: not a task
        }

        public async Task MethodGroupAsync()
        {
            await Task.Run(Flush); // OK: a method group is left alone
        }

        public async Task WithParameterAsync(IEnumerable<int> items)
        {
            await Task.Run(() => items.Select(Compute2).ToList()); // OK: LINQ is CPU work
        }

        private static int Compute(int[] data) => data.Sum();

        private static int Compute2(int x) => x * 2;

        private static int ParseAsync(string text) => text.Length;

        private Task SaveAsync(int value) => Task.Delay(value);

        private Task<int> CountAsync() => Task.FromResult(1);

        private Task Flush() => Task.CompletedTask;
    }
}
