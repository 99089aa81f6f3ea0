// Awaits in lambdas, anonymous methods, constructors, accessors and initializers: what counts is the
// innermost function, which must be `async` for `await` to be the operator (local functions are in
// LocalFunctions.cs).
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Fixtures.Functions
{
    public class Scheduler
    {
        // Lambdas in field and property initializers.
        private readonly Func<Task> _tick = async () => await Task.Delay(10); // missing-configure-await: field initializer

        public Func<Task<int>> Counter { get; } = async () => await Task.FromResult(1); // missing-configure-await: property initializer

        public Func<string, Task<int>> Parser => async text => await ParseAsync(text); // missing-configure-await: expression-bodied property

        private readonly List<Func<Task>> _jobs = new List<Func<Task>>();

        public Scheduler()
        {
            // A constructor cannot be async, but a lambda in it can.
            _jobs.Add(async () => await Task.Delay(1)); // missing-configure-await: lambda in a constructor
            _jobs.Add(() => Task.Delay(1)); // OK: no await
        }

        public Task RunAllAsync()
        {
            // The method is not async; the lambdas are.
            return Task.WhenAll(_jobs.Select(async job => await job())); // missing-configure-await: lambda with a parameter
        }

        public async Task StatementLambdasAsync()
        {
            Func<int, Task<int>> twice = async (int x) =>
            {
                var once = await ParseAsync(x.ToString()); // missing-configure-await: statement lambda
                return once * 2;
            };
            await twice(21); // missing-configure-await: invoking a delegate
            await Task.Run(async () => await ParseAsync("1")); // missing-configure-await: both awaits
        }

        public async Task AnonymousMethodsAsync()
        {
            Func<Task> handler = async delegate
            {
                await Task.Delay(5); // missing-configure-await: anonymous method
            };
            Func<int, Task<int>> withParameters = async delegate (int x) { return await ParseAsync(x.ToString()); }; // missing-configure-await
            await handler(); // missing-configure-await
            await withParameters(1); // missing-configure-await
        }

        public event EventHandler Ticked
        {
            // Accessors cannot be async; a lambda inside one can.
            add { _jobs.Add(async () => await Task.Delay(0)); } // missing-configure-await: lambda in an accessor
            remove { }
        }

        public int this[int index]
        {
            get
            {
                Func<Task<int>> lookup = async () => await ParseAsync(index.ToString()); // missing-configure-await: lambda in an indexer
                return index;
            }
        }

        private static Task<int> ParseAsync(string text) => Task.FromResult(int.Parse(text));
    }
}
