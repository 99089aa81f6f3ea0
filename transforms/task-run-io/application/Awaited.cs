// `await Task.Run(…)` around a call that is already asynchronous: the call is awaited directly.
using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.TaskRunIo.Awaited
{
    public class Downloader
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<string> ExpressionLambdaAsync(string url)
        {
            return await Task.Run(() => _http.GetStringAsync(url)); // task-run-io
        }

        public async Task AsyncLambdaAsync(string path)
        {
            await Task.Run(async () => await SaveAsync(path)); // task-run-io: `async () => await F()`
        }

        public async Task BlockLambdaAsync(string path)
        {
            await Task.Run(async () => { await SaveAsync(path); }); // task-run-io: one-statement block
        }

        public async Task<int> ReturnBlockAsync()
        {
            var count = await Task.Run(() => { return CountAsync(); }); // task-run-io: `() => { return F(); }`
            return count + await Task.Run(async () => { return await CountAsync(); }); // task-run-io
        }

        public async Task InnerConfigureAwaitAsync(string path)
        {
            // The inner `.ConfigureAwait` only configured the lambda's own await: it goes away.
            await Task.Run(async () => await SaveAsync(path).ConfigureAwait(false)); // task-run-io
        }

        public async Task OuterConfigureAwaitAsync(string path)
        {
            // The outer `.ConfigureAwait(false)` is kept on the direct await.
            await Task.Run(() => SaveAsync(path)).ConfigureAwait(false); // task-run-io
            await Task.Run(async () => await SaveAsync(path).ConfigureAwait(false)).ConfigureAwait(false); // task-run-io
        }

        public async Task WorkspaceMethodAsync()
        {
            // Not named `…Async`, but declared in the workspace to return a task.
            await Task.Run(() => Flush()); // task-run-io: a workspace method returning `Task`
            await System.Threading.Tasks.Task.Run(() => Task.Delay(10)); // task-run-io: qualified `Task`
        }

        public async Task<byte[]> StreamAsync(Stream stream, byte[] buffer)
        {
            await Task.Run(() => stream.ReadAsync(buffer, 0, buffer.Length)); // task-run-io
            return buffer;
        }

        private Task SaveAsync(string path) => Task.Delay(path.Length);

        private Task<int> CountAsync() => Task.FromResult(3);

        private Task Flush() => Task.CompletedTask;
    }
}
