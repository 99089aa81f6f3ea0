// Methods of the workspace: an optional token parameter the call leaves out, or an overload with
// the same parameters plus a token (the CA2016 rules). Where overloads make the binding unclear,
// nothing is changed.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.Workspace
{
    public interface IRepository
    {
        Task SaveAsync(string item, CancellationToken cancellationToken = default(CancellationToken));
    }

    public static class Helpers
    {
        public static Task PingAsync(CancellationToken cancellationToken = default(CancellationToken)) => Task.FromResult(0);

        // A workspace `ToListAsync` without a token: the call binds to it, not to EF Core's.
        public static Task<List<T>> ToListAsync<T>(this IEnumerable<T> source) => Task.FromResult(source.ToList());
    }

    public class Service
    {
        private readonly IRepository _repository;

        public Service(IRepository repository)
        {
            _repository = repository;
        }

        public Task<int> CountAsync(string filter, CancellationToken cancellationToken = default(CancellationToken)) => Task.FromResult(filter.Length);

        public Task<string> LoadAsync(string id) => LoadAsync(id, CancellationToken.None); // OK: no token in scope

        public Task<string> LoadAsync(string id, CancellationToken cancellationToken) => Task.FromResult(id);

        public Task StoreAsync(string id, bool overwrite = false, CancellationToken token = default(CancellationToken)) => Task.FromResult(overwrite);

        public Task SendAsync(int id) => SendAsync(id, CancellationToken.None);

        public Task SendAsync(string id) => SendAsync(id, CancellationToken.None);

        public Task SendAsync(int id, CancellationToken cancellationToken) => Task.FromResult(id);

        public Task SendAsync(string id, CancellationToken cancellationToken) => Task.FromResult(id);

        public virtual async Task RunAsync(string id, CancellationToken ct)
        {
            await CountAsync(id); // unforwarded-cancellation: an optional token
            await this.LoadAsync(id); // unforwarded-cancellation: an overload with a token
            await _repository.SaveAsync(id); // unforwarded-cancellation: an interface method
            await StoreAsync(id); // unforwarded-cancellation: by name, an optional parameter comes first
            await StoreAsync(id, true); // unforwarded-cancellation: positional
            await StoreAsync(id, overwrite: true); // unforwarded-cancellation: by name, the call names an argument
            await Helpers.PingAsync(); // unforwarded-cancellation: a static method of a workspace type
            await SendAsync(id); // unforwarded-cancellation: each overload it may bind to has a token twin
        }

        public async Task AlreadyPassedAsync(string id, CancellationToken ct)
        {
            await CountAsync(id, ct); // OK: passed
            await CountAsync(id, cancellationToken: ct); // OK: passed by name
            await StoreAsync(id, token: ct); // OK: passed by name
        }

        public async Task<List<string>> NotEfCoreAsync(IEnumerable<string> items, CancellationToken ct)
        {
            return await items.ToListAsync(); // OK: the workspace's own ToListAsync takes no token
        }
    }

    public class Overloads
    {
        public Task<int> FindAsync(string key) => Task.FromResult(0);

        public Task<int> FindAsync(string key, int limit, CancellationToken cancellationToken) => Task.FromResult(limit);

        public string Read(string path) => path;

        public Task<string> Read(string path, CancellationToken cancellationToken) => Task.FromResult(path);

        public void Log(string format, params object[] args) { }

        public void Log(string format, CancellationToken cancellationToken) { }

        public Task PutAsync(int value) => Task.FromResult(value);

        public Task PutAsync(string value) => Task.FromResult(value);

        public Task PutAsync(int value, CancellationToken cancellationToken) => Task.FromResult(value);

        public Task PollAsync() => PollAsync(CancellationToken.None);

        public async Task PollAsync(CancellationToken ct)
        {
            await FindAsync("a"); // OK: the token overload has other parameters too
            Read("b"); // OK: the token overload returns another type
            Log("c"); // OK: a params array would take the token as an element
            await PutAsync(1); // OK: PutAsync(string) has no token twin, and the argument's type is unknown
            await PollAsync(); // OK: the token overload is this method: it would recurse
        }
    }

    public class Derived : Service
    {
        public Derived(IRepository repository) : base(repository)
        {
        }

        public override async Task RunAsync(string id, CancellationToken ct)
        {
            await base.CountAsync(id); // unforwarded-cancellation: `base.`
            await base.RunAsync(id, ct); // OK: passed
        }
    }
}
