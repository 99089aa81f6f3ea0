// Every exit of the function is an `await` of a task it could return: all of them are fixed together.
using System;
using System.IO;
using System.Threading.Tasks;

namespace Tails
{
    public delegate Task<string> Loader(int id);

    public class Sync
    {
        private readonly Func<Task> _flush;

        public Sync()
        {
            _flush = async () => await SaveAsync("flush"); // redundant-await: a field of a declared delegate type
        }

        public async Task SaveAllAsync(string text)
        {
            Log(text);
            await SaveAsync(text); // redundant-await: a final `await` becomes `return`
        }

        public async Task SaveConfiguredAsync(string text)
        {
            await SaveAsync(text).ConfigureAwait(false); // redundant-await: `ConfigureAwait` goes too
        }

        public async Task<string> ChooseAsync(int id)
        {
            if (id < 0)
            {
                return await LoadAsync(0); // redundant-await: one of three exits
            }
            else if (id == 0)
                return await LoadAsync(1);
            return await LoadAsync(id);
        }

        public async Task BranchAsync(bool remote, string text)
        {
            if (remote)
            {
                Log(text);
                await UploadAsync(text); // redundant-await: both branches end with an `await`
            }
            else
            {
                await SaveAsync(text);
            }
        }

        public async Task EarlyReturnAsync(string text)
        {
            if (text == null)
            {
                await SaveAsync("empty"); // redundant-await: `await …; return;` and the final `await`
                return;
            }
            await SaveAsync(text);
        }

        public async Task<string> SwitchAsync(int kind)
        {
            switch (kind)
            {
                case 0:
                    return await LoadAsync(0); // redundant-await: switch sections
                case 1:
                    throw new ArgumentException("kind");
                default:
                    return await LoadAsync(kind);
            }
        }

        public async Task SwitchBreakAsync(int kind)
        {
            switch (kind)
            {
                case 0:
                    await SaveAsync("zero"); // redundant-await: `await …; break;` ends the method
                    break;
                default:
                    await UploadAsync("other");
                    break;
            }
        }

        public async Task<string> ClosedUsingAsync(string path)
        {
            using (var stream = new MemoryStream())
            {
                Log(stream.Length.ToString());
            }
            return await LoadAsync(path.Length); // redundant-await: the `using` closed before
        }

        public async Task<int> FromResultAsync() => await Task.FromResult(1); // redundant-await: `Task.FromResult(1)` is a `Task<int>`

        public async Task<string> RunAsync() => await Task.Run(() => Describe()); // redundant-await: `Task.Run(() => string)` is a `Task<string>`

        public async Task<string> AwaitedLocalAsync(int id)
        {
            var pending = LoadAsync(id);
            Log("started");
            return await pending; // redundant-await: a local of a known type
        }

        public void Lambdas()
        {
            Func<int, Task<string>> load = async id => await LoadAsync(id); // redundant-await: the delegate type is declared
            Loader loader = async id => await LoadAsync(id + 1); // redundant-await: a workspace delegate type
            Func<Task> save = async delegate { Log("x"); await SaveAsync("x"); }; // redundant-await: an anonymous method
            Register(async id => await LoadAsync(id)); // redundant-await: the parameter type of the only `Register`
            Task.Run(async () => { await SaveAsync("run"); }); // redundant-await: a `Task.Run` block ending in `await`
            Func<Task<object>> boxed = async () => await LoadAsync(2); // OK: the `await` converts `string` to `object`
            Action fire = async () => await SaveAsync("fire"); // OK: `async void`, there is no task to return
            Use(load, loader, save, boxed, fire);
        }

        public async Task MissingElseAsync(bool b)
        {
            if (b)
            {
                await SaveAsync("b"); // OK: when `b` is false the method ends without an `await`
            }
        }

        public async Task<string> PlainReturnAsync(int id)
        {
            if (id < 0)
            {
                return null;
            }
            return await LoadAsync(id); // OK: `return null` would have to become a task
        }

        public async Task SwitchWithoutDefaultAsync(int kind)
        {
            switch (kind)
            {
                case 0:
                    await SaveAsync("zero"); // OK: a kind no section matches ends without an `await`
                    break;
            }
        }

        public async Task<string> LoopAsync(int[] ids)
        {
            foreach (var id in ids)
            {
                return await LoadAsync(id); // OK: inside a loop
            }
            return await LoadAsync(0);
        }

        public async Task<long> WidenedAsync() => await Task.FromResult(1); // OK: the `await` converts `int` to `long`

        public Task FlushAsync() => _flush();

        private void Register(Loader loader)
        {
        }

        private static void Use(params object[] values)
        {
        }

        private string Describe() => "sync";

        private Task<string> LoadAsync(int id) => Task.FromResult(id.ToString());

        private Task SaveAsync(string text) => Task.Delay(text.Length);

        private Task UploadAsync(string text) => Task.Delay(text.Length);

        private static void Log(string text) => Console.WriteLine(text);
    }
}
