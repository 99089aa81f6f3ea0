using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace BlockingCall.NetStandard
{
    // netstandard2.0 has no `File.ReadAllTextAsync`: the File calls are left alone, the rest is not.
    public class Cache
    {
        public async Task<string> ReadAsync(string path)
        {
            var text = File.ReadAllText(path); // OK: `ReadAllTextAsync` is missing on netstandard2.0
            using (var reader = new StreamReader(path))
            {
                text += reader.ReadToEnd(); // blocking-call: `ReadToEndAsync` exists everywhere
            }
            Thread.Sleep(1); // blocking-call
            await Task.Yield();
            return text;
        }
    }
}
