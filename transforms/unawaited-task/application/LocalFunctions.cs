// compile: skip (mcs does not know local functions)
using System.Threading.Tasks;

namespace Fixtures.UnawaitedTask.LocalFunctions
{
    public class Job
    {
        public async Task RunAsync()
        {
            Task StepAsync() => Task.Delay(1);
            void Step() { }

            StepAsync(); // unawaited-task: a local function returning a task
            Step(); // OK: returns void

            async Task InnerAsync()
            {
                StepAsync(); // unawaited-task: inside an async local function
            }

            await InnerAsync();
        }
    }
}
