// Test code: the runner calls the tests and the tests call their helpers, so no token comes down.
using System.Threading.Tasks;

namespace Fixtures.Tests
{
    public static class Wait
    {
        public static async Task ForAWhileAsync()
        {
            await Task.Delay(10); // OK: test project
        }
    }
}
