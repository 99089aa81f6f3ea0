// An interface family changes together; its callers get the token through the interface.
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.Stores
{
    public interface IStore
    {
        Task SaveAsync(string data);
    }

    public class FileStore : IStore
    {
        public async Task SaveAsync(string data) // missing-cancellation
        {
            await Task.Delay(data.Length);
        }
    }

    public class MemoryStore : IStore
    {
        public Task SaveAsync(string data)
        {
            return Task.FromResult(0);
        }
    }

    public class Saver
    {
        private readonly IStore _store = new FileStore();

        public async Task SaveAllAsync(string[] items, CancellationToken token)
        {
            foreach (var item in items)
            {
                await _store.SaveAsync(item);
            }
        }
    }
}
