// Whatever the handler does, it keeps its own code and sees every failure: when several tasks
// failed, its variable holds the `AggregateException` of `Task.WhenAll`.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Fixtures.WhenAllExceptions.Whatever
{
    public class Fetcher
    {
        private string _status;
        private bool _failed;

        public async Task RethrowAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks); // when-all-exceptions: `throw;` still rethrows the failure caught
            }
            catch (Exception e)
            {
                Log(e);
                throw;
            }
        }

        public async Task<bool> ReturnAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks); // when-all-exceptions: several statements, a `return`
                return true;
            }
            catch (Exception e)
            {
                Log(e);
                _failed = true;
                return false;
            }
        }

        public async Task AssignAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks); // when-all-exceptions: the message of every failure
            }
            catch (Exception e)
            {
                _status = e.Message;
            }
        }

        public async Task FilterAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks); // when-all-exceptions: the filter decides on the first failure, as before
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                Log(e);
            }
        }

        public async Task<int[]> ResultAsync(IEnumerable<Task<int>> tasks)
        {
            try
            {
                var results = await Task.WhenAll(tasks).ConfigureAwait(false); // when-all-exceptions: the result is used
                return results;
            }
            catch (Exception e)
            {
                Log(e);
                return new int[0];
            }
        }

        public async Task<string[]> ReturnedAsync(IEnumerable<string> urls)
        {
            try
            {
                return await Task.WhenAll(urls.Select(FetchAsync)); // when-all-exceptions: `return await`
            }
            catch (Exception e)
            {
                // Reported, then an empty answer.
                Log(e);
                return new string[0];
            }
        }

        public async Task NestedAsync(Task[] first, Task second)
        {
            try
            {
                await Task.WhenAll(Task.WhenAll(first), second); // when-all-exceptions: the inner failures are in the outer task
            }
            catch (Exception e) { Log(e); _failed = true; }
        }

        private Task<string> FetchAsync(string url) => Task.FromResult(url);

        private static void Log(Exception e) => Console.WriteLine(e);
    }
}
