using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncWithoutAwait.Blocking
{
    public class Worker
    {
        private readonly object _gate = new object();

        public async Task PauseAsync() // async-without-await: alone, it removes `async`; with blocking-call, whose fix goes first, it finds nothing
        {
            Thread.Sleep(10);
        }

        public async Task<string> ReadAsync(string path) // async-without-await: alone, it returns `Task.FromResult`; with blocking-call, `await` wins
        {
            using (var reader = new StreamReader(path))
            {
                return reader.ReadToEnd();
            }
        }

        public async Task LockedAsync() // async-without-await: the blocking call in a lock has no async fix
        {
            lock (_gate)
            {
                Thread.Sleep(10);
            }
        }

        public async Task InMemoryAsync(byte[] buffer) // async-without-await: a MemoryStream does no I/O
        {
            var memory = new MemoryStream();
            memory.Write(buffer, 0, buffer.Length);
        }
    }
}
