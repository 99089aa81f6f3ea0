// A task dropped in synchronous code loses its exceptions too: reported without a fix (there is
// no `await` to add); in a method that returns a task, the fix makes the method async.
using System.IO;
using System.Threading.Tasks;

namespace Fixtures.UnawaitedTask.SyncCode
{
    public class Saver
    {
        public void Save(Stream stream)
        {
            stream.FlushAsync(); // unawaited-task: synchronous code, no fix
            _ = stream.FlushAsync(); // OK: discarded on purpose
            var pending = stream.FlushAsync(); // OK: stored
            pending.Wait();
        }

        public Task SaveAsync(Stream stream)
        {
            stream.FlushAsync(); // unawaited-task: the method returns a task and becomes async
            return Task.CompletedTask;
        }

        public async Task UseAsync(Stream stream)
        {
            await SaveAsync(stream);
        }
    }
}
