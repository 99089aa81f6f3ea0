// compile: skip (a method group converts to `Delegate` from C# 10 on)
// Minimal-API handlers passed as method groups: ASP.NET Core binds a CancellationToken parameter to the request.
using System;
using System.Threading.Tasks;

namespace Fixtures.Routes
{
    public class RouteBuilder
    {
        public void MapGet(string pattern, Delegate handler)
        {
        }
    }

    public static class ItemsApi
    {
        public static void Map(RouteBuilder app)
        {
            app.MapGet("/items", GetItems);
        }

        public static async Task<string> GetItems(string filter) // missing-cancellation
        {
            await Task.Delay(10);
            return filter;
        }
    }
}
