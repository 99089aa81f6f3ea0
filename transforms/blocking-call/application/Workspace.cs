using System.Threading;
using System.Threading.Tasks;

namespace BlockingCall.Workspace
{
    public class Repository
    {
        public void Save(string item) { }

        public Task SaveAsync(string item, CancellationToken cancellationToken = default(CancellationToken)) => Task.FromResult(0);

        public int Load(int id) => id;

        public Task<int> LoadAsync(int id) => Task.FromResult(id);

        public string Find(string key) => key;

        public Task<string> FindAsync(string key, int limit) => Task.FromResult(key); // a different signature

        public void Flush() { }

        public async Task FlushAsync()
        {
            await Task.Yield();
            Flush(); // OK: inside the twin itself, awaiting it would recurse
        }
    }

    public class Service : Repository
    {
        private readonly Repository _other = new Repository();

        public async Task<int> RunAsync()
        {
            Save("a"); // blocking-call: inherited, with a twin (unsafe fix)
            _other.Save("b"); // blocking-call: a typed field
            var n = Load(1) + 1; // blocking-call
            Find("k"); // OK: `FindAsync` takes other parameters
            await Task.Yield();
            return n;
        }
    }
}
