// A workspace twin replaces a call only where it fits every call: the same type parameters with
// the same constraints, and not obsolete.
using System;
using System.Threading.Tasks;

namespace Fixtures.Twins
{
    public class Cache
    {
        public T Load<T>() => default(T);

        public Task<T> LoadAsync<T>() where T : class => Task.FromResult(default(T));

        public int Count() => 0;

        [Obsolete("Use CountFast", true)]
        public Task<int> CountAsync() => Task.FromResult(0);

        public string Name() => "n";

        public Task<string> NameAsync() => Task.FromResult("n");
    }

    public class Reader
    {
        private readonly Cache _cache = new Cache();

        public async Task<int> ReadAsync()
        {
            await Task.Delay(1);
            var number = _cache.Load<int>(); // OK: `LoadAsync<T>` requires a class (CS0452)
            var count = _cache.Count(); // OK: `CountAsync` is an error to call (CS0619)
            var name = _cache.Name(); // blocking-call
            return number + count + name.Length;
        }
    }
}
