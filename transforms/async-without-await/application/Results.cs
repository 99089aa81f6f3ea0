using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace AsyncWithoutAwait.Results
{
    public class Store
    {
        private readonly List<int> _items = new List<int>();

        public async Task<int> AnswerAsync() => 42; // async-without-await: safe, a literal

        public async Task<int> EchoAsync(int value) // async-without-await: safe, a parameter
        {
            return value;
        }

        public async Task<string> NothingAsync() // async-without-await: `return null` needs the type argument
        {
            return null;
        }

        public async Task<long> WidenAsync() // async-without-await: `int` returned as `long`
        {
            return 1;
        }

        public async Task<IEnumerable<int>> ListAsync(bool empty) // async-without-await: unsafe, may throw
        {
            if (empty)
            {
                return new List<int>();
            }
            return _items.ToArray();
        }

        public async Task<int> CountAsync() => _items.Count; // async-without-await

        public async Task<string> DescribeAsync(int id) => // async-without-await
            id > 0 ? "positive" : throw new ArgumentOutOfRangeException(nameof(id));

        public async Task<int> FailAsync() => throw new NotSupportedException(); // async-without-await

        public async Task<int> AwaitsAsync()
        {
            await Task.Yield(); // OK: awaits
            return 1;
        }

        public async Task<int> BlocksAsync(Task<int> pending) // async-without-await: no fix, sync-over-async makes it await
        {
            return pending.Result;
        }

        public System.Threading.Tasks.Task<int> Qualified() => Task.FromResult(0); // OK: not async

        public async System.Threading.Tasks.Task<int> QualifiedAsync() // async-without-await
        {
            return _items.Count;
        }
    }
}
