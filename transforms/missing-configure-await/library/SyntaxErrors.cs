// Code that the parser cannot read is never edited: a finding there is reported without a fix, and
// the rest of the file is fixed as usual. tree-sitter-c-sharp misreads valid C# 6 here: a
// conditional element access awaited as a statement (`await a?.B[0];`).
using System.Threading.Tasks;

namespace Fixtures.SyntaxErrors
{
    public class Batch
    {
        private readonly Task<int>[] _pending = { Task.FromResult(1) };
        private readonly Batch _next;

        public Batch(Batch next)
        {
            _next = next;
        }

        public async Task FirstAsync()
        {
            await _next?._pending[0]; // OK: the parser cannot read this statement, so it is left alone
        }

        public async Task<int> SecondAsync()
        {
            var value = await Task.FromResult(2); // missing-configure-await: elsewhere fixes still apply
            return value;
        }
    }
}
