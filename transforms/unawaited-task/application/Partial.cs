// The receiver's type is declared in another part of the partial class (PartialParts.cs) or in a
// workspace base class.
using System.Threading.Tasks;

namespace Fixtures.UnawaitedTask.Partial
{
    public partial class Exporter : ExporterBase
    {
        public async Task ExportAsync(string name)
        {
            _store.WriteAsync(name); // unawaited-task: a field declared in the other part
            Sink.WriteAsync(name); // unawaited-task: a property of the base class
            await Task.Yield();
        }
    }
}
