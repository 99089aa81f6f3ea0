using System;
using System.Text;
using AsyncVoid.TaskType;

namespace AsyncVoid.TaskType.Sorted
{
    // `using System.Threading.Tasks;` goes among the `System` directives, before the others.
    public class Writer
    {
        private readonly StringBuilder _text = new StringBuilder();

        private async void Write(Beeper beeper) // async-void
        {
            await System.Threading.Tasks.Task.Delay(1);
            _text.Append(beeper);
            Console.WriteLine(_text);
        }
    }
}
