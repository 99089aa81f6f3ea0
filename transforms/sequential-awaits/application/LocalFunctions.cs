// compile: skip (mcs does not know local functions)
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.LocalFunctions
{
    public class Pages
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<int> RenderAsync()
        {
            return await Load();

            async Task<int> Load()
            {
                var header = await _http.GetStringAsync("/header"); // sequential-awaits: in a local function
                var footer = await _http.GetStringAsync("/footer");
                return header.Length + footer.Length;
            }
        }

        public async Task<int> CallsLocalFunctionAsync()
        {
            var header = await _http.GetStringAsync("/header"); // OK: `Footer` may read `header`
            var footer = await Footer();
            return header.Length + footer.Length;

            Task<string> Footer() => _http.GetStringAsync("/footer?after=" + header);
        }
    }
}
