// A token overload marked `[Obsolete]` (an error to call, or a warning) or `[Experimental]` is
// never the one a fix moves a call to.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.Obsolete
{
    public class Store
    {
        public Task SaveAsync(int id) => Task.FromResult(id);

        [Obsolete("Cancellation is not supported any more", true)]
        public Task SaveAsync(int id, CancellationToken cancellationToken) => Task.FromResult(id);

        public Task LoadAsync(int id) => Task.FromResult(id);

        [Obsolete("Use LoadAsync(int)")]
        public Task LoadAsync(int id, CancellationToken cancellationToken) => Task.FromResult(id);

        public Task PingAsync() => Task.FromResult(0);

        public Task PingAsync(CancellationToken cancellationToken) => Task.FromResult(0);
    }

    public class Caller
    {
        private readonly Store _store = new Store();

        public async Task RunAsync(CancellationToken ct)
        {
            await _store.SaveAsync(1); // OK: the token overload is an error to call (CS0619)
            await _store.LoadAsync(1); // OK: the token overload is obsolete (CS0618)
            await _store.PingAsync(); // unforwarded-cancellation
        }
    }
}
