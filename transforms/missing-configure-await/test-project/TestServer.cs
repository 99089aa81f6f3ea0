// A test project (it references xUnit): even helpers without test attributes are left alone.
using System.IO;
using System.Threading.Tasks;

namespace Fixtures.TestProject
{
    public class TestServer
    {
        private readonly MemoryStream _log = new MemoryStream();

        public async Task<long> StartAsync()
        {
            await Task.Delay(1); // OK: a test project
            await _log.FlushAsync(); // OK
            return _log.Length;
        }
    }
}
