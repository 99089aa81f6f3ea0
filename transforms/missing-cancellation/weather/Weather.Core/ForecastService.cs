// The middle of the chain, in a third file of the library: no token yet, so it gets one too.
using System.Collections.Generic;
using System.Threading.Tasks;
using Weather.Core.Sources;

namespace Weather.Core
{
    public class ForecastService
    {
        private readonly IForecastSource _source;

        public ForecastService(IForecastSource source)
        {
            _source = source;
        }

        public async Task<IList<string>> ForecastsAsync(IEnumerable<string> cities)
        {
            var results = new List<string>();
            foreach (var city in cities)
            {
                results.Add(await _source.FetchAsync(city).ConfigureAwait(false));
            }
            return results;
        }

        // A name taken by a field: the new parameter gets another.
        private readonly string cancellationToken = "unused";

        public Task<string> TodayAsync(string city)
        {
            return _source.FetchAsync(city + cancellationToken.Length);
        }
    }
}
