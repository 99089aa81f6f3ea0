using System.IO;
using System.Threading.Tasks;

namespace BlockingCall.Files
{
    public class Settings
    {
        public async Task<string> LoadAsync(string path)
        {
            var text = File.ReadAllText(path); // blocking-call
            var lines = File.ReadAllLines(path).Length; // blocking-call: parenthesised before `.Length`
            File.WriteAllText(path + ".bak", text); // blocking-call
            File.AppendAllText(path + ".log", "loaded"); // blocking-call
            byte[] bytes = System.IO.File.ReadAllBytes(path); // blocking-call: qualified
            await Task.Yield();
            return text.Trim() + lines + bytes.Length;
        }

        public async Task<bool> ExistsAsync(string path)
        {
            await Task.Yield();
            return File.Exists(path); // OK: no async twin
        }

        public async Task<string> EitherAsync(string path, bool useAsync)
        {
            return useAsync ? await File.ReadAllTextAsync(path) : File.ReadAllText(path); // OK: both paths on purpose
        }

        public string Load(string path)
        {
            return File.ReadAllText(path); // OK: not async code
        }
    }
}
