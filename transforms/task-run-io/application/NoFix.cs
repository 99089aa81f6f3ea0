// Reported without a fix: the rewrite would lose something.
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.TaskRunIo.NoFix
{
    public class Service
    {
        public async Task TokenAsync(CancellationToken ct)
        {
            // Dropping `ct` would change when the work is cancelled.
            await Task.Run(() => SaveAsync(ct), ct); // task-run-io: no fix, a token is passed to Task.Run
        }

        public async Task<object> TypeArgumentAsync()
        {
            // `Task.Run<object>` converts the string to object: `await LoadAsync()` would not.
            return await Task.Run<object>(async () => await LoadAsync()); // task-run-io: no fix, a type argument
        }

        public async Task CommentAsync()
        {
            await Task.Run(() => /* keep me */ SaveAsync(CancellationToken.None)); // task-run-io: no fix, a comment
        }

        private Task SaveAsync(CancellationToken ct) => Task.Delay(1, ct);

        private Task<string> LoadAsync() => Task.FromResult("loaded");
    }
}
