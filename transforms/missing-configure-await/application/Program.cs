// The entry point of a web application: awaits here resume wherever the host decides.
using System;
using System.Threading.Tasks;

namespace Fixtures.Application
{
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            var service = new WeatherService();
            foreach (var city in args)
            {
                Console.WriteLine(await service.GetForecastAsync(city)); // OK: an application project
            }
            await Task.Delay(10); // OK
            return 0;
        }
    }
}
