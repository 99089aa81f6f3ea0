using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop.Core.Outside
{
    // Members implementing interfaces declared outside the workspace cannot change signature.
    public sealed class Disposer : IDisposable
    {
        public void Dispose()
        {
            Task.Delay(1).Wait(); // async-all-the-way: implements IDisposable.Dispose
        }
    }

    public sealed class ByLength : IComparer<string>
    {
        public int Compare(string a, string b)
        {
            return Task.FromResult(a.Length - b.Length).Result; // async-all-the-way: implements IComparer<T>.Compare
        }
    }
}
