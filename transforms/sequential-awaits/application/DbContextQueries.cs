// Entity Framework: two operations on one DbContext at once throw "A second operation was started
// on this context instance before a previous operation completed".
using System.Net.Http;
using System.Threading.Tasks;
using Fixtures.Model;

namespace Fixtures.DbContextQueries
{
    public class Reports
    {
        private readonly ShopContext _db;
        private readonly HttpClient _http = new HttpClient();

        public Reports(ShopContext db)
        {
            _db = db;
        }

        public async Task<int> CountAsync()
        {
            var orders = await _db.Orders.CountAsync(); // OK: one DbContext
            var customers = await _db.Customers.CountAsync();
            return orders + customers;
        }

        public async Task<int> TwoContextsAsync(ShopContext other)
        {
            var orders = await _db.Orders.CountAsync(); // OK: dependency injection may give the same context twice
            var customers = await other.Customers.CountAsync();
            return orders + customers;
        }

        public async Task<int> DatabaseAndWebAsync()
        {
            var orders = await _db.Orders.CountAsync(); // sequential-awaits: a query and a GET share nothing
            var rates = await _http.GetStringAsync("/rates");
            return orders + rates.Length;
        }
    }
}
