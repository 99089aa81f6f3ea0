using System.IO;
using System.Threading.Tasks;

namespace BlockingCall.UnknownFramework
{
    // The target frameworks come from a property asyncfix cannot read: `File.WriteAllTextAsync`
    // may be missing, so the finding has no fix.
    public class Report
    {
        public async Task SaveAsync(string path, string text)
        {
            await Task.Yield();
            File.WriteAllText(path, text); // blocking-call: reported without a fix
        }
    }
}
