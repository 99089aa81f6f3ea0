// Reported without a fix: running the handler once per failure would change what it does.
using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.WhenAllExceptions.NoFix
{
    public class Fetcher
    {
        private string _status;

        public async Task RethrowAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks); // when-all-exceptions: no fix, the handler rethrows
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
                await Task.WhenAll(tasks); // when-all-exceptions: no fix, several statements
                return true;
            }
            catch (Exception e)
            {
                Log(e);
                return false;
            }
        }

        public async Task AssignAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks); // when-all-exceptions: no fix, only the last would be kept
            }
            catch (Exception e)
            {
                _status = e.Message;
            }
        }

        public async Task TypedAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks); // when-all-exceptions: no fix, a typed catch
            }
            catch (HttpRequestException e)
            {
                Log(e);
            }
        }

        public async Task FilterAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks); // when-all-exceptions: no fix, a filter
            }
            catch (Exception e) when (e is TimeoutException)
            {
                Log(e);
            }
        }

        public async Task<int[]> ResultAsync(Task<int>[] tasks)
        {
            try
            {
                var results = await Task.WhenAll(tasks); // when-all-exceptions: no fix, the result is used
                return results;
            }
            catch (Exception e)
            {
                Log(e);
                return new int[0];
            }
        }

        public async Task CompleteAsync(Task[] tasks, TaskCompletionSource<bool> done)
        {
            try
            {
                await Task.WhenAll(tasks); // when-all-exceptions: no fix, SetException runs once only
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }

        public async Task TwiceAsync(Task[] first, Task[] second)
        {
            try
            {
                await Task.WhenAll(first); // when-all-exceptions: no fix, two WhenAll
                await Task.WhenAll(second); // OK: only the first is reported
            }
            catch (Exception e)
            {
                Log(e);
            }
        }

        public async Task EmbeddedAsync(bool enabled, Task[] tasks)
        {
            if (enabled)
                try
                {
                    await Task.WhenAll(tasks); // when-all-exceptions: no fix, not a statement of a block
                }
                catch (Exception e)
                {
                    Log(e);
                }
        }

        private static void Log(Exception e) => Console.WriteLine(e);
    }
}
