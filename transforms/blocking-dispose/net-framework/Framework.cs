// A project on .NET Framework 4.7.2: its streams have no DisposeAsync(), whatever the C# version.
// Nothing to report; the code compiles as it is.
using System.IO;
using System.Threading.Tasks;

namespace Fixtures.Disposal.Framework
{
    public class Journal
    {
        public async Task AppendAsync(string path, string line)
        {
            using (var writer = new StreamWriter(path, true)) // OK: no DisposeAsync() on .NET Framework
            {
                await writer.WriteLineAsync(line);
            }
        }

        public async Task SaveAsync(string path, byte[] data)
        {
            using (var stream = new FileStream(path, FileMode.Create)) // OK: no DisposeAsync() on .NET Framework
            {
                await stream.WriteAsync(data, 0, data.Length);
            }
        }
    }
}
