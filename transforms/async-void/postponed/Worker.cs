using System.Threading.Tasks;

namespace AsyncVoid.Postponed.Work
{
    public static class Worker
    {
        public static async void Run() // async-void: its caller is in Form.cs
        {
            await Task.Delay(1);
        }
    }
}
