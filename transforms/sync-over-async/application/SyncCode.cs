using System.Threading.Tasks;

namespace SyncCode
{
    public class Response
    {
        public string Result { get; set; }
    }

    public static class Program
    {
        public static void Start()
        {
            RunAsync().GetAwaiter().GetResult(); // sync-over-async: reported, no automatic fix in synchronous code
        }

        private static Task RunAsync() => Task.Delay(1);
    }

    public class Cache
    {
        private readonly string _value;

        public Cache()
        {
            _value = LoadAsync().Result; // sync-over-async: a constructor cannot be async
        }

        public string Value => LoadAsync().Result; // sync-over-async: a property cannot be async

        public void Save()
        {
            SaveAsync().Wait(); // sync-over-async: no automatic fix
            Task.WaitAll(SaveAsync(), SaveAsync()); // sync-over-async: no automatic fix
        }

        public string Read(Response response)
        {
            return response.Result; // OK: not a task
        }

        private Task<string> LoadAsync() => Task.FromResult("value");

        private Task SaveAsync() => Task.Delay(1);
    }
}
