using System;
using System.Threading;
using System.Threading.Tasks;

namespace BlockingCall.Sleep
{
    public class Poller
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

        public async Task PollAsync()
        {
            Thread.Sleep(100); // blocking-call
            System.Threading.Thread.Sleep(TimeSpan.FromSeconds(1)); // blocking-call: qualified
            await Task.Yield();
        }

        public async Task<int> WaitForGateAsync()
        {
            _gate.Wait(); // blocking-call
            if (!_gate.Wait(10)) // blocking-call: inside a condition
            {
                return 0;
            }
            _gate.Release(); // OK: no async twin
            return 1;
        }

        public void Poll()
        {
            Thread.Sleep(100); // OK: not async code
        }

        public async Task RunAllAsync()
        {
            Action work = () => Thread.Sleep(10); // OK: a synchronous lambda runs synchronously
            await Task.Run(work);
            Func<Task> later = async () =>
            {
                Thread.Sleep(10); // blocking-call: in an async lambda
                await Task.Yield();
            };
            await later();
        }

        public async Task LockedAsync()
        {
            lock (_gate)
            {
                Thread.Sleep(10); // blocking-call: reported without a fix in a lock body
            }
            await Task.Yield();
        }

        public async Task AlreadyAsync()
        {
            await Task.Delay(10); // OK: already the twin
        }
    }
}
