// The start of a chain: a method that awaits work a token could stop, with no token to give.
using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.Client
{
    public class ForecastClient
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<string> FetchAsync(string city) // missing-cancellation
        {
            var response = await _http.GetAsync("/forecast/" + city);
            await Task.Delay(100);
            return response.ReasonPhrase;
        }

        // A local already called `cancellationToken`: the new parameter takes another name.
        public async Task<int> RetryAsync(int times) // missing-cancellation
        {
            var cancellationToken = "retry";
            await Task.Delay(times);
            return cancellationToken.Length;
        }
    }
}
