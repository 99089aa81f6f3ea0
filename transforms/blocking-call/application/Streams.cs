using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace BlockingCall.Streams
{
    public class Copier
    {
        private readonly Stream _target;
        private StreamWriter Log { get; set; }

        public Copier(Stream target)
        {
            _target = target;
        }

        public async Task CopyAsync(Stream source, byte[] buffer)
        {
            int read = source.Read(buffer, 0, buffer.Length); // blocking-call
            _target.Write(buffer, 0, read); // blocking-call: a field
            _target.Flush(); // blocking-call
            using (var file = File.OpenRead("input.bin"))
            {
                file.CopyTo(_target); // blocking-call: `File.OpenRead` gives a FileStream
            }
            Log.WriteLine("copied " + read); // blocking-call: a property, text argument
            Log.WriteLine(read); // OK: `WriteLineAsync` has no `int` overload
            await Task.Yield();
        }

        public async Task<string> ReadAsync(string path, object unknown)
        {
            var reader = new StreamReader(path);
            string first = reader.ReadLine(); // blocking-call
            var rest = reader.ReadToEnd().Trim(); // blocking-call: parenthesised before `.Trim()`
            await Task.Yield();
            return first + rest;
        }

        public async Task<string> RunToolAsync()
        {
            var process = Process.Start("tool");
            var output = process.StandardOutput.ReadToEnd(); // blocking-call: `StandardOutput` is a StreamReader
            await Task.Yield();
            return output;
        }

        public async Task<string> ByNameAsync(Copier other)
        {
            await Task.Yield();
            var typed = System.Console.In.ReadToEnd(); // blocking-call: only the name is known: a display-only fix
            return typed + other.Reader().ReadToEnd(); // blocking-call: `Reader()` is declared to return a `TextReader`
        }

        public TextReader Reader() => new StringReader("");

        public async Task InMemoryAsync(byte[] buffer)
        {
            var memory = new MemoryStream();
            memory.Write(buffer, 0, buffer.Length); // OK: a MemoryStream does no I/O
            memory.Flush(); // OK: in memory
            StringWriter text = new StringWriter();
            text.Write("x"); // OK: in memory
            var reader = new StringReader("a");
            reader.ReadToEnd(); // OK: in memory
            await Task.Yield();
        }

        public async Task UnknownAsync(dynamic thing, byte[] buffer)
        {
            thing.Read(buffer, 0, 1); // OK: `Read` is too common to act without the receiver's type
            Unknown().Flush(); // OK: unknown receiver type
            await Task.Yield();
        }

        private static dynamic Unknown() => null;
    }
}
