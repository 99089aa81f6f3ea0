// `Task.Run` and `Task.Factory.StartNew` statements start background work: reported, not fixed.
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.UnawaitedTask.Background
{
    public class Pump
    {
        private readonly object _lock = new object();

        public async Task StartAsync(CancellationToken ct)
        {
            Task.Run(() => LoopAsync(ct)); // unawaited-task: no fix, background work
            Task.Factory.StartNew(() => Loop(ct)); // unawaited-task: no fix
            _ = Task.Run(() => LoopAsync(ct)); // OK: explicitly discarded
            await Task.Yield();
        }

        public void Start(CancellationToken ct)
        {
            Task.Run(() => LoopAsync(ct)); // OK: sync code starts background work on purpose
        }

        public async Task LockedAsync()
        {
            lock (_lock)
            {
                Task.Delay(10); // unawaited-task: no fix, `await` is not allowed in `lock`
            }
            await Task.Yield();
        }

        private async Task LoopAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(1000, ct);
            }
        }

        private void Loop(CancellationToken ct)
        {
        }
    }
}
