// Independent reads awaited one after another: each run is reported and rewritten to start its
// calls together.
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.Independent
{
    public class Dashboard
    {
        private readonly HttpClient _client = new HttpClient();

        public async Task<int> LoadAsync()
        {
            var orders = await _client.GetStringAsync("/orders"); // sequential-awaits: three GETs
            var products = await _client.GetStringAsync("/products");
            var customers = await _client.GetStringAsync("/customers");
            return orders.Length + products.Length + customers.Length;
        }

        public async Task<int> TypedAsync(HttpClient http)
        {
            string orders = await http.GetStringAsync("/orders"); // sequential-awaits: declared types are kept
            byte[] logo = await http.GetByteArrayAsync("/logo.png");
            return orders.Length + logo.Length;
        }

        public async Task<int> AssignedAsync(bool refresh)
        {
            string orders = null;
            string products = null;
            if (refresh)
            {
                orders = await _client.GetStringAsync("/orders"); // sequential-awaits: assignments stay assignments
                products = await _client.GetStringAsync("/products");
            }
            return (orders ?? "").Length + (products ?? "").Length;
        }

        public async Task<int> CommentsAsync()
        {
            // The comments between and after the statements stay where they are.
            var orders = await _client.GetStringAsync("/orders"); // sequential-awaits: orders first
            // then the products
            var products = await _client.GetStringAsync(/* all of them */ "/products"); // products
            return orders.Length + products.Length;
        }

        public async Task<int> ResolvedAsync()
        {
            // Workspace methods that only use the HttpClient; `Task<T>` is kept where the index
            // knows the method returns exactly that.
            List<string> names = await LoadNamesAsync(); // sequential-awaits: workspace methods
            int count = await CountAsync("/count");
            return names.Count + count;
        }

        private async Task<List<string>> LoadNamesAsync()
        {
            var text = await _client.GetStringAsync("/names");
            return new List<string>(text.Split(','));
        }

        private async Task<int> CountAsync(string path)
        {
            var text = await _client.GetStringAsync(path);
            return int.Parse(text);
        }
    }
}
