using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Weather.Client
{
    /// <summary>Keeps recent forecasts in memory.</summary>
    public class ForecastCache
    {
        private readonly ConcurrentDictionary<string, string> _entries = new ConcurrentDictionary<string, string>();
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        public async Task<string> TryGetAsync(string city)
        {
            await _gate.WaitAsync();
            try
            {
                string value;
                return _entries.TryGetValue(city, out value) ? value : null;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task StoreAsync(string city, string forecast)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                _entries[city] = forecast;
            }
            finally
            {
                _gate.Release();
            }
        }

        public Task LoadAllAsync() => Task.Delay(10);

        public Task LoadRecentAsync() => Task.Delay(5);
    }
}
