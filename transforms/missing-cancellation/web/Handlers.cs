// A handler subscribed to an event, whatever its name's case, keeps its parameters: the event's
// delegate fixes them.
using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.Handlers
{
    public class Item
    {
    }

    public class ItemManager
    {
        public event Func<Item[], Task> DeleteRequested;

        public Task RequestDeleteAsync(Item[] items) => DeleteRequested?.Invoke(items) ?? Task.FromResult(0);
    }

    public class Listener
    {
        private readonly ItemManager manager = new ItemManager();
        private readonly HttpClient _http = new HttpClient();

        public Listener()
        {
            manager.DeleteRequested += manager_DeleteRequested;
        }

        private async Task manager_DeleteRequested(Item[] items) // OK: subscribed to an event, whose delegate fixes its parameters
        {
            await _http.GetAsync("https://example.com/" + items.Length);
        }
    }
}
