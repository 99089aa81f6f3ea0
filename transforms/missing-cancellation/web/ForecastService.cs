// The middle of the chain, in another file: callers without a token get one, callers with one pass it.
using System.Threading;
using System.Threading.Tasks;
using Fixtures.Client;

namespace Fixtures.Services
{
    public class ForecastService
    {
        private readonly ForecastClient _client = new ForecastClient();

        public async Task<string> TodayAsync(string city)
        {
            return await _client.FetchAsync(city);
        }

        public async Task<string> WithTokenAsync(string city, CancellationToken token)
        {
            return await _client.FetchAsync(city);
        }

        public Task<int> RetryTwiceAsync(CancellationToken token)
        {
            return _client.RetryAsync(2);
        }
    }
}
