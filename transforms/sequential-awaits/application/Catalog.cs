// A typed client in its own file: the index tells what its methods use.
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.WorkspaceMethods
{
    public class CatalogClient
    {
        private readonly HttpClient _http;

        public CatalogClient(HttpClient http)
        {
            _http = http;
        }

        public Task<string> ItemsAsync() => _http.GetStringAsync("/items");

        public Task<string> BrandsAsync() => _http.GetStringAsync("/brands");
    }

    public class CatalogPage
    {
        private readonly CatalogClient _catalog;

        public CatalogPage(CatalogClient catalog)
        {
            _catalog = catalog;
        }

        public async Task<int> RenderAsync()
        {
            var items = await _catalog.ItemsAsync(); // sequential-awaits: methods of another file
            var brands = await _catalog.BrandsAsync();
            return items.Length + brands.Length;
        }
    }
}
