// Awaitables that have no `ConfigureAwait` method: adding one would not compile.
using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using static System.Threading.Tasks.Task;

namespace Fixtures.NotTaskLike
{
    /// <summary>A hand-written awaitable: `GetAwaiter()` is all `await` needs.</summary>
    public class Signal
    {
        public SignalAwaiter GetAwaiter() => new SignalAwaiter();
    }

    public struct SignalAwaiter : INotifyCompletion
    {
        public bool IsCompleted => true;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation) => continuation();
    }

    /// <summary>Stands in for Microsoft.VisualStudio.Threading's JoinableTaskFactory.</summary>
    public class JoinableTaskFactory
    {
        public Signal SwitchToMainThreadAsync() => new Signal();
    }

    public class Worker
    {
        private readonly JoinableTaskFactory _jtf = new JoinableTaskFactory();

        public async Task YieldAsync()
        {
            await Task.Yield(); // OK: `YieldAwaitable` has no ConfigureAwait
            await System.Threading.Tasks.Task.Yield(); // OK: qualified
            await Yield(); // OK: `using static System.Threading.Tasks.Task`
            await TaskScheduler.Default; // OK: Microsoft.VisualStudio.Threading's awaitable scheduler
        }

        public async Task CustomAwaitablesAsync()
        {
            await NextSignal(); // OK: a workspace method that returns a custom awaitable
            await this.NextSignal(); // OK: the same through `this.`
            await Signals.Create(); // OK: a static workspace method that returns a custom awaitable
            await _jtf.SwitchToMainThreadAsync(); // OK: known to return a custom awaitable
            await NextTask(); // missing-configure-await: a workspace method that returns a task
        }

        public async Task VariablesOfKnownTypesAsync(Source parameter, Task<int> pending)
        {
            var local = new Source();
            Source typed = parameter;
            await local.Next(); // OK: `local` is a `Source`, whose `Next()` returns a custom awaitable
            await typed.Next(); // OK: declared `Source`
            await parameter.Next(); // OK: a parameter of type `Source`
            await _source.Next(); // OK: a field of type `Source`
            await SignalProperty; // OK: a property declared as a custom awaitable
            await this.SignalProperty; // OK: the same through `this.`
            await Configured(); // OK: already a configured awaitable
            await pending; // missing-configure-await: a parameter declared as a task
            await _source.NextTask(); // missing-configure-await: `Source.NextTask()` returns a task
        }

        private readonly Source _source = new Source();

        public Signal SignalProperty => new Signal();

        private ConfiguredTaskAwaitable Configured() => Task.Delay(1).ConfigureAwait(false);

        public Signal NextSignal() => new Signal();

        public Task NextTask() => Task.CompletedTask;
    }

    public class Source
    {
        public Signal Next() => new Signal();

        public Task NextTask() => Task.CompletedTask;
    }

    /// <summary>Stands in for Microsoft.VisualStudio.Threading's `GetAwaiter(this TaskScheduler)`.</summary>
    public static class SchedulerAwaiting
    {
        public static SignalAwaiter GetAwaiter(this TaskScheduler scheduler) => new SignalAwaiter();
    }

    public static class Signals
    {
        public static Signal Create() => new Signal();
    }
}
