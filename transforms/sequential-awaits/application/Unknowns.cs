// What asyncfix cannot see counts against independence: two calls that both reach something
// unknown may share a DbContext behind an interface.
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.Unknowns
{
    // Declared outside the workspace as far as asyncfix can tell: no implementation here.
    public interface IWeatherApi
    {
        Task<string> TodayAsync();

        Task<string> TomorrowAsync();
    }

    public interface IStockApi
    {
        Task<int> PriceAsync(string symbol);
    }

    public class Home
    {
        private readonly IWeatherApi _weather;
        private readonly IStockApi _stocks;
        private readonly HttpClient _http = new HttpClient();

        public Home(IWeatherApi weather, IStockApi stocks)
        {
            _weather = weather;
            _stocks = stocks;
        }

        public async Task<int> SameReceiverAsync()
        {
            var today = await _weather.TodayAsync(); // OK: an unknown receiver, twice
            var tomorrow = await _weather.TomorrowAsync();
            return today.Length + tomorrow.Length;
        }

        public async Task<int> TwoUnknownsAsync()
        {
            var today = await _weather.TodayAsync(); // OK: two unknown services may share state
            var price = await _stocks.PriceAsync("ACME");
            return today.Length + price;
        }

        public async Task<int> OneUnknownAsync()
        {
            var today = await _weather.TodayAsync(); // sequential-awaits: one unknown call, one HttpClient call
            var news = await _http.GetStringAsync("/news");
            return today.Length + news.Length;
        }

        public async Task<int> ImplicitlyTypedAsync()
        {
            var client = MakeClient();
            var a = await client.GetStringAsync("/a"); // OK: `client` has no declared type
            var b = await client.GetStringAsync("/b");
            return a.Length + b.Length;
        }

        private static HttpClient MakeClient() => new HttpClient();
    }
}
