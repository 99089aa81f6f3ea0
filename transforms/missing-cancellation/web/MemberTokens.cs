// Callers that have a token without a token parameter: a field of their class, a property of a
// parameter, a parameter whose type is an alias of CancellationToken. The chain ends there.
using System.Threading;
using System.Threading.Tasks;
using Ct = System.Threading.CancellationToken;

namespace Fixtures.MemberTokens
{
    public class Exporter
    {
        public async Task ExportAsync(string name) // missing-cancellation
        {
            await Task.Delay(name.Length);
        }
    }

    // A worker that keeps the host's stopping token in a field.
    public class Worker
    {
        private readonly Exporter _exporter = new Exporter();
        private readonly CancellationToken _stopping;

        public Worker(CancellationToken stopping)
        {
            _stopping = stopping;
        }

        public async Task TickAsync()
        {
            await _exporter.ExportAsync("tick");
        }
    }

    // A request that carries its token, as a mediator's or a message bus's context does.
    public class ExportRequest
    {
        public string Name { get; set; }

        public CancellationToken CancellationToken { get; set; }
    }

    public class ExportHandler
    {
        private readonly Exporter _exporter = new Exporter();

        public async Task HandleAsync(ExportRequest request)
        {
            await _exporter.ExportAsync(request.Name);
        }
    }

    // `Ct` is CancellationToken: the parameter is a token.
    public class AliasCaller
    {
        private readonly Exporter _exporter = new Exporter();

        public async Task RunAsync(Ct ct)
        {
            await _exporter.ExportAsync("alias");
        }
    }
}
