// The task variables get names that clash with nothing in scope.
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.Names
{
    public class Feed
    {
        private readonly HttpClient _http = new HttpClient();
        private Task ordersTask = Task.FromResult(0);

        public async Task<int> LoadAsync()
        {
            var orders = await _http.GetStringAsync("/orders"); // sequential-awaits: `ordersTask` is a field
            var @event = await _http.GetStringAsync("/event");
            await ordersTask;
            return orders.Length + @event.Length;
        }

        public async Task<int> LaterLocalAsync()
        {
            var a = await _http.GetStringAsync("/a"); // sequential-awaits: `aTask` is taken further down
            var b = await _http.GetStringAsync("/b");
            var aTask = a.Length;
            return aTask + b.Length;
        }
    }
}
