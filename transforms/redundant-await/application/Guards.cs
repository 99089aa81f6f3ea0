using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Guards
{
    public class Base
    {
    }

    public class Derived : Base
    {
    }

    public class Store
    {
        public Task<object> ReadAsync(string key) => Task.FromResult<object>(key);
    }

    public interface IStore
    {
        Task<string> ReadAsync(string key);
    }

    public class Consumer
    {
        public Consumer(IStore store)
        {
            Store = store;
        }

        // A property named like the `Store` class: `Store.ReadAsync` is `IStore.ReadAsync`, not the
        // `Task<object>` of `Store.ReadAsync`.
        private IStore Store { get; }

        public async Task<object> ReadAsync() => await Store.ReadAsync("key"); // OK: `IStore.ReadAsync` returns a `Task<string>`: the `await` converts it
    }

    public class Service
    {
        private readonly HttpClient _http = new HttpClient();
        private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1);

        public async Task<string> TryAsync()
        {
            try
            {
                return await LoadAsync(); // OK: inside `try`
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        public async Task<string> UsingAsync()
        {
            using (var stream = new MemoryStream())
            {
                return await LoadAsync(); // OK: inside `using`: disposed before the task completes
            }
        }

        public async Task<string> TwoAwaitsAsync()
        {
            await SaveAsync();
            return await LoadAsync(); // OK: another `await` before
        }

        public async Task<string> OtherReturnAsync(int id)
        {
            if (id < 0)
            {
                return null;
            }
            return await LoadAsync(); // OK: another `return` would need a task too
        }

        public async Task<string> NotReturnedAsync()
        {
            var text = await LoadAsync(); // OK: the result is used
            return text.Trim();
        }

        public async void FireAndForget() => await SaveAsync(); // OK: `async void`

        public async Task<Base> BaseTypeAsync() => await CreateAsync(); // OK: the `await` converts `Derived` to `Base`

        public async Task<IEnumerable<string>> SequenceAsync() => await ListAsync(); // OK: `Task<List<string>>` is not a `Task<IEnumerable<string>>`

        public async Task<int> FactoryAsync() => await Task.FromResult(1); // redundant-await: `Task.FromResult(1)` is a `Task<int>`

        public async Task<string> OutsideApiAsync() => await _http.GetStringAsync("https://example.com"); // redundant-await: `HttpClient.GetStringAsync` is known to return `Task<string>`

        public async Task<string> ThroughParameterAsync(Service other) => await other.LoadAsync(); // redundant-await: a parameter of a workspace type

        public async Task<string> ThroughDelegateAsync(Func<Task<string>> load) => await load(); // redundant-await: a `Func<Task<string>>` delegate

        public async Task<string> ArgumentCheckedAsync(string key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }
            return await LoadAsync(); // redundant-await: the exception would be thrown before a task is returned: unsafe fix
        }

        public async Task<string> CommentedAsync() => await /* keep */ LoadAsync(); // redundant-await: the comment would be lost: no fix

        public async Task<string> LockedAsync()
        {
            await _semaphore.WaitAsync();
            _semaphore.Release();
            return await LoadAsync(); // OK: two awaits
        }

        public Task<string> LoadAsync() => Task.FromResult("text");

        public Task SaveAsync() => Task.Delay(1);

        public Task<Derived> CreateAsync() => Task.FromResult(new Derived());

        public Task<List<string>> ListAsync() => Task.FromResult(new List<string>());
    }
}
