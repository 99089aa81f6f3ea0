// A library that configures its awaits with helpers of its own: `ForAwait()` and `NoContext()`
// return configured awaitables, which have no `ConfigureAwait` method. Appending one would not
// compile (CS1061).
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Fixtures.OwnHelpers
{
    internal static class TaskExtensions
    {
        public static ConfiguredTaskAwaitable ForAwait(this Task task) => task.ConfigureAwait(false);

        public static ConfiguredTaskAwaitable<T> ForAwait<T>(this Task<T> task) => task.ConfigureAwait(false);

        public static ConfiguredTaskAwaitable NoContext(this Task task) => task.ConfigureAwait(false);
    }

    public class Connection
    {
        public Task OpenAsync() => Task.FromResult(0);

        public Task<int> ExecuteAsync(string sql) => Task.FromResult(sql.Length);

        public async Task<int> RunAsync(string sql)
        {
            await OpenAsync().ForAwait(); // OK: configured by the library's own helper
            await OpenAsync().NoContext(); // OK: configured by the library's own helper
            var rows = await ExecuteAsync(sql).ForAwait(); // OK: the generic helper
            Task pending = OpenAsync();
            await pending.ForAwait(); // OK: a local of type `Task`, configured
            return rows + await ExecuteAsync(sql); // missing-configure-await: not configured
        }
    }
}
