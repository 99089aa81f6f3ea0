namespace BlockingCall.Qualified
{
    // No `using System.Threading.Tasks;`: the fix spells `Task` out.
    public static class Waiter
    {
        public static async System.Threading.Tasks.Task WaitAsync()
        {
            System.Threading.Thread.Sleep(5); // blocking-call
            await System.Threading.Tasks.Task.Yield();
        }
    }
}
