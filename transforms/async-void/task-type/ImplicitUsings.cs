// compile: skip (relies on an implicit `global using System.Threading.Tasks;` of the .NET SDK)
using System;

namespace AsyncVoid.TaskType.Implicit
{
    // `Task` is used without a using directive: it is in scope already, no using is added.
    public class Reader
    {
        public Task ReadAsync() => Task.Delay(1);

        private async void Read() // async-void
        {
            await ReadAsync();
            Console.WriteLine("read");
        }
    }
}
