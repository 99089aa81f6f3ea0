using System;
using System.Threading.Tasks;

namespace AsyncVoid.TaskType.Tabs
{
	public class Tabbed
	{
		private async void OnClick(object sender, EventArgs e) // async-void: tabs and CRLF
		{
			await Task.Delay(1);
			Console.WriteLine("clicked");
		}

		private async void Run() { await Task.Delay(1); } // async-void: one line

		private void Caller() { Run(); }
	}
}
