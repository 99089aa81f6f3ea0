// Stand-ins for ADO.NET, Dapper, Entity Framework Core and `HttpClient.Send` (.NET 5+), so that
// this folder compiles with mcs alone. Nothing here runs in async code.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace BlockingCall.Stubs
{
    public interface IDbConnection : IDisposable
    {
        void Open();
        IDbCommand CreateCommand();
    }

    public interface IDbCommand : IDisposable
    {
        int ExecuteNonQuery();
        object ExecuteScalar();
        IDataReader ExecuteReader();
    }

    public interface IDataReader : IDisposable
    {
        bool Read();
    }

    public abstract class DbConnection : IDbConnection
    {
        public void Open() { }
        public Task OpenAsync() => Task.FromResult(0);
        public DbCommand CreateCommand() => new SqlCommand();
        IDbCommand IDbConnection.CreateCommand() => CreateCommand();
        public void Dispose() { }
    }

    public abstract class DbCommand : IDbCommand
    {
        public string CommandText { get; set; }
        public int ExecuteNonQuery() => 0;
        public Task<int> ExecuteNonQueryAsync() => Task.FromResult(0);
        public object ExecuteScalar() => null;
        public Task<object> ExecuteScalarAsync() => Task.FromResult<object>(null);
        public DbDataReader ExecuteReader() => new SqlDataReader();
        public Task<DbDataReader> ExecuteReaderAsync() => Task.FromResult<DbDataReader>(new SqlDataReader());
        IDataReader IDbCommand.ExecuteReader() => ExecuteReader();
        public void Dispose() { }
    }

    public abstract class DbDataReader : IDataReader
    {
        public bool Read() => false;
        public Task<bool> ReadAsync() => Task.FromResult(false);
        public bool NextResult() => false;
        public Task<bool> NextResultAsync() => Task.FromResult(false);
        public void Dispose() { }
    }

    public class SqlConnection : DbConnection
    {
        public SqlConnection(string connectionString) { }
    }

    public class SqlCommand : DbCommand
    {
    }

    public class SqlDataReader : DbDataReader
    {
    }

    public static class HttpClientSend
    {
        // `HttpClient.Send` exists since .NET 5; mcs knows .NET Framework 4.x.
        public static HttpResponseMessage Send(this HttpClient client, HttpRequestMessage request) => null;
    }
}

namespace Dapper
{
    using BlockingCall.Stubs;

    public static class SqlMapper
    {
        public static IEnumerable<T> Query<T>(this IDbConnection connection, string sql, object param = null, object transaction = null, bool buffered = true) => null;
        public static Task<IEnumerable<T>> QueryAsync<T>(this IDbConnection connection, string sql, object param = null, object transaction = null) => null;
        public static T QueryFirst<T>(this IDbConnection connection, string sql, object param = null) => default(T);
        public static Task<T> QueryFirstAsync<T>(this IDbConnection connection, string sql, object param = null) => null;
        public static int Execute(this IDbConnection connection, string sql, object param = null) => 0;
        public static Task<int> ExecuteAsync(this IDbConnection connection, string sql, object param = null) => null;
    }
}

namespace Microsoft.EntityFrameworkCore
{
    public abstract class DbContext
    {
        public int SaveChanges() => 0;
        public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default(CancellationToken)) => Task.FromResult(0);
        public DbSet<T> Set<T>() => new DbSet<T>();
    }

    public class DbSet<T> : IQueryable<T>
    {
        public Type ElementType => typeof(T);
        public Expression Expression => null;
        public IQueryProvider Provider => null;
        public IEnumerator<T> GetEnumerator() => Enumerable.Empty<T>().GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public static class EntityFrameworkQueryableExtensions
    {
        public static Task<List<T>> ToListAsync<T>(this IQueryable<T> source) => null;
        public static Task<T> FirstAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate) => null;
        public static Task<int> CountAsync<T>(this IQueryable<T> source) => null;
        public static Task<bool> AnyAsync<T>(this IQueryable<T> source) => null;
        public static IQueryable<T> AsNoTracking<T>(this IQueryable<T> source) => source;
    }
}
