using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace BlockingCall.EfCore
{
    public class User
    {
        public string Name { get; set; }
        public bool Active { get; set; }
    }

    public class ShopContext : DbContext
    {
        public DbSet<User> Users { get; set; }
    }

    public class UserService
    {
        private readonly ShopContext _db = new ShopContext();

        public async Task<List<User>> ActiveAsync()
        {
            await Task.Yield();
            return _db.Users.Where(u => u.Active).AsNoTracking().ToList(); // blocking-call: an EF Core query (unsafe fix)
        }

        public async Task<int> SaveAsync(List<User> loaded)
        {
            var count = loaded.Count(); // OK: a list, not a query
            var named = _db.Users.AsEnumerable().Any(); // OK: no longer a query after `AsEnumerable()`
            var first = _db.Users.First(u => u.Active); // blocking-call
            first.Name = "x";
            _db.SaveChanges(); // blocking-call
            await Task.Yield();
            return count + (named ? 1 : 0);
        }

        public async Task<int> CountAsync(bool offline)
        {
            IQueryable<User> query = offline ? new List<User>().AsQueryable() : _db.Users;
            await Task.Yield();
            return query.Count(); // blocking-call: without a fix, `query` may not be an EF Core query
        }
    }
}
