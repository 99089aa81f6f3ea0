// Workspace methods that use a DbContext field share it, even when the calls do not show it.
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Fixtures.Model;

namespace Fixtures.WorkspaceMethods
{
    public class OrderService
    {
        private readonly ShopContext _db;

        public OrderService(ShopContext db)
        {
            _db = db;
        }

        public async Task<Summary> SummaryAsync()
        {
            var orders = await LoadOrdersAsync(); // OK: both methods query `_db`
            var customers = await LoadCustomersAsync();
            return new Summary { Orders = orders.Count, Customers = customers.Count };
        }

        private Task<List<Order>> LoadOrdersAsync() => _db.Orders.ToListAsync();

        private async Task<List<Customer>> LoadCustomersAsync()
        {
            // Through another method of the class.
            return await Query();
        }

        private Task<List<Customer>> Query() => _db.Customers.ToListAsync();
    }

    public class Summary
    {
        public int Orders { get; set; }

        public int Customers { get; set; }
    }

    public interface IOrderRepository
    {
        Task<int> CountAsync();
    }

    public interface ICustomerRepository
    {
        Task<int> CountAsync();
    }

    // Two repositories, one DbContext each: dependency injection gives both the same instance.
    public class OrderRepository : IOrderRepository
    {
        private readonly ShopContext _db;

        public OrderRepository(ShopContext db)
        {
            _db = db;
        }

        public Task<int> CountAsync() => _db.Orders.CountAsync();
    }

    public class CustomerRepository : ICustomerRepository
    {
        private readonly ShopContext _db;

        public CustomerRepository(ShopContext db)
        {
            _db = db;
        }

        public Task<int> CountAsync() => _db.Customers.CountAsync();
    }

    public class Home
    {
        private readonly IOrderRepository _orders;
        private readonly ICustomerRepository _customers;
        private readonly CatalogClient _catalog;

        public Home(IOrderRepository orders, ICustomerRepository customers, CatalogClient catalog)
        {
            _orders = orders;
            _customers = customers;
            _catalog = catalog;
        }

        public async Task<int> CountsAsync()
        {
            var orders = await _orders.CountAsync(); // OK: both implementations query a ShopContext
            var customers = await _customers.CountAsync();
            return orders + customers;
        }

        public async Task<int> CatalogAsync()
        {
            var orders = await _orders.CountAsync(); // sequential-awaits: the catalog client only uses HttpClient
            var items = await _catalog.ItemsAsync();
            return orders + items.Length;
        }
    }
}
