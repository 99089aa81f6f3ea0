// compile: skip (await using is C# 8)
// A library on .NET Standard 2.1 (C# 8): the new `await using` gets `.ConfigureAwait(false)`, as
// missing-configure-await would ask. A declared resource is declared first, so that its variable
// keeps its type.
using System;
using System.IO;
using System.Threading.Tasks;

namespace Fixtures.Disposal.Library
{
    public class Archive
    {
        public async Task WriteAsync(string path, byte[] data)
        {
            using (var stream = new FileStream(path, FileMode.Create)) // blocking-dispose: declared first, then disposed configured
            {
                await stream.WriteAsync(data, 0, data.Length).ConfigureAwait(false);
            }
        }

        public async Task AppendAsync(string path, string text)
        {
            using var writer = File.AppendText(path); // blocking-dispose: a using declaration gets a disposal variable
            await writer.WriteLineAsync(text).ConfigureAwait(false);
        }

        public async Task CopyAsync(string path, Stream target)
        {
            using (new FileStream(path, FileMode.Open)) // blocking-dispose: configured in place
            {
                await target.FlushAsync().ConfigureAwait(false);
            }
        }

        public async Task CloseAsync(Stream stream)
        {
            using (stream) // blocking-dispose: unsafe, the resource may be null
            {
                await stream.FlushAsync().ConfigureAwait(false);
            }
        }

        public async Task BothAsync(string path)
        {
            using (var first = new FileStream(path, FileMode.Open)) // blocking-dispose: the outer one stands in a block
            using (var second = new FileStream(path + ".bak", FileMode.Create)) // blocking-dispose: no fix, it is the body of another using
            {
                await first.CopyToAsync(second).ConfigureAwait(false);
            }
        }

        public async Task TwiceAsync(string path)
        {
            using (var stream = new FileStream(path, FileMode.Open)) // blocking-dispose: no fix, another `stream` follows in the block
            {
                await stream.FlushAsync().ConfigureAwait(false);
            }
            using (var stream = new FileStream(path, FileMode.Open)) // blocking-dispose: no fix, another `stream` precedes it
            {
                await stream.FlushAsync().ConfigureAwait(false);
            }
        }

        public async Task AlreadyConfiguredAsync(string path)
        {
            var stream = new FileStream(path, FileMode.Open);
            await using (stream.ConfigureAwait(false)) // OK: already awaited and configured
            {
                await stream.FlushAsync().ConfigureAwait(false);
            }
        }
    }
}
