// compile: skip (local functions need C# 7, which mcs does not parse)
using System.Threading.Tasks;

namespace LocalFunctions
{
    public class Pipeline
    {
        public async Task<int> RunAsync()
        {
            async Task<int> Step() => await ComputeAsync(); // redundant-await: a local function
            async Task<int> Twice() => await Step(); // redundant-await: a local function calling one
            async Task<long> Widened() => await ComputeAsync(); // OK: the `await` converts `int` to `long`
            async ValueTask<int> Value() => await ComputeAsync(); // OK: a `Task<int>` is not a `ValueTask<int>`
            return await Twice() + await Widened() + await Value(); // OK: not the only await
        }

        public async Task<int> UsingDeclarationAsync()
        {
            using var scope = new System.IO.MemoryStream();
            return await ComputeAsync(); // OK: `using var` disposes when the method returns
        }

        public async Task<int> LocalAfterReturnAsync()
        {
            return await Helper(); // redundant-await: a local function declared after the `return` is not a statement that runs

            Task<int> Helper() => ComputeAsync();
        }

        public async Task<int> ClosedUsingDeclarationAsync()
        {
            {
                using var scope = new System.IO.MemoryStream();
                scope.WriteByte(1);
            }
            return await ComputeAsync(); // redundant-await: the `using var` was disposed when its block closed
        }

        public async ValueTask<int> ValueAsync() => await ReadAsync(); // redundant-await: same `ValueTask<int>`

        public async Task<int> MixedAsync() => await ReadAsync(); // OK: a `ValueTask<int>` is not a `Task<int>`

        private Task<int> ComputeAsync() => Task.FromResult(1);

        private ValueTask<int> ReadAsync() => new ValueTask<int>(2);
    }
}
