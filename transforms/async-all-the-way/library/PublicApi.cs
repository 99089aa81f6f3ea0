// In a library, a chain stops at public and protected members by default: making them async
// renames them and changes their return type, which breaks every consumer outside the repository.
// `--change-public-api` (or `public-api = "change"`) lets the chain go on.
using System.Threading.Tasks;

namespace Library.PublicApi
{
    public class Client
    {
        public string Execute()
        {
            return Send();
        }

        private string Send() => SendAsync().Result; // async-all-the-way: no fix, `Client.Execute` is public API

        protected int Size() => SizeAsync().Result; // async-all-the-way: no fix, protected is API too

        internal int Count() => LoadCountAsync().Result; // async-all-the-way: internal members are no API

        private Task<string> SendAsync() => Task.FromResult("sent");

        private Task<int> SizeAsync() => Task.FromResult(1);

        private Task<int> LoadCountAsync() => Task.FromResult(1);
    }
}
