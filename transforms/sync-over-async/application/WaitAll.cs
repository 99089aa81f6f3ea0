using System.Threading;
using System.Threading.Tasks;

namespace WaitAll
{
    public class Batch
    {
        public async Task AllAsync()
        {
            var first = Task.Delay(1);
            var second = Task.Delay(2);
            Task.WaitAll(first, second); // sync-over-async: `await Task.WhenAll(first, second);`
        }

        public async Task ArrayAsync(Task[] tasks)
        {
            Task.WaitAll(tasks); // sync-over-async
            System.Threading.Tasks.Task.WaitAll(tasks); // sync-over-async: qualified
        }

        public async Task TimeoutAsync(Task[] tasks, CancellationToken token)
        {
            Task.WaitAll(tasks, 1000); // sync-over-async: a timeout: reported without a fix
            Task.WaitAll(tasks, token); // sync-over-async: a token: reported without a fix
        }

        public async Task AnyAsync(Task[] tasks)
        {
            Task.WaitAny(tasks); // sync-over-async: the index is unused
        }

        public async Task<int> AnyIndexAsync(Task[] tasks)
        {
            var index = Task.WaitAny(tasks); // sync-over-async: the index is used: reported without a fix
            return index;
        }
    }
}
