using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BlockingCall.Stubs;
using Dapper;

namespace BlockingCall.DapperQueries
{
    public class Users
    {
        private readonly IDbConnection _db = new SqlConnection("Server=.");

        public async Task<List<string>> NamesAsync()
        {
            await Task.Yield();
            var names = _db.Query<string>("SELECT Name FROM Users").ToList(); // blocking-call: parenthesised before `.ToList()`
            var first = _db.QueryFirst<string>("SELECT TOP 1 Name FROM Users"); // blocking-call
            _db.Execute("DELETE FROM Users WHERE Name = @first", new { first }); // blocking-call
            names.Add(first);
            return names;
        }

        public async Task<IEnumerable<string>> UnbufferedAsync()
        {
            await Task.Yield();
            return _db.Query<string>("SELECT Name FROM Users", buffered: false); // OK: `QueryAsync` has no `buffered` parameter
        }
    }
}
