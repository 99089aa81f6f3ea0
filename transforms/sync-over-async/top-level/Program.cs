// compile: skip (top-level statements need C# 9)
using System;
using System.Net.Http;
using System.Threading.Tasks;

var http = new HttpClient();
var page = http.GetStringAsync("https://example.com").Result; // sync-over-async: top-level statements may await
Console.WriteLine(page.Length);
Task.Delay(100).Wait(); // sync-over-async
Console.WriteLine(Tool.Helper.Read()); // OK: a synchronous call

namespace Tool
{
    public static class Helper
    {
        public static string Read() => Task.FromResult("text").Result; // sync-over-async: a synchronous method: no fix
    }
}
