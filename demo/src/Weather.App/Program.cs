using System;
using System.Net.Http;
using System.Threading.Tasks;
using Weather.Client;

namespace Weather.App
{
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            // An application owns its context: no ConfigureAwait needed here.
            var client = new WeatherClient(new HttpClient { BaseAddress = new Uri("https://weather.example/") }, new ForecastCache());
            foreach (var city in args)
            {
                Console.WriteLine(await client.GetForecastAsync(city));
            }
            PrintForecast(client, "Oslo");
            return 0;
        }

        // Synchronous code blocking on a task: it can be async all the way up to Main.
        private static void PrintForecast(WeatherClient client, string city)
        {
            Console.WriteLine(client.GetForecastAsync(city).Result);
        }
    }
}
