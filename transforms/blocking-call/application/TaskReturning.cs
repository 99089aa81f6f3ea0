// A method or lambda that returns a task without being `async` is async code: a blocking call
// there blocks the thread of the caller that awaits it. The fix makes it `async` where it stands
// (same signature) and rewrites its returns.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace BlockingCall.TaskReturning
{
    public class Reports
    {
        public Task<int> CountAsync(StreamReader reader)
        {
            var text = reader.ReadToEnd(); // blocking-call: `Task.FromResult(x)` becomes `x`
            return Task.FromResult(text.Length);
        }

        public Task SaveAsync(Stream stream, byte[] data)
        {
            if (data == null)
            {
                return Task.CompletedTask;
            }
            stream.Write(data, 0, data.Length); // blocking-call: `return Task.CompletedTask;` becomes `return;`
            return Task.CompletedTask;
        }

        public Task<string> ReadAsync(StreamReader reader) => Task.FromResult(reader.ReadToEnd()); // blocking-call: an expression body

        public Task PauseAsync()
        {
            Thread.Sleep(0); // OK: a zero timeout returns at once
            Thread.Sleep(100); // blocking-call: becomes `await Task.Delay(100)`
            return Task.CompletedTask;
        }

        public Task<int> TryCount(StreamReader reader, out int length)
        {
            length = reader.ReadToEnd().Length; // blocking-call: no fix, an async method cannot have `out` parameters
            return Task.FromResult(length);
        }

        public Func<Task<string>> Reader(StreamReader reader)
        {
            Func<Task<string>> read = () => Task.FromResult(reader.ReadToEnd()); // blocking-call: a lambda converted to a task delegate
            return read;
        }

        public int Length(StreamReader reader)
        {
            return reader.ReadToEnd().Length; // OK: synchronous code may block
        }

        public async Task UseAsync(StreamReader reader, Stream stream)
        {
            await CountAsync(reader);
            await SaveAsync(stream, null);
            await ReadAsync(reader);
            await PauseAsync();
        }
    }
}
