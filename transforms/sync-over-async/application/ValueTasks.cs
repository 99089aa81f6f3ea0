// compile: skip (ValueTask is not in .NET Framework 4.x)
using System.Threading.Tasks;

namespace ValueTasks
{
    public class Reader
    {
        public async Task<int> OnceAsync()
        {
            ValueTask<int> pending = Read();
            return pending.Result; // sync-over-async: read once: fixed
        }

        public async Task<int> TwiceAsync()
        {
            ValueTask<int> pending = Read();
            var first = pending.Result; // sync-over-async: read twice: reported without a fix
            var second = pending.Result; // sync-over-async: read twice: reported without a fix
            return first + second;
        }

        public async Task<int> UnknownKindTwiceAsync()
        {
            var pending = ReadAsync();
            return pending.Result + pending.Result; // sync-over-async: may be a `ValueTask`: reported without a fix
        }

        public async Task<int> TaskTwiceAsync()
        {
            Task<int> pending = Task.FromResult(1);
            return pending.Result + pending.Result; // sync-over-async: a `Task` may be awaited twice
        }

        public async Task<int> DirectAsync() => Read().Result; // sync-over-async: consumed once

        private ValueTask<int> Read() => new ValueTask<int>(1);

        private ValueTask<int> ReadAsync() => new ValueTask<int>(2);
    }
}
