using System;
using System.Threading.Tasks;

namespace AsyncVoid.Methods
{
    public class Saver
    {
        private readonly object _gate = new object();

        internal async void SaveAll() // async-void: called here and from Callers.cs
        {
            await Task.Delay(1);
        }

        private async void Log(string message) => await Task.Delay(message.Length); // async-void: expression body

        internal static async void Flush() // async-void: called as `Saver.Flush()` from Callers.cs
        {
            await Task.Yield();
        }

        private async void Unused() // async-void: no callers at all
        {
            await Task.Delay(1);
        }

        public async Task RunAsync()
        {
            SaveAll(); // OK: the call is awaited after the fix
            this.Log("run");
            lock (_gate)
            {
                Log("locked"); // OK: no `await` inside `lock`: the task is discarded
            }
        }

        public void Run()
        {
            SaveAll(); // OK: sync code discards the task
            Action a = () => Log("expression lambda");
            Func<Task> f = async () => { Log("async lambda"); };
        }

        public async Task AlreadyAsync() // OK: returns a task
        {
            await Task.Delay(1);
        }

        public void NotAsync() // OK: not async
        {
        }
    }
}
