// compile: skip (mcs does not know local functions, C# 7.0)
// Awaits in local functions: the local function itself must be `async`.
using System.Threading.Tasks;

namespace Fixtures.LocalFunctions
{
    public class Parser
    {
        public async Task<int> LocalFunctionsAsync(string[] inputs)
        {
            var total = 0;
            foreach (var input in inputs)
            {
                total += await ParseOneAsync(input); // missing-configure-await: calling a local function
            }
            return total;

            async Task<int> ParseOneAsync(string input)
            {
                return await ParseAsync(input.Trim()); // missing-configure-await: local function
            }
        }

        public Task<int> SyncWithAsyncLocalFunction()
        {
            return Inner();

            async Task<int> Inner() => await ParseAsync("3"); // missing-configure-await: expression-bodied local function
        }

        public int SyncLocalFunction()
        {
            return Twice(21);

            int Twice(int x) => x * 2; // OK: no await
        }

        private static Task<int> ParseAsync(string text) => Task.FromResult(int.Parse(text));
    }
}
