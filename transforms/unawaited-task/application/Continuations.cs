// A dropped ContinueWith registers a callback. In code that returns a task without being async it
// is not reported; in an async method it is reported without a fix: awaiting the continuation
// waits for the task before it, and throws when its options skip it.
using System.Threading.Tasks;

namespace Fixtures.UnawaitedTask.Continuations
{
    public class Harness
    {
        readonly Task _cancelled = Task.Delay(1000);

        public Task<int> Subscribe()
        {
            var source = new TaskCompletionSource<int>();
            _cancelled.ContinueWith(x => source.TrySetCanceled(), TaskContinuationOptions.OnlyOnCanceled); // OK: a callback
            return source.Task;
        }

        public async Task RunAsync()
        {
            _cancelled.ContinueWith(x => x.Exception, TaskContinuationOptions.OnlyOnFaulted); // unawaited-task: no fix
            await Task.Yield();
        }
    }
}
