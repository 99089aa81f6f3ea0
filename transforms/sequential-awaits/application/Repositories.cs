// Repositories that open a connection of their own on each call can be queried together; a method
// that runs a command cannot be moved, whatever its name.
using System.Threading.Tasks;
using Fixtures.Data;

namespace Fixtures.Repositories
{
    public interface IUserRepository
    {
        Task<int> CountAsync();

        Task<int> CreateAsync(string name);
    }

    public interface IGroupRepository
    {
        Task<int> CountAsync();
    }

    public abstract class Repository
    {
        protected string ConnectionString = "Server=.";

        protected abstract string Table { get; }

        public virtual async Task<int> CountAsync()
        {
            using (var connection = new SqlConnection(ConnectionString))
            {
                return await connection.QueryCountAsync("select count(*) from " + Table);
            }
        }
    }

    public class UserRepository : Repository, IUserRepository
    {
        protected override string Table => "Users";

        public async Task<int> CreateAsync(string name)
        {
            using (var connection = new SqlConnection(ConnectionString))
            {
                return await connection.ExecuteAsync("insert into Users values ('" + name + "')");
            }
        }
    }

    public class GroupRepository : Repository, IGroupRepository
    {
        protected override string Table => "Groups";
    }

    public class Admin
    {
        private readonly IUserRepository _users;
        private readonly IGroupRepository _groups;

        public Admin(IUserRepository users, IGroupRepository groups)
        {
            _users = users;
            _groups = groups;
        }

        public async Task<int> CountsAsync()
        {
            var users = await _users.CountAsync(); // sequential-awaits: each call opens its own connection
            var groups = await _groups.CountAsync();
            return users + groups;
        }

        public async Task<int> SetupThenCountAsync()
        {
            var created = await SetupAsync("ada"); // OK: `SetupAsync` runs a command (`ExecuteAsync`)
            var users = await _users.CountAsync();
            return created + users;
        }

        private Task<int> SetupAsync(string name) => _users.CreateAsync(name);
    }
}
