namespace AsyncVoid.TaskType
{
    // No using directive at all: `Task` is written with its namespace.
    public class Beeper
    {
        private async void Beep() // async-void
        {
            await System.Threading.Tasks.Task.Delay(1);
        }
    }
}
