// A project on .NET Core 3.1 that compiles C# 7.3: its streams have DisposeAsync(), but
// `await using` is C# 8. Reported without a fix, which says why; the code compiles as it is.
using System.IO;
using System.Threading.Tasks;

namespace Fixtures.Disposal.Legacy
{
    public class Journal
    {
        public async Task AppendAsync(string path, string line)
        {
            using (var writer = new StreamWriter(path, true)) // blocking-dispose: no fix before C# 8
            {
                await writer.WriteLineAsync(line);
            }
        }

        public async Task<string> ReadAsync(string path)
        {
            using (var reader = new StreamReader(path)) // OK: a reader has no DisposeAsync()
            {
                return await reader.ReadToEndAsync();
            }
        }
    }
}
