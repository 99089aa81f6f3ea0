// Where `.ConfigureAwait(false)` appended to the awaited expression would bind to only part of it,
// the fix parenthesises the expression first.
using System;
using System.Threading.Tasks;

namespace Fixtures.Precedence
{
    public class Loader
    {
        private readonly Task<string> _pending = Task.FromResult("pending");
        private readonly Task<string> _fallback = Task.FromResult("fallback");
        private readonly Loader _next;

        public Loader(Loader next)
        {
            _next = next;
        }

        public async Task<string> ConditionalAsync(bool ready)
        {
            // Already parenthesised: appending after `)` configures the whole expression.
            return await (ready ? LoadAsync() : LoadLaterAsync()); // missing-configure-await: conditional
        }

        public async Task AsAsync(object work)
        {
            await (work as Task); // missing-configure-await: `as`
        }

        public async Task<string> CoalesceAsync()
        {
            return await (_pending ?? _fallback); // missing-configure-await: `??`
        }

        public async Task CastAsync(object work)
        {
            await (Task)work; // missing-configure-await: a cast is parenthesised
            var text = await (Task<string>)work; // missing-configure-await: generic cast
        }

        public async Task<string> ContinuationAsync(Task<int> first)
        {
            return await first.ContinueWith(t => t.Result.ToString()); // missing-configure-await: `ContinueWith`
        }

        public async Task<string> ConditionalAccessAsync()
        {
            // `await x?.F()` awaits the whole chain (and throws if `_next` is null).
            return await _next?.LoadAsync(); // missing-configure-await: conditional access
        }

        public async Task<string> LongerChainAsync()
        {
            return await _next?._next.LoadAsync(); // missing-configure-await: conditional access chain
        }

        public async Task<int> MemberOfResultAsync()
        {
            // `(await F()).Length`: only the awaited call is configured.
            var length = (await LoadAsync()).Length; // missing-configure-await
            return length + (await LoadLaterAsync()).Length; // missing-configure-await
        }

        public async Task<string> ObjectCreationAsync()
        {
            return await new TaskFactory().StartNew(() => "made"); // missing-configure-await: a call on a new object
        }

        public async Task<string> DefaultOperandAsync(Func<Task<string>> factory)
        {
            return await (factory != null ? factory() : LoadAsync()); // missing-configure-await
        }

        public async Task ParenthesisedNameAsync()
        {
            await (_pending); // missing-configure-await: redundant parentheses are kept
        }

        public async Task<string> AwaitOfAwaitAsync(Task<string> a, Task<string> b)
        {
            // `Task.WhenAny` gives the first task to finish, which is awaited in turn: both awaits
            // are configured, the outer one around the parenthesised inner one.
            return await await Task.WhenAny(a, b); // missing-configure-await: both awaits
        }

        public async Task<string> AwaitThenCoalesceAsync()
        {
            // `await` binds tighter than `??`: only `_pending` is awaited.
            return await _pending ?? "none"; // missing-configure-await
        }

        public async Task<string> QualifiedCallsAsync()
        {
            var a = await Fixtures.Precedence.Helpers.EchoAsync("a"); // missing-configure-await: a qualified static call
            var b = await Helpers.EchoAsync<string>("b"); // missing-configure-await: a generic static call
            return a + b;
        }

        public Task<string> LoadAsync() => Task.FromResult("now");

        public Task<string> LoadLaterAsync() => Task.FromResult("later");
    }

    public static class Helpers
    {
        public static Task<string> EchoAsync(string text) => Task.FromResult(text);

        public static Task<T> EchoAsync<T>(T value) => Task.FromResult(value);
    }
}
