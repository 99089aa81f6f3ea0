// Awaits that already say where to resume are left alone, whichever way they decide.
using System.IO;
using System.Threading.Tasks;

namespace Fixtures.AlreadyConfigured
{
    public class Store
    {
        private readonly bool _captureContext;
        private readonly Store _inner;

        public Store(bool captureContext, Store inner)
        {
            _captureContext = captureContext;
            _inner = inner;
        }

        public async Task<string> ReadAsync(Stream stream)
        {
            using (var reader = new StreamReader(stream))
            {
                return await reader.ReadToEndAsync().ConfigureAwait(false); // OK: already configured
            }
        }

        public async Task WriteAsync(Stream stream, byte[] data)
        {
            await stream.WriteAsync(data, 0, data.Length).ConfigureAwait(true); // OK: resuming on the context is a choice
            await stream.FlushAsync().ConfigureAwait(_captureContext); // OK: decided by a setting
            await stream.FlushAsync().ConfigureAwait(continueOnCapturedContext: false); // OK: named argument
        }

        public async Task<string> MixedAsync(Task<string> pending)
        {
            var first = await pending.ConfigureAwait(false); // OK
            var second = await LoadAsync(); // missing-configure-await: its neighbours do not count
            var third = await (pending ?? LoadAsync()).ConfigureAwait(false); // OK: parenthesised operand
            var fourth = await (_inner?.LoadAsync()).ConfigureAwait(false); // OK: conditional access, parenthesised
            var fifth = await LoadAsync()
                .ConfigureAwait(false); // OK: on the next line
            return first + second + third + fourth + fifth;
        }

        public async Task<int> NestedAsync()
        {
            // The outer await is configured; the inner one, in its argument, is not.
            return await CountAsync(await LoadAsync()).ConfigureAwait(false); // missing-configure-await: the inner await only
        }

        public async Task ParenthesisedAsync(Task pending)
        {
            await (pending.ConfigureAwait(false)); // OK: configured inside parentheses
        }

        public async Task ConfiguredLocalAsync(Task pending)
        {
            var configured = pending.ConfigureAwait(false);
            await configured; // OK: the local holds a configured awaitable
        }

        public async Task<string> AwaitedResultAsync(Task<Store> pending)
        {
            var store = await pending.ConfigureAwait(false);
            return await store.LoadAsync(); // missing-configure-await: `store` holds a result, not an awaitable
        }

        public Task<string> LoadAsync() => Task.FromResult("data");

        private static Task<int> CountAsync(string text) => Task.FromResult(text.Length);
    }
}
