// Stand-ins for Entity Framework Core, so that this folder compiles with mcs alone. They hold no
// awaits: nothing to report here.
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Microsoft.EntityFrameworkCore
{
    public class DbContext
    {
        public Task<int> SaveChangesAsync() => Task.FromResult(0);
    }

    public class DbSet<T>
    {
        public Task<List<T>> ToListAsync() => Task.FromResult(new List<T>());

        public Task<T> FirstOrDefaultAsync() => Task.FromResult(default(T));

        public Task<int> CountAsync() => Task.FromResult(0);
    }
}

namespace Fixtures.Model
{
    using Microsoft.EntityFrameworkCore;

    public class Order
    {
        public int Id { get; set; }
    }

    public class Customer
    {
        public int Id { get; set; }
    }

    public class ShopContext : DbContext
    {
        public DbSet<Order> Orders { get; } = new DbSet<Order>();

        public DbSet<Customer> Customers { get; } = new DbSet<Customer>();
    }
}

namespace Fixtures.Data
{
    using System;

    // A stand-in for `System.Data.SqlClient.SqlConnection`.
    public class SqlConnection : IDisposable
    {
        public SqlConnection(string connectionString)
        {
        }

        public Task<int> QueryCountAsync(string sql) => Task.FromResult(0);

        public Task<int> ExecuteAsync(string sql) => Task.FromResult(0);

        public void Dispose()
        {
        }
    }
}
