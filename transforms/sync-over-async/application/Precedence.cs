using System.Threading.Tasks;

namespace Precedence
{
    public class Text
    {
        public async Task<int> ChainAsync() => GetTextAsync().Result.Length; // sync-over-async: `(await …).Length`

        public async Task<char> IndexAsync() => GetTextAsync().Result[0]; // sync-over-async: `(await …)[0]`

        public async Task<bool> NegationAsync() => !FlagAsync().Result; // sync-over-async: `!await …`

        public async Task<object> CastAsync() => (object)GetTextAsync().Result; // sync-over-async: `(object)(await …)`

        public async Task<int> ArithmeticAsync() => CountAsync(1).Result * 2 + 1; // sync-over-async

        public async Task<string> InterpolationAsync() => $"<{GetTextAsync().Result}>"; // sync-over-async

        public async Task<int> NestedAsync() => CountAsync(CountAsync(1).Result).Result; // sync-over-async: two findings

        public async Task<string> ParenthesizedAsync(bool flag)
        {
            return (flag ? GetTextAsync() : OtherAsync()).Result; // sync-over-async: `await (… ? … : …)`
        }

        public async Task<int> CommentInChainAsync()
        {
            return GetTextAsync() // sync-over-async: this comment would be lost: reported without a fix
                .Result
                .Length;
        }

        public async Task<int> MultilineAsync()
        {
            // The chain below is fixed across its lines.
            return GetTextAsync()
                .Result
                .Length;
        }

        private Task<string> GetTextAsync() => Task.FromResult("text");

        private Task<string> OtherAsync() => Task.FromResult("other");

        private Task<bool> FlagAsync() => Task.FromResult(true);

        private Task<int> CountAsync(int n) => Task.FromResult(n);
    }
}
