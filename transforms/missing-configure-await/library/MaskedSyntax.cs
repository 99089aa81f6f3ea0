// Valid C# that tree-sitter-c-sharp cannot read as it is: asyncfix parses a masked view (`async`
// as an identifier read as `asyn_`, the first branch of each `#if` kept, the others blanked) and
// never edits the masked bytes.
using System.Threading.Tasks;

namespace Fixtures.MaskedSyntax
{
    public class Reader
    {
        private Task<int> ReadCore(bool async, int count)
        {
            return Task.FromResult(async ? count : 0);
        }

        public async Task<int> ReadAsync(bool async)
        {
            if (async)
                return await ReadCore(async, 1); // missing-configure-await: `async` as an argument
            return await ReadCore(async: false, count: 2); // missing-configure-await: `async` as a named argument
        }

        public async Task<int> SumAsync()
        {
            var total = await ReadCore( // missing-configure-await: the fix goes after the `#endif`
#if DEBUG
                true,
#else
                false,
#endif
                3);
            return total;
        }

        public async Task<int> BranchAsync()
        {
#if DEBUG
            var first = await ReadCore(true, 4); // missing-configure-await: the first branch is read
#else
            var first = await ReadCore(false, 5); // OK: other branches are blanked, never read or edited
#endif
            return first;
        }
    }
}
