using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Lambdas
{
    public class Jobs
    {
        public Task<string> RunAsync() => Task.Run(async () => await LoadAsync()); // redundant-await: `Task.Run(() => LoadAsync())`

        public Task<string> RunBlockAsync()
        {
            return Task.Run(async () =>
            {
                return await LoadAsync(); // redundant-await: a block body
            });
        }

        public Task RunWithTokenAsync(CancellationToken token)
        {
            return Task.Run(async () => await SaveAsync().ConfigureAwait(false), token); // redundant-await
        }

        public Task<string> OutsideAsync(HttpClient http)
        {
            return Task.Run(async () => await http.GetStringAsync("https://example.com")); // redundant-await: known to be a `Task<string>`, not a `ValueTask`
        }

        public void Delegates()
        {
            Func<Task<string>> load = async () => await LoadAsync(); // redundant-await: the variable declares the delegate type
            Task.Factory.StartNew(async () => await SaveAsync()); // OK: `StartNew` would wrap differently
            Task.Run(async () => { await SaveAsync(); }); // redundant-await: a block that ends with its only `await`
        }

        private Task<string> LoadAsync() => Task.FromResult("text");

        private Task SaveAsync() => Task.Delay(1);
    }
}
