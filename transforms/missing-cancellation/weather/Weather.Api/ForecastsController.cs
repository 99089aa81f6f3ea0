// The root in the application: the action gets a token that ASP.NET Core binds to the request.
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Weather.Core;
using Weather.Core.Sources;

namespace Weather.Api
{
    public class ForecastsController : ControllerBase
    {
        private readonly ForecastService _service = new ForecastService(new CachedForecastSource(new HttpForecastSource()));

        public async Task<object> Get(string[] cities)
        {
            return Ok(await _service.ForecastsAsync(cities));
        }

        public async Task<object> Today(string city)
        {
            return Ok(await _service.TodayAsync(city));
        }
    }

    public static class Program
    {
        public static async Task Main(string[] args)
        {
            var service = new ForecastService(new HttpForecastSource());
            await service.ForecastsAsync(args); // OK: Main has no token to give
        }
    }
}
