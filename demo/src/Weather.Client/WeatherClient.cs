using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Weather.Client
{
    /// <summary>Reads forecasts from a weather service.</summary>
    public class WeatherClient
    {
        private readonly HttpClient _http;
        private readonly ForecastCache _cache;

        public WeatherClient(HttpClient http, ForecastCache cache)
        {
            _http = http;
            _cache = cache;
        }

        public async Task<string> GetForecastAsync(string city)
        {
            var cached = await _cache.TryGetAsync(city);
            if (cached != null)
            {
                return cached;
            }

            var response = await _http.GetAsync("forecast/" + Uri.EscapeDataString(city));
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStringAsync();
            await _cache.StoreAsync(city, body);
            return body;
        }

        public async Task<IReadOnlyList<string>> GetForecastsAsync(IEnumerable<string> cities)
        {
            var results = new List<string>();
            foreach (var city in cities)
            {
                results.Add(await GetForecastAsync(city));
            }
            return results;
        }

        public async Task<bool> IsServiceUpAsync(CancellationToken cancellationToken)
        {
            using (var response = await _http.GetAsync("health", cancellationToken).ConfigureAwait(false))
            {
                return response.IsSuccessStatusCode;
            }
        }

        public Task SaveReportAsync(string path, string city) =>
            Task.Run(async () =>
            {
                var forecast = await GetForecastAsync(city);
                using (var writer = new StreamWriter(path))
                {
                    await writer.WriteAsync(forecast);
                }
            });

        public async Task WarmUpAsync(bool everything)
        {
            await (everything ? _cache.LoadAllAsync() : _cache.LoadRecentAsync());
            await Task.Yield();
        }
    }
}
