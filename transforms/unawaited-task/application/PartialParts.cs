// Declarations for Partial.cs: nothing to report here.
using System.Threading.Tasks;

namespace Fixtures.UnawaitedTask.Partial
{
    public partial class Exporter
    {
        private readonly Store _store = new Store();
    }

    public abstract class ExporterBase
    {
        protected Store Sink { get; } = new Store();
    }

    public class Store
    {
        public Task WriteAsync(string name) => Task.Delay(name.Length);

        public void Write(string name) // OK: nothing is called here
        {
        }
    }
}
