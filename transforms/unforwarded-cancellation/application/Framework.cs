// .NET APIs that take a CancellationToken (transforms/knowledge/cancellation.txt), recognised by
// the declared type of their receiver or by their static type: the token in scope is passed on.
using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.Framework
{
    public class Downloader
    {
        private readonly HttpClient _http = new HttpClient();
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

        public HttpClient Client { get; set; }

        public async Task<HttpResponseMessage> GetAsync(string url, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(); // unforwarded-cancellation: a field
            try
            {
                return await _http.GetAsync(url); // unforwarded-cancellation
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task SendAsync(Uri uri, HttpContent content, CancellationToken ct)
        {
            await Client.PostAsync(uri, content); // unforwarded-cancellation: a property
            await this._http.PutAsync(uri, content); // unforwarded-cancellation: `this.`
            var request = new HttpRequestMessage(HttpMethod.Delete, uri);
            await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead); // unforwarded-cancellation: after two arguments
        }

        public async Task<int> WaitAsync(TimeSpan delay, CancellationToken ct)
        {
            await Task.Delay(delay); // unforwarded-cancellation: a static method
            await System.Threading.Tasks.Task.Delay(100); // unforwarded-cancellation: a qualified type
            await _gate.WaitAsync(1000); // unforwarded-cancellation: after the timeout
            return await Task.Run(() => 42); // unforwarded-cancellation
        }

        public async Task CopyAsync(Stream source, FileStream target, CancellationToken ct)
        {
            var buffer = new byte[4096];
            int read;
            while ((read = await source.ReadAsync(buffer, 0, buffer.Length)) > 0) // unforwarded-cancellation
            {
                await target.WriteAsync(buffer, 0, read); // unforwarded-cancellation: a FileStream is a Stream
            }
            await target.FlushAsync(); // unforwarded-cancellation
            await source.CopyToAsync(target, 81920); // unforwarded-cancellation: with a buffer size
        }

        public async Task MultiLineAsync(string url, CancellationToken ct)
        {
            // The finding starts at the method name; the token goes after the last argument.
            var response = await _http
                .GetAsync( // unforwarded-cancellation
                    url);
            response.Dispose();
        }

        public async Task AlreadyPassedAsync(string url, CancellationToken ct, CancellationTokenSource source)
        {
            await _http.GetAsync(url, ct); // OK: passed
            await Task.Delay(100, ct); // OK: passed
            await _gate.WaitAsync(ct); // OK: the only argument is the token
            await _gate.WaitAsync(source.Token); // OK: another token is passed
            await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct); // OK: passed last
        }

        public async Task InferredReceiversAsync(string url, CancellationToken ct)
        {
            await CreateClient().GetAsync(url); // unforwarded-cancellation: `CreateClient()` is declared to return an `HttpClient`
            var client = CreateClient();
            await client.GetAsync(url); // unforwarded-cancellation: `var` from a call of known type
            await new HttpClient().GetAsync(url); // unforwarded-cancellation: a new object
        }

        public async Task NotInTheKnowledgeBaseAsync(Stream stream, CancellationToken ct)
        {
            await Task.Yield(); // OK: no token overload
            await Task.WhenAll(Task.Delay(1, ct)); // OK: WhenAll takes no token
            stream.Flush(); // OK: synchronous, no token overload
        }

        public async Task LambdasAsync(string[] urls, CancellationToken ct)
        {
            // A lambda may run after the method returned: its calls get the lambda's own token only.
            await Task.WhenAll(urls.Select(async url => await _http.GetAsync(url))); // OK: in a lambda
            Func<CancellationToken, Task> typed = async (CancellationToken token) => await Task.Delay(10); // unforwarded-cancellation: the lambda's token
            Func<Task> untyped = delegate { return Task.Delay(10); }; // OK: an anonymous method without a token
            await typed(ct);
            await untyped();
        }

        public async Task WithoutTokenAsync(string url)
        {
            await _http.GetAsync(url); // OK: no token in scope
        }

        private static HttpClient CreateClient() => new HttpClient();
    }
}
