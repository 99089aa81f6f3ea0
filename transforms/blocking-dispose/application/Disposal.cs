// compile: skip (await using is C# 8)
// An application on .NET 8 (C# 12): every `using` of a resource with `DisposeAsync()` in async
// code becomes `await using`, without `ConfigureAwait` (application code keeps its context).
using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace Fixtures.Disposal
{
    public class OrdersContext : DbContext
    {
    }

    public class Exporter
    {
        public async Task SaveAsync(string path, byte[] data)
        {
            using (var stream = new FileStream(path, FileMode.Create)) // blocking-dispose: a using statement
            {
                await stream.WriteAsync(data, 0, data.Length);
            }
        }

        public async Task<int> CountAsync(string connectionString)
        {
            using var connection = new SqlConnection(connectionString); // blocking-dispose: a using declaration
            await connection.OpenAsync();
            using var command = connection.CreateCommand(); // blocking-dispose: the type of a known API's result
            command.CommandText = "select count(*) from orders";
            return (int)await command.ExecuteScalarAsync();
        }

        public async Task<string> FirstLineAsync(string path)
        {
            using (var reader = new StreamReader(path)) // OK: a reader has no DisposeAsync()
            {
                return await reader.ReadLineAsync();
            }
        }

        public async Task<long> LengthAsync(string path)
        {
            using (var stream = File.OpenRead(path)) // blocking-dispose: the body returns a value
            {
                await Task.Yield();
                return stream.Length;
            }
        }

        public async Task WriteJsonAsync(Stream output)
        {
            using (output) // blocking-dispose: a using of an expression
            using (var writer = new Utf8JsonWriter(output)) // blocking-dispose: nested using statements
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
                await writer.FlushAsync();
            }
        }

        public async Task<int> SaveOrdersAsync()
        {
            using var context = new OrdersContext(); // blocking-dispose: a DbContext of EF Core 8
            return await context.SaveChangesAsync();
        }

        public async Task<byte[]> BufferAsync(byte[] data)
        {
            using (var memory = new MemoryStream()) // OK: disposing a MemoryStream does no I/O
            {
                await memory.WriteAsync(data, 0, data.Length);
                return memory.ToArray();
            }
        }

        public void Save(string path, byte[] data)
        {
            using (var stream = new FileStream(path, FileMode.Create)) // OK: synchronous code
            {
                stream.Write(data, 0, data.Length);
            }
        }

        public async Task RunAsync(string path)
        {
            await Task.Run(() =>
            {
                using (var stream = new FileStream(path, FileMode.Create)) // OK: a lambda that is not async
                {
                    stream.WriteByte(1);
                }
            });
        }

        public async Task AlreadyAsync(string path)
        {
            await using (var stream = new FileStream(path, FileMode.Create)) // OK: already awaited
            {
                await stream.FlushAsync();
            }
        }

        public async Task UnknownAsync(Func<IDisposable> open)
        {
            using (var resource = open()) // OK: IDisposable has no DisposeAsync()
            {
                await Task.Yield();
            }
        }

        private readonly object _gate = new object();

        public async Task LockedAsync(string path)
        {
            await Task.Yield();
            lock (_gate)
            {
                using (var stream = new FileStream(path, FileMode.Open)) // blocking-dispose: no fix inside lock
                {
                    stream.WriteByte(1);
                }
            }
        }
    }

    public sealed class Pool : IAsyncDisposable, IDisposable
    {
        public ValueTask DisposeAsync() => default;

        public void Dispose()
        {
        }
    }

    public class Pools
    {
        public async Task UseAsync()
        {
            using var pool = new Pool(); // blocking-dispose: a workspace type's own DisposeAsync() (unsafe)
            await Task.Yield();
        }
    }
}
