using System.Net.Http;
using System.Threading.Tasks;

namespace Shop.Core.Data
{
    // One interface, two implementations: the family changes together.
    public interface IRepository
    {
        int CountItems();
    }

    public class SqlRepository : IRepository
    {
        private readonly HttpClient _http = new HttpClient();

        public int CountItems()
        {
            var body = _http.GetStringAsync("https://example.com/items").Result; // async-all-the-way
            return body.Length;
        }
    }

    public class MemoryRepository : IRepository
    {
        public int CountItems() => 3; // OK: a sibling implementation, changed with its family
    }

    public class Cache
    {
        public async Task<int> WarmAsync()
        {
            return await Task.FromResult(1); // OK: already async
        }
    }
}
