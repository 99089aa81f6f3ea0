using System;

namespace AsyncVoid.TaskType
{
    // No `using System.Threading.Tasks;` here: the fix adds it after the last using directive.
    public class Poller
    {
        private async void Poll() // async-void
        {
            await System.Threading.Tasks.Task.Delay(1);
            Console.WriteLine("polled");
        }

        private async void OnPoll(object sender, EventArgs e) // async-void: event handler
        {
            await System.Threading.Tasks.Task.Delay(1);
            Console.WriteLine("polled");
        }
    }
}
