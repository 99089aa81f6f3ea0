// Where a chain cannot go: the method is reported without a fix, or the chain stops at a caller.
using System;
using System.Threading.Tasks;

namespace Fixtures.Stops
{
    // A public method of a type with outside bases may implement an outside interface member.
    public class Widget : IDisposable
    {
        public async Task RefreshAsync() // missing-cancellation (no fix: may implement an outside member)
        {
            await Task.Delay(10);
        }

        public void Dispose()
        {
        }
    }

    public class Jobs
    {
        // Used as a method group: a new parameter would break the delegate.
        public async Task TickAsync() // missing-cancellation (no fix: method group)
        {
            await Task.Delay(10);
        }

        public Func<Task> Tick()
        {
            return TickAsync;
        }

        // Called only from a lambda, which has no token to give: reported without a fix.
        public async Task PollAsync() // missing-cancellation (no fix: no caller has a token)
        {
            await Task.Delay(10);
        }

        public void Start()
        {
            Task.Run(() => PollAsync());
        }

        // An event handler has no token to give, and is not reported.
        public async void OnTimer(object sender, EventArgs e)
        {
            await Task.Delay(10); // OK: event handler
        }

        // Synchronous code that awaits nothing is not reported.
        public void Wait()
        {
            Task.Delay(10).Wait(); // OK: not async
        }
    }
}

namespace Fixtures.Stops.TaskRun
{
    public class Offload
    {
        // A token given to Task.Run would only stop a delegate that has not started: not reported.
        public async Task<int> ComputeAsync()
        {
            return await Task.Run(() => 42); // OK: only Task.Run could take a token
        }
    }
}
