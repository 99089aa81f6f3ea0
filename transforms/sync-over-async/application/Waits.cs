using System;
using System.Threading;
using System.Threading.Tasks;

namespace Waits
{
    public class Worker
    {
        public async Task WaitAsync()
        {
            var delay = Task.Delay(10);
            delay.Wait(); // sync-over-async: `await delay;`
            Task.Run(() => Console.WriteLine("work")).Wait(); // sync-over-async
            SaveAsync().Wait(); // sync-over-async
        }

        public async Task TimeoutsAsync(CancellationToken token)
        {
            var delay = Task.Delay(10);
            delay.Wait(1000); // sync-over-async: a timeout: reported without a fix
            delay.Wait(TimeSpan.FromSeconds(1)); // sync-over-async: a timeout: reported without a fix
            if (delay.Wait(5)) // sync-over-async: its value is used
            {
                Console.WriteLine("done");
            }
            delay.Wait(token); // sync-over-async: a token: reported without a fix
            delay.Wait(); // OK: `Wait(token)` returned: the task has completed
        }

        public async Task NotTasksAsync(SemaphoreSlim semaphore, Barrier barrier, ManualResetEventSlim signal, object gate)
        {
            semaphore.Wait(); // OK: a semaphore, not a task
            signal.Wait(); // OK: not a task
            barrier.SignalAndWait(); // OK: not a task
            Monitor.Wait(gate); // OK: `Monitor.Wait` is not a task
            await Task.Yield();
        }

        private Task SaveAsync() => Task.Delay(1);
    }
}
