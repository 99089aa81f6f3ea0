// Tabs and CRLF line endings are kept.
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.Tabs
{
	public class Tabbed
	{
		private readonly HttpClient _http = new HttpClient();

		public async Task<int> LoadAsync()
		{
			var a = await _http.GetStringAsync("/a"); // sequential-awaits
			var b = await _http.GetStringAsync("/b");
			return a.Length + b.Length;
		}
	}
}
