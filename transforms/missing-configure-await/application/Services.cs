// An application owns its context: in the default `--configure-await auto` mode nothing in a web,
// desktop or console application project is reported, not even plain service classes.
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.Application
{
    public class WeatherService
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<string> GetForecastAsync(string city)
        {
            var response = await _http.GetAsync("https://weather.example/" + city); // OK: an application project
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(); // OK
        }

        public async Task SaveAsync(string path, string text)
        {
            using (var writer = new StreamWriter(path))
            {
                await writer.WriteAsync(text); // OK
            }
        }
    }
}
