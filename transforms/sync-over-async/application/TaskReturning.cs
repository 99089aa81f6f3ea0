// Blocking waits in a method that returns a task without being `async` (fixed by making it async
// where it stands), and waits that do not block.
using System;
using System.Threading.Tasks;

namespace SyncOverAsync.TaskReturning
{
    public class Prices
    {
        public Task<int> TotalAsync()
        {
            var price = PriceAsync().Result; // sync-over-async: the method returns a task
            return Task.FromResult(price + 1);
        }

        public Task RefreshAsync()
        {
            PriceAsync().Wait(); // sync-over-async: the method becomes async
            return Task.CompletedTask;
        }

        public async Task<int> NotBlockingAsync(Task<int> first, Task<int> second)
        {
            first.Wait(0); // OK: a zero timeout tests the task and returns at once
            second.Wait(TimeSpan.Zero); // OK: a zero timeout
            await Task.WhenAll(first, second);
            var sum = first.Result + second.Result; // OK: both completed in the awaited `WhenAll`
            var next = await first.ContinueWith(t => t.Result + 1); // OK: the antecedent of `ContinueWith`
            return sum + next;
        }

        public async Task<int> StillBlockingAsync(Task<int> first, Task<int> second)
        {
            await Task.WhenAll(first);
            var other = second.Result; // sync-over-async: `second` was not in the `WhenAll`
            first = PriceAsync();
            var again = first.Result; // sync-over-async: reassigned after the `WhenAll`
            var nullable = second?.Result; // sync-over-async: no fix for `?.`
            return other + again + (nullable ?? 0);
        }

        public async Task<int> OtherTaskInContinuationAsync(Task<int> first, Task<int> second)
        {
            return await first.ContinueWith(t => t.Result + second.Result); // sync-over-async: only `t` is the antecedent
        }

        private Task<int> PriceAsync() => Task.FromResult(1);
    }
}
