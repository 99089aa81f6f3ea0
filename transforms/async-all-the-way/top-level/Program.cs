// compile: skip (top-level statements need C# 9)
using System;
using System.Threading.Tasks;

// Top-level statements become async by holding an `await`: the call is awaited.
Console.WriteLine(Greeter.Greet("world"));

static class Greeter
{
    public static string Greet(string name) => Task.FromResult("hello " + name).Result; // async-all-the-way

    public static async Task<string> GreetTwiceAsync(string name) => await Task.FromResult(name); // OK: already async
}
