// Methods a framework calls by reflection keep their signature: a benchmark has no caller to pass a token.
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Fixtures.Benchmarks
{
    public class DelayBenchmarks
    {
        [Benchmark]
        public async Task DelayOnce()
        {
            await Task.Delay(1); // OK: called by BenchmarkDotNet
        }
    }
}
