using System.Threading.Tasks;

namespace AsyncWithoutAwait.Suppressed
{
    public class Legacy
    {
#pragma warning disable CS1998 // kept async on purpose
        public async Task<int> KeptAsync() // OK: CS1998 is suppressed here
        {
            return 1;
        }
#pragma warning restore CS1998

        public async Task<int> AfterAsync() // async-without-await: the suppression ended
        {
            return 2;
        }

        public async Task<int> ConditionalAsync() // async-without-await: no fix with `#if` in the body
        {
#if DEBUG
            return 1;
#else
            return 2;
#endif
        }
    }
}
