using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Core
{
    /// <summary>A library client where several pitfalls meet in the same methods.</summary>
    public class CatalogClient
    {
        private readonly HttpClient _http;
        private readonly string _cacheFolder;

        public CatalogClient(HttpClient http, string cacheFolder)
        {
            _http = http;
            _cacheFolder = cacheFolder;
        }

        public async Task<string> GetProductAsync(int id, CancellationToken cancellationToken)
        {
            var response = await _http.GetAsync("products/" + id);
            var body = response.Content.ReadAsStringAsync().Result;
            Thread.Sleep(10);
            return body;
        }

        public async Task<IReadOnlyList<string>> GetPageAsync(CancellationToken cancellationToken)
        {
            var first = await GetProductAsync(1, cancellationToken);
            var second = await GetProductAsync(2, cancellationToken);
            return new[] { first, second };
        }

        public async Task<string> GetCachedAsync(int id)
        {
            return await Task.Run(() => ReadCacheAsync(id));
        }

        public async Task<int> CountAsync()
        {
            return 42;
        }

        public async Task<string> GetTitleAsync(int id)
        {
            return await GetProductAsync(id, CancellationToken.None);
        }

        public async Task RefreshAllAsync(IEnumerable<int> ids)
        {
            var tasks = new List<Task<string>>();
            foreach (var id in ids)
            {
                tasks.Add(GetProductAsync(id, CancellationToken.None));
            }
            try
            {
                await Task.WhenAll(tasks);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine(e.Message);
            }
        }

        public async Task WarmUpAsync()
        {
            ReadCacheAsync(0);
            await Task.Delay(1);
        }

        private Task<string> ReadCacheAsync(int id) =>
            Task.FromResult(Path.Combine(_cacheFolder, id + ".json"));
    }
}
