// Tabs and CRLF line endings: the inserted lines follow the file.
using System;
using System.Threading.Tasks;

namespace Fixtures.WhenAllExceptions.Tabs
{
	public class Batch
	{
		public async Task RunAsync(Task[] tasks)
		{
			try
			{
				await Task.WhenAll(tasks); // when-all-exceptions
			}
			catch (Exception e)
			{
				Console.WriteLine(e.Message);
			}
		}

		public async Task LogAsync(Task[] tasks)
		{
			try
			{
				await Task.WhenAll(tasks); // OK: nothing is lost
			}
			catch
			{
				Console.WriteLine("failed");
			}
		}
	}
}
