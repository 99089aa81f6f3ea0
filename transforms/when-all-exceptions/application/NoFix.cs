// Reported without a fix: seeing an `AggregateException` would change what the handler does.
using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.WhenAllExceptions.NoFix
{
    public class Fetcher
    {
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

        public async Task ThrowVariableAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks); // when-all-exceptions: no fix, `throw e;` would throw an `AggregateException`
            }
            catch (Exception e)
            {
                Log(e);
                throw e;
            }
        }

        public async Task TypeTestAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks); // when-all-exceptions: no fix, the handler tests the type
            }
            catch (Exception e)
            {
                if (e is TimeoutException)
                {
                    Log(e);
                }
            }
        }

        public async Task CompleteAsync(Task[] tasks, TaskCompletionSource<bool> done)
        {
            try
            {
                await Task.WhenAll(tasks); // when-all-exceptions: no fix, the awaiter of `done` would catch an `AggregateException`
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
