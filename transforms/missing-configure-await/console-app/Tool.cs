// A console tool (`<OutputType>Exe</OutputType>`) is an application: its awaits are not reported.
using System;
using System.IO;
using System.Threading.Tasks;

namespace Fixtures.ConsoleApp
{
    public static class Tool
    {
        public static async Task Main(string[] args)
        {
            foreach (var path in args)
            {
                var text = await ReadAsync(path); // OK: an executable project
                Console.WriteLine(text.Length);
            }
        }

        private static async Task<string> ReadAsync(string path)
        {
            using (var reader = File.OpenText(path))
            {
                return await reader.ReadToEndAsync(); // OK
            }
        }
    }
}
