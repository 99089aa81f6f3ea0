using System;
using System.Threading.Tasks;

namespace Shop.Core.Stops
{
    // Each seed here meets something that stops its chain: reported without a fix.
    public class Stops
    {
        private readonly object _gate = new object();
        private int _last;

        public Stops()
        {
            _last = Initial();
        }

        public int Current => Fetched();

        public static Task<int> LengthAsync(string s) => Task.FromResult(s.Length);

        public static Task FlushAsync() => Task.Delay(1);

        public int ReadInto(ref int total)
        {
            total += LengthAsync("ref").Result; // async-all-the-way: a ref parameter
            return total;
        }

        public int Measure() => LengthAsync("out").Result; // async-all-the-way: its caller has an out parameter

        public bool TryMeasure(out int n)
        {
            n = Measure();
            return true;
        }

        public int Guarded() => LengthAsync("lock").Result; // async-all-the-way: called inside lock

        public void UnderLock()
        {
            lock (_gate)
            {
                _last = Guarded();
            }
        }

        public int Sized() => LengthAsync("lambda").Result; // async-all-the-way: called from a lambda

        public Func<int> Later() => () => Sized();

        public int Initial() => LengthAsync("ctor").Result; // async-all-the-way: called from a constructor

        public int Fetched() => LengthAsync("property").Result; // async-all-the-way: called from a property

        public int Grouped() => LengthAsync("group").Result; // async-all-the-way: used as a method group

        public Func<int> AsDelegate() => Grouped;

        public int Unresolved() => LengthAsync("unknown").Result; // async-all-the-way: an unresolved call

        public static int CallSomewhere(object[] targets) => ((Stops)targets[0]).Unresolved();

        public int Deferred()
        {
            Func<int> later = () => LengthAsync("x").Result; // OK: in a lambda, sync-over-async's
            FlushAsync().Wait(100); // OK: a timeout has no `await` equivalent
            return later() + _last;
        }

        public Task<int> NotAsync()
        {
            var n = LengthAsync("task").Result; // OK: returns a task without `async`
            return Task.FromResult(n);
        }
    }
}
