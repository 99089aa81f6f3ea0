// `Task.Run(…)` returned from a method that is not `async`: the call's own task is returned.
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.TaskRunIo.Returned
{
    public class Client
    {
        private readonly HttpClient _http = new HttpClient();

        public Task<string> GetAsync(string url)
        {
            return Task.Run(() => _http.GetStringAsync(url)); // task-run-io: `return Task.Run(…)`
        }

        public Task<string> GetBodyAsync(string url) => Task.Run(async () => await _http.GetStringAsync(url)); // task-run-io: expression body

        public Task Ping => Task.Run(() => Task.Delay(1)); // task-run-io: expression-bodied property

        public Task Pong
        {
            get { return Task.Run(() => Task.Delay(2)); } // task-run-io: getter
        }

        public async Task<Task> NestedAsync()
        {
            // In an `async` method `return Task.Run(…)` makes a `Task<Task>`: another pattern.
            return Task.Run(() => Task.Delay(1)); // OK: returned from an async method
        }

        public Task<string> ThroughLambda(string url)
        {
            System.Func<Task<string>> start = () => Task.Run(() => _http.GetStringAsync(url)); // OK: a lambda's body
            return start();
        }
    }
}
