// A call whose task is dropped inside async code: the fix awaits it.
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.UnawaitedTask.Dropped
{
    public interface IRepository
    {
        Task SaveAsync(string item);

        int Count();
    }

    public class Service
    {
        private readonly HttpClient _http = new HttpClient();
        private readonly IRepository _repository;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

        public Service(IRepository repository)
        {
            _repository = repository;
        }

        private Stream Output { get; set; }

        public async Task SaveAllAsync(string item)
        {
            SaveLocallyAsync(item); // unawaited-task: a workspace method
            this.SaveLocallyAsync(item); // unawaited-task: `this.` call
            Audit(item); // unawaited-task: named without `Async`, declared to return a task
            _repository.SaveAsync(item); // unawaited-task: a field of a workspace interface type
            Task.Delay(100); // unawaited-task: a well-known API
            _gate.WaitAsync(); // unawaited-task: `SemaphoreSlim.WaitAsync`
            await Task.Delay(1); // OK: awaited
        }

        public async Task CopyAsync(Stream input, string url)
        {
            input.CopyToAsync(Output); // unawaited-task: a parameter of type `Stream`
            Output.FlushAsync(); // unawaited-task: a property of type `Stream`
            _http.GetStringAsync(url); // unawaited-task: a field of type `HttpClient`
            var reader = new StreamReader(input);
            reader.ReadToEndAsync(); // unawaited-task: `var x = new StreamReader(…)`
            await input.FlushAsync(); // OK: awaited
        }

        public async Task<int> KeptAsync(string item)
        {
            _ = SaveLocallyAsync(item); // OK: explicitly discarded
            var pending = SaveLocallyAsync(item); // OK: stored
            await pending;
            return _repository.Count(); // OK: not a task
        }

        public async Task LambdasAsync(string item)
        {
            System.Func<Task> later = async () =>
            {
                SaveLocallyAsync(item); // unawaited-task: inside an async lambda
            };
            System.Action now = () =>
            {
                SaveLocallyAsync(item); // unawaited-task: a lambda that is not async (no fix)
            };
            await later();
            now();
        }

        public void Synchronous(string item)
        {
            SaveLocallyAsync(item); // unawaited-task: sync code has no `await`, but the exceptions are lost (no fix)
        }

        public async void OnClick(object sender, System.EventArgs e)
        {
            SaveLocallyAsync("clicked"); // unawaited-task: also in `async void`
        }

        private Task SaveLocallyAsync(string item) => Task.Delay(item.Length);

        private Task<bool> Audit(string item) => Task.FromResult(item != null);
    }
}
