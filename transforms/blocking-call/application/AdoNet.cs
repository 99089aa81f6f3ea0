using System.Threading.Tasks;
using BlockingCall.Stubs;

namespace BlockingCall.AdoNet
{
    public class Orders
    {
        private readonly string _connectionString = "Server=.";

        public async Task<int> CountAsync()
        {
            using (var connection = new SqlConnection(_connectionString))
            {
                connection.Open(); // blocking-call
                var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM Orders";
                var count = (int)command.ExecuteScalar(); // blocking-call
                using (var reader = await command.ExecuteReaderAsync())
                {
                    while (reader.Read()) // blocking-call: `ExecuteReaderAsync` gives a DbDataReader
                    {
                        count++;
                    }
                }
                return count;
            }
        }

        public async Task DeleteAsync(DbCommand command, IDbCommand legacy, IDataReader rows)
        {
            command.ExecuteNonQuery(); // blocking-call
            legacy.ExecuteNonQuery(); // OK: IDbCommand has no async twin
            rows.Read(); // OK: IDataReader has no async twin
            await Task.Yield();
        }

        public async Task ByNameAsync(Orders other)
        {
            other.Command().ExecuteNonQuery(); // blocking-call: `Command()` is declared to return a `DbCommand`
            await Task.Yield();
        }

        public DbCommand Command() => new SqlCommand();
    }
}
