using System.Threading.Tasks;

namespace SynchronousPath
{
    // A method written once for both paths: with `async: false` it completes before it returns.
    public class PathReader
    {
        public int Read() => Read(false).GetAwaiter().GetResult(); // OK: the synchronous path of `Read(bool async)`

        public int ReadNamed() => Read(async: false).GetAwaiter().GetResult(); // OK: `async: false` by name

        public int ReadEither(bool schemaOnly)
        {
            return (schemaOnly ? ReadSchema(false) : Read(false)).GetAwaiter().GetResult(); // OK: both branches are synchronous
        }

        public int ReadBlocking() => Read(true).GetAwaiter().GetResult(); // sync-over-async: the asynchronous path blocks

        public Task<int> ReadAsync() => Read(true);

        private async Task<int> Read(bool async)
        {
            if (async)
            {
                await Task.Yield();
            }
            return 1;
        }

        private Task<int> ReadSchema(bool async) => Task.FromResult(0);
    }

    public class Completed
    {
        public async Task<int> EitherAsync(bool first)
        {
            var a = Task.FromResult(1);
            var b = Task.FromResult(2);
            Task.WaitAll(a, b); // sync-over-async
            return (first ? a : b).GetAwaiter().GetResult(); // OK: both have completed
        }
    }
}
