using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncVoid.Lambdas
{
    public class Publisher
    {
        public event EventHandler Published;

        public void Publish() => Published?.Invoke(this, EventArgs.Empty);
    }

    public class Lambdas
    {
        private readonly Action _onTick = async () => await Task.Delay(1); // async-void: field of type `Action`

        public void Run(List<int> items, CancellationToken token, Publisher publisher)
        {
            Action a = async () => await Task.Delay(1); // async-void
            Action<int> b = async x => await Task.Delay(x); // async-void
            var c = new Action(async () => await Task.Delay(1)); // async-void
            var d = (Action)(async () => await Task.Delay(1)); // async-void: cast
            items.ForEach(async x => await Task.Delay(x)); // async-void
            Parallel.ForEach(items, async x => await Task.Delay(x)); // async-void
            Parallel.For(0, 3, async i => await Task.Delay(i)); // async-void
            ThreadPool.QueueUserWorkItem(async _ => await Task.Delay(1)); // async-void
            new Thread(async () => await Task.Delay(1)).Start(); // async-void
            token.Register(async () => await Task.Delay(1)); // async-void
            new Task(async () => await Task.Delay(1)).Start(); // async-void
            Repeat(3, async () => await Task.Delay(1)); // async-void: a workspace method taking `Action`
            Repeat(3, delegate { Console.WriteLine(); }); // OK: not async
            Repeat(3, async delegate { await Task.Delay(1); }); // async-void: anonymous method

            Func<Task> f = async () => await Task.Delay(1); // OK: `Func<Task>`
            Task.Run(async () => await Task.Delay(1)); // OK: `Task.Run` takes a `Func<Task>`
            RepeatAsync(3, async () => await Task.Delay(1)); // OK: a workspace method taking `Func<Task>`
            publisher.Published += async (s, e) => await Task.Delay(1); // OK: an event handler
            Action sync = () => Console.WriteLine(); // OK: not async
            var nested = new Task<Task>(async () => await Task.Delay(1)); // OK: `Task<Task>` takes a `Func<Task>`
        }

        private static void Repeat(int times, Action action)
        {
            for (var i = 0; i < times; i++)
            {
                action();
            }
        }

        private static async Task RepeatAsync(int times, Func<Task> action)
        {
            for (var i = 0; i < times; i++)
            {
                await action();
            }
        }
    }
}
