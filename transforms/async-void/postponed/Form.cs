using System;
using System.Threading.Tasks;
using AsyncVoid.Postponed.Work;

namespace AsyncVoid.Postponed
{
    // The handler's body calls `Worker.Run`, whose fix (in Worker.cs) awaits the call here. The
    // two fixes overlap: the second one is built again on the text the first one left.
    public class Form
    {
        private async void OnClick(object sender, EventArgs e) // async-void: event handler
        {
            await Task.Delay(1);
            Worker.Run();
        }
    }
}
