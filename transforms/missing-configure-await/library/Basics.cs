// Awaits of tasks in ordinary async methods of a library: each one gets `.ConfigureAwait(false)`.
using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.Basics
{
    public class ReportClient
    {
        private readonly HttpClient _http = new HttpClient();
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);
        private readonly Task<int> _warmUp = Task.FromResult(0);

        public async Task SaveAsync(Stream output, byte[] data)
        {
            await output.WriteAsync(data, 0, data.Length); // missing-configure-await
            await output.FlushAsync(); // missing-configure-await
        }

        public async Task<string> DownloadAsync(string url)
        {
            var response = await _http.GetAsync(url); // missing-configure-await
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(); // missing-configure-await: in a return statement
        }

        public async Task<int> LengthAsync(string url)
        {
            // An await in an argument, and one nested in the argument of another await.
            var length = Measure(await DownloadAsync(url)); // missing-configure-await: argument
            await Task.Delay(await LengthOfAsync(url)); // missing-configure-await: both awaits
            return length;
        }

        public async Task<int> LengthOfAsync(string url) => (await DownloadAsync(url)).Length; // missing-configure-await: expression-bodied

        public async Task<bool> IsEmptyAsync(string url)
        {
            if (string.IsNullOrEmpty(await DownloadAsync(url))) // missing-configure-await: condition
            {
                return true;
            }
            return !await ExistsAsync(url); // missing-configure-await: operand of `!`
        }

        public async Task<string> DescribeAsync(string url)
        {
            var text = $"{url}: {await LengthOfAsync(url)} characters"; // missing-configure-await: interpolation
            return text + await DownloadAsync(url); // missing-configure-await: operand of `+`
        }

        public async Task<int> FieldsAndGenericsAsync()
        {
            var warm = await _warmUp; // missing-configure-await: a field of type Task<int>
            var value = await Task.FromResult<int>(warm); // missing-configure-await: generic method
            var tasks = new[] { Task.FromResult(1), Task.FromResult(2) };
            var first = await tasks[0]; // missing-configure-await: element access
            var all = await Task.WhenAll(tasks); // missing-configure-await
            return value + first + all.Length + await this.LengthOfAsync("x"); // missing-configure-await: `this.`
        }

        public async Task LockedAsync()
        {
            await _gate.WaitAsync(); // missing-configure-await
            try
            {
                using (var stream = await OpenAsync()) // missing-configure-await: using resource
                {
                    await stream.FlushAsync(); // missing-configure-await
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task<string> MultiLineAsync(string url)
        {
            return await _http // missing-configure-await: reported where the `await` starts
                .GetStringAsync(url);
        }

        public async Task<string> ConditionalAsync(bool cached, string url)
        {
            return cached ? await ReadCacheAsync(url) : await DownloadAsync(url); // missing-configure-await: both branches
        }

        private static Task<Stream> OpenAsync() => Task.FromResult<Stream>(new MemoryStream());

        private static Task<string> ReadCacheAsync(string url) => Task.FromResult(url);

        private static Task<bool> ExistsAsync(string url) => Task.FromResult(url.Length > 0);

        private static int Measure(string text) => text.Length;

        // Not async: returning the task is not awaiting it.
        public Task<string> ForwardAsync(string url) => DownloadAsync(url); // OK: no await
    }
}
