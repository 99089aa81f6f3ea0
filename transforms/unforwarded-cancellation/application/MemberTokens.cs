// Tokens reachable through members are tokens in scope: a token field or property of the class, a
// token property of a parameter, a parameter whose type is an alias of CancellationToken. A token
// the method declares comes first; a token reached through members is passed as an unsafe fix.
using System.Threading;
using System.Threading.Tasks;
using Ct = System.Threading.CancellationToken;

namespace Fixtures.MemberTokens
{
    public class ExportRequest
    {
        public string Name { get; set; }

        public CancellationToken CancellationToken { get; set; }
    }

    public class Worker
    {
        private readonly CancellationToken _stopping;

        public Worker(CancellationToken stopping)
        {
            _stopping = stopping;
        }

        public async Task TickAsync()
        {
            await Task.Delay(100); // unforwarded-cancellation: the class's token
        }

        public async Task HandleAsync(ExportRequest request)
        {
            await Task.Delay(request.Name.Length); // unforwarded-cancellation: the request's token comes before the class's
        }

        public async Task OwnAsync(CancellationToken ct)
        {
            await Task.Delay(10); // unforwarded-cancellation: the method's own token comes first
        }

        public async Task AliasAsync(Ct ct)
        {
            await Task.Delay(10); // unforwarded-cancellation: `Ct` is CancellationToken
        }

        public static async Task StaticAsync()
        {
            await Task.Delay(10); // OK: static code sees no instance member
        }
    }

    public class TwoTokens
    {
        private readonly CancellationToken _first;
        private readonly CancellationToken _second;

        public TwoTokens(CancellationToken first, CancellationToken second)
        {
            _first = first;
            _second = second;
        }

        public async Task RunAsync()
        {
            await Task.Delay(10); // OK: two tokens of the object, nothing says the call should take either
        }
    }
}
