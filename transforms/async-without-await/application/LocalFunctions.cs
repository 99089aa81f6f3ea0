// compile: skip (local functions are C# 7.0; mcs does not know them)
using System.Threading.Tasks;

namespace AsyncWithoutAwait.LocalFunctions
{
    public class Outer
    {
        public async Task<int> RunAsync()
        {
            async Task<int> Local(int x) => x + 1; // async-without-await: a local function has a declared return type
            async Task Done() { } // async-without-await
            await Done(); // OK: the outer method awaits
            return await Local(1);
        }
    }
}
