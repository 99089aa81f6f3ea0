// Comments and preprocessor lines around an awaited expression: the fix goes around the code, and
// an operand split by `#if` is reported without a fix (a directive must start its line).
using System.Threading.Tasks;

namespace Fixtures.Trivia
{
    public class Loader
    {
        public async Task CommentedAsync()
        {
            await /* the slow part */ LoadAsync(); // missing-configure-await: the comment stays before the call
            await // why we wait
                LoadAsync(); // OK: reported on the line of `await`
            await LoadAsync() /* done */; // missing-configure-await: the comment stays after the fix
        }

        public async Task<int> ConditionalAsync()
        {
            return await // missing-configure-await: reported, no fix: a directive splits the operand
#if DEBUG
                CountAsync(1)
#else
                CountAsync(2)
#endif
                ;
        }

        private Task LoadAsync() => Task.Delay(1);

        private Task<int> CountAsync(int n) => Task.FromResult(n);
    }
}
