// A stream, reader or writer serves one operation at a time, and its order is its content.
using System.IO;
using System.Threading.Tasks;

namespace Fixtures.SharedStream
{
    public class Parser
    {
        public async Task<int> HeaderAsync(StreamReader reader)
        {
            var name = await reader.ReadLineAsync(); // OK: two reads of one reader
            var version = await reader.ReadLineAsync();
            return name.Length + version.Length;
        }

        public async Task<int> CopyAsync(Stream input, byte[] buffer)
        {
            var first = await input.ReadAsync(buffer, 0, 16); // OK: one stream
            var second = await ReadMoreAsync(input, buffer);
            return first + second;
        }

        private static Task<int> ReadMoreAsync(Stream stream, byte[] buffer) => stream.ReadAsync(buffer, 16, 16);
    }
}
