// The roots: a controller action gets a token the framework binds to the request; Main does not.
using System.Threading.Tasks;
using Fixtures.Services;
using Microsoft.AspNetCore.Mvc;

namespace Fixtures.Web
{
    [ApiController]
    public class ForecastController : ControllerBase
    {
        private readonly ForecastService _service = new ForecastService();

        public async Task<object> Get(string city)
        {
            return Ok(await _service.TodayAsync(city));
        }

        // An action that awaits cancellable work itself.
        public async Task<object> Ping() // missing-cancellation
        {
            await Task.Delay(10);
            return Ok("pong");
        }
    }

    public static class Program
    {
        public static async Task Main(string[] args)
        {
            var service = new ForecastService();
            await service.TodayAsync("Oslo");
            await Task.Delay(10); // OK: Main has no token to give
        }
    }
}

namespace Fixtures.Web.Overrides
{
    public abstract class ApiBase : ControllerBase
    {
        public abstract Task<object> List();
    }

    // An action that overrides a base action: both change together, as one family.
    public class ItemsController : ApiBase
    {
        private readonly ForecastService _service = new ForecastService();

        public override async Task<object> List()
        {
            return Ok(await _service.TodayAsync("Rome"));
        }
    }
}
