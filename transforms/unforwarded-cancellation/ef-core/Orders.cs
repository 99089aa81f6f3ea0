// compile: skip (Entity Framework Core is not available to mcs)
// Entity Framework Core: the query operators are extension methods, recognised by name where
// Microsoft.EntityFrameworkCore is imported (here by a global using); the context by its base type.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.EfCore
{
    public class Order
    {
        public int Id { get; set; }
        public bool Open { get; set; }
    }

    public class ShopContext : DbContext
    {
        public DbSet<Order> Orders { get; set; } = null!;
    }

    public class OrderService
    {
        private readonly ShopContext _db;

        public OrderService(ShopContext db)
        {
            _db = db;
        }

        public async Task<List<Order>> OpenOrdersAsync(CancellationToken cancellationToken)
        {
            return await _db.Orders.Where(o => o.Open).ToListAsync(); // unforwarded-cancellation
        }

        public async Task<Order?> FindAsync(int id, CancellationToken cancellationToken)
        {
            var any = await _db.Orders.AnyAsync(); // unforwarded-cancellation
            var order = await _db.Orders
                .Where(o => o.Id == id)
                .FirstOrDefaultAsync(o => o.Open); // unforwarded-cancellation: after the predicate
            return any ? order : null;
        }

        public async Task CloseAsync(Order order, CancellationToken cancellationToken)
        {
            order.Open = false;
            await _db.Orders.AddAsync(new Order()); // unforwarded-cancellation: `Orders` is a DbSet
            await _db.SaveChangesAsync(); // unforwarded-cancellation: ShopContext is a DbContext
            await _db.Database.MigrateAsync(); // unforwarded-cancellation: by name
            await _db.SaveChangesAsync(cancellationToken); // OK: passed
        }

        public async Task<int> CountAsync(IQueryable<Order> orders, CancellationToken cancellationToken)
        {
            return await orders.CountAsync(o => o.Open, cancellationToken); // OK: passed
        }
    }
}
