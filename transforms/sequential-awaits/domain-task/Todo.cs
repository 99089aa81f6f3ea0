// A workspace type called `Task` (a to-do item): the rewrite names the framework's
// `global::System.Threading.Tasks.Task`.
using System.Net.Http;

namespace Fixtures.DomainTask
{
    public class Task
    {
        public string Title { get; set; }
    }

    public class Board
    {
        private readonly HttpClient _http = new HttpClient();

        public async System.Threading.Tasks.Task<int> LoadAsync()
        {
            var todo = await _http.GetStringAsync("/todo"); // sequential-awaits
            var done = await _http.GetStringAsync("/done");
            return todo.Length + done.Length;
        }
    }
}
