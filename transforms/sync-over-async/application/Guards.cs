using System;
using System.Linq;
using System.Threading.Tasks;

namespace Guards
{
    public class Service
    {
        private readonly object _gate = new object();

        public async Task<int> InLockAsync()
        {
            lock (_gate)
            {
                return CountAsync().Result; // sync-over-async: `await` is not allowed in `lock`
            }
        }

        public async Task<int> CatchAggregateAsync()
        {
            try
            {
                return CountAsync().Result; // sync-over-async: the catch expects an `AggregateException`
            }
            catch (AggregateException e)
            {
                return e.InnerExceptions.Count;
            }
        }

        public async Task<int> CatchInnerAsync()
        {
            try
            {
                CountAsync().Wait(); // sync-over-async: the catch looks at `InnerException`
                return 0;
            }
            catch (Exception e) when (e.InnerException is TimeoutException)
            {
                return -1;
            }
        }

        public async Task<int> CatchAnythingAsync()
        {
            try
            {
                return CountAsync().GetAwaiter().GetResult(); // sync-over-async: `GetResult` already throws the inner exception
            }
            catch (AggregateException)
            {
                return -1;
            }
        }

        public async Task<bool> FilterAsync()
        {
            try
            {
                return true;
            }
            catch (Exception) when (FlagAsync().Result) // sync-over-async: `await` is not allowed in a filter
            {
                return false;
            }
        }

        public async Task<string> NameofAsync(Task<int> pending) => nameof(pending.Result); // OK: `nameof`

        public async Task<int[]> QueryAsync(Task<int>[] tasks)
        {
            return (from pending in tasks select pending.Result).ToArray(); // OK: range variables have no declared type here
        }

        public async Task<int?> ConditionalAsync(Service other)
        {
            return other?.CountAsync().Result; // OK: conditional access: `await` would throw on null
        }

        public async Task<int> LambdasAsync()
        {
            Func<int> blocking = () => CountAsync().Result; // sync-over-async: the lambda is not async
            Func<Task<int>> asynchronous = async () => CountAsync().Result; // sync-over-async: the lambda is async
            return blocking() + await asynchronous();
        }

        private Task<int> CountAsync() => Task.FromResult(1);

        private Task<bool> FlagAsync() => Task.FromResult(false);
    }
}
