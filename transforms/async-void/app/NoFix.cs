using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace AsyncVoid.NoFix
{
    public abstract class Job
    {
        public abstract void Execute();

        public virtual async void Refresh() // async-void: virtual, overrides would change too
        {
            await Task.Delay(1);
        }
    }

    public class PrintJob : Job
    {
        public override async void Execute() // async-void: overrides a `void` method
        {
            await Task.Delay(1);
        }
    }

    public interface IRunner
    {
        void Run();

        void Pause();
    }

    public class Runner : IRunner
    {
        public async void Run() // async-void: implements `IRunner.Run`
        {
            await Task.Delay(1);
        }

        async void IRunner.Pause() // async-void: explicit implementation
        {
            await Task.Delay(1);
        }
    }

    public class Disposer : IDisposable
    {
        public async void Dispose() // async-void: may implement `IDisposable.Dispose`
        {
            await Task.Delay(1);
        }

        private async void Cleanup() // async-void: private, cannot implement an interface: fixed
        {
            await Task.Delay(1);
        }

        public static async void Reset() // async-void: static, cannot implement an interface: fixed
        {
            await Task.Delay(1);
        }
    }

    public class Store
    {
        public async void Sync() // async-void: `CachedStore.Sync` hides it
        {
            await Task.Delay(1);
        }
    }

    public class CachedStore : Store
    {
        public new void Sync()
        {
        }
    }

    public class Scheduler
    {
        public Scheduler()
        {
            Action tick = Tick;
            new List<int>().ForEach(Process);
            Console.WriteLine(nameof(Named));
        }

        private async void Tick() // async-void: used as an `Action`
        {
            await Task.Delay(1);
        }

        private async void Process(int x) // async-void: passed to `ForEach`
        {
            await Task.Delay(x);
        }

        private async void Named() // async-void: `nameof` is not a delegate: fixed
        {
            await Task.Delay(1);
        }

        private async void NoAwait() // async-void: no `await`: async-without-await's business
        {
            Console.WriteLine("sync");
        }
    }
}

namespace AsyncVoid.NoFix.Tests
{
    using System;
    using System.Threading.Tasks;

    [AttributeUsage(AttributeTargets.Method)]
    public class FactAttribute : Attribute
    {
    }

    public class DisposableTests : IDisposable
    {
        [Fact]
        public async void Loads() // async-void: a test method implements no interface: fixed
        {
            await Task.Delay(1);
        }

        public void Dispose()
        {
        }
    }
}
