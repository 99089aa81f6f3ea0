using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace BlockingCall.Contexts
{
    public class Places
    {
        public async Task<int> QueryAsync(string[] paths)
        {
            await Task.Yield();
            var sizes = from p in paths select File.ReadAllBytes(p).Length; // blocking-call: no fix in a query expression
            return sizes.Sum();
        }

        public async Task FilterAsync(string path)
        {
            try
            {
                await Task.Yield();
            }
            catch (IOException) when (File.ReadAllText(path).Length > 0) // blocking-call: no fix in a `catch` filter
            {
            }
        }

        public async Task NullConditionalAsync(StreamReader reader)
        {
            await Task.Yield();
            reader?.ReadToEnd(); // OK: `await` in front would not cover `?.`
        }

        public async Task AlreadyAwaitedAsync(StreamReader reader)
        {
            var text = await reader.ReadToEndAsync(); // OK: the twin
            Console.WriteLine(text); // OK: no twin
        }
    }
}
