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

        // The controller of Weather.Web calls this with the request's token in hand: a token
        // parameter threaded from ForecastCache up to the controller lets a closed request stop it.
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

        // The token is right there, but the request does not get it.
        public async Task<string> GetAlertsAsync(string city, CancellationToken cancellationToken)
        {
            var response = await _http.GetAsync("alerts/" + Uri.EscapeDataString(city));
            return await response.Content.ReadAsStringAsync();
        }

        // Two independent requests, one after the other.
        public async Task<string> CompareAsync(string first, string second)
        {
            var today = await _http.GetStringAsync("today/" + Uri.EscapeDataString(first));
            var tomorrow = await _http.GetStringAsync("today/" + Uri.EscapeDataString(second));
            return today + Environment.NewLine + tomorrow;
        }

        // A thread-pool thread only to start I/O that is asynchronous already.
        public Task<string> GetRawAsync(string path) => Task.Run(() => _http.GetStringAsync(path));

        // Blocks on a task in the middle of async code.
        public async Task<string> GetSummaryAsync(string city)
        {
            var forecast = _cache.TryGetAsync(city).Result;
            await _cache.StoreAsync(city, forecast ?? "unknown");
            return forecast;
        }

        // Holds a thread while it waits; the call has an async twin.
        public async Task<string> ReadSavedAsync(string path)
        {
            using (var reader = new StreamReader(path))
            {
                await Task.Yield();
                return reader.ReadToEnd();
            }
        }

        // Only the first failure reaches the handler; the others are lost.
        public async Task WarmUpAsync(Action<Exception> log)
        {
            try
            {
                await Task.WhenAll(_cache.LoadAllAsync(), _cache.LoadRecentAsync());
            }
            catch (Exception e)
            {
                log(e);
            }
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
    }
}
