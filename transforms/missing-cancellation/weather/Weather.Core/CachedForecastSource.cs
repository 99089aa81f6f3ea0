// The second implementation: it has no cancellable work of its own, but its signature changes with the family.
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Weather.Core.Sources
{
    public class CachedForecastSource : IForecastSource
    {
        private readonly Dictionary<string, string> _cache = new Dictionary<string, string>();
        private readonly IForecastSource _inner;

        public CachedForecastSource(IForecastSource inner)
        {
            _inner = inner;
        }

        public async Task<string> FetchAsync(string city)
        {
            string cached;
            if (_cache.TryGetValue(city, out cached))
            {
                return cached;
            }
            var fresh = await _inner.FetchAsync(city).ConfigureAwait(false);
            _cache[city] = fresh;
            return fresh;
        }
    }
}
