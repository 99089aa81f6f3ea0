using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace Results
{
    public class Response
    {
        public string Result { get; set; }
    }

    public class Client
    {
        private readonly HttpClient _http = new HttpClient();
        private readonly Task<string> _warmUp = Task.FromResult("ready");

        private Task<int> Pending { get; set; }

        public async Task<int> LengthAsync(string url)
        {
            var body = _http.GetStringAsync(url).Result; // sync-over-async: the receiver is an `…Async` call
            return body.Length;
        }

        public async Task<string> FieldAsync()
        {
            return _warmUp.Result; // sync-over-async: a field declared as a task
        }

        public async Task<string> ThisFieldAsync()
        {
            return this._warmUp.Result; // sync-over-async: `this.` and a field declared as a task
        }

        public async Task<int> PropertyAsync() => Pending.Result; // sync-over-async: a property declared as a task

        public async Task<string> ParameterAsync(Task<string> pending)
        {
            return pending.Result; // sync-over-async: a parameter declared as a task
        }

        public async Task<int> LocalsAsync()
        {
            var started = Task.Run(() => 42);
            Task<int> typed = ComputeAsync();
            return started.Result + typed.Result; // sync-over-async: two findings
        }

        public async Task<int> WorkspaceMethodAsync()
        {
            return Compute().Result; // sync-over-async: a workspace method declared to return `Task<int>`
        }

        public async Task<string> NotTasksAsync(Response response, Match match)
        {
            var validation = new Response();
            var replaced = match.Result("$1"); // OK: `Match.Result(…)` is a method
            return response.Result + validation.Result + replaced; // OK: no evidence that these are tasks
        }

        public async Task<string> AwaitedResponseAsync()
        {
            var response = await FetchAsync();
            return response.Result; // OK: `response` holds the awaited value, not a task
        }

        public async Task<int> UnknownLocalAsync(object source)
        {
            dynamic pending = source;
            return pending.Result; // OK: `dynamic`: no evidence
        }

        public async Task<int> AfterWhenAllAsync()
        {
            var first = ComputeAsync();
            var second = ComputeAsync();
            await Task.WhenAll(first, second);
            return first.Result + second.Result; // OK: both tasks have completed
        }

        public async Task<int> AfterAwaitAsync()
        {
            var pending = ComputeAsync();
            var value = await pending;
            return value + pending.Result; // OK: awaited before
        }

        public int AfterTokenWait(Task<int> task, CancellationToken token)
        {
            task.Wait(token); // sync-over-async: blocks in synchronous code
            return task.Result; // OK: `Wait(token)` returned, so the task has completed
        }

        public int Completed(Task<int> task)
        {
            return task.IsCompleted ? task.Result : 0; // OK: tested for completion
        }

        public Task<int> Continuation(Task<int> task)
        {
            return task.ContinueWith((Task<int> done) => done.Result + 1); // OK: a continuation runs after completion
        }

        private Task<Response> FetchAsync() => Task.FromResult(new Response());

        private Task<int> Compute() => Task.FromResult(1);

        private Task<int> ComputeAsync() => Task.FromResult(2);
    }
}
