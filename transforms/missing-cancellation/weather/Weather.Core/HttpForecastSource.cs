// The work a token can stop: an HTTP request, in a library (ConfigureAwait is another transform's business).
using System.Net.Http;
using System.Threading.Tasks;

namespace Weather.Core.Sources
{
    public class HttpForecastSource : IForecastSource
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<string> FetchAsync(string city) // missing-cancellation
        {
            var response = await _http.GetAsync("forecast/" + city).ConfigureAwait(false);
            return response.ReasonPhrase;
        }
    }
}
