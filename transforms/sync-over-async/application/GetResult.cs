using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace GetResult
{
    public class Loader
    {
        public async Task<string> LoadAsync() => GetTextAsync().GetAwaiter().GetResult(); // sync-over-async: safe fix

        public async Task<int> LocalAsync()
        {
            var pending = Task.Run(() => 1);
            return pending.GetAwaiter().GetResult(); // sync-over-async: safe fix
        }

        public async Task<int> LengthAsync() => GetTextAsync().GetAwaiter().GetResult().Length; // sync-over-async: parenthesised

        public async Task ConfiguredAsync()
        {
            GetTextAsync().ConfigureAwait(false).GetAwaiter().GetResult(); // sync-over-async: unsafe, the context changes
        }

        public async Task UnknownAwaitableAsync(YieldAwaitable yielding)
        {
            yielding.GetAwaiter().GetResult(); // sync-over-async: a custom awaitable: its `GetResult()` is its own, so the fix is unsafe
        }

        public async Task ThreadAffineAsync(object gate)
        {
            Monitor.Enter(gate);
            try
            {
                GetTextAsync().GetAwaiter().GetResult(); // sync-over-async: unsafe, `Monitor` needs the same thread
            }
            finally
            {
                Monitor.Exit(gate);
            }
        }

        public string Result(Loader other) => other.GetAwaiterLike().GetResult(); // OK: no `GetAwaiter()`

        private Task<string> GetTextAsync() => Task.FromResult("text");

        private Loader GetAwaiterLike() => this;

        private string GetResult() => "result";
    }
}
