// A file that no project file covers: its kind is unknown, so in the default
// `--configure-await auto` mode it is not reported (`--configure-await always` would).
using System.Threading.Tasks;

namespace Fixtures.NoProject
{
    public class Loose
    {
        public async Task RunAsync()
        {
            await Task.Delay(1); // OK: no project file
        }
    }
}
