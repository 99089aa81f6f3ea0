using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Shop.Core;

namespace Shop.App
{
    public class Downloader
    {
        public event EventHandler Finished;

        private readonly CatalogClient _client = new CatalogClient(new HttpClient(), "cache");

        public async void Start()
        {
            await _client.GetPageAsync(CancellationToken.None);
            Finished?.Invoke(this, EventArgs.Empty);
        }

        public async void OnTimer(object sender, EventArgs e)
        {
            var title = await _client.GetTitleAsync(1);
            Console.WriteLine(title);
            Thread.Sleep(100);
        }

        public async Task RunAsync()
        {
            Start();
            var count = _client.CountAsync().Result;
            Console.WriteLine(count);
        }
    }

    public static class Program
    {
        public static async Task Main()
        {
            var downloader = new Downloader();
            await downloader.RunAsync();
        }
    }
}
