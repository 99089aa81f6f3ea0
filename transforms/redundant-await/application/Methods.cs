using System.Threading.Tasks;

namespace Methods
{
    public class Repository
    {
        public async Task<string> FindAsync(int id) => await LoadAsync(id); // redundant-await: same declared type

        public async Task<string> FindConfiguredAsync(int id) => await LoadAsync(id).ConfigureAwait(false); // redundant-await: `ConfigureAwait` goes too

        public async Task<string> FindBlockAsync(int id)
        {
            var key = id + 1;
            return await this.LoadAsync(key); // redundant-await: a final `return await`
        }

        public async Task StoreAsync(string text) => await SaveAsync(text); // redundant-await: `Task` for `Task`

        public async Task StoreResultAsync(int id) => await LoadAsync(id); // redundant-await: `Task<string>` converts to `Task`

        public async Task PauseAsync() => await Task.Delay(10); // redundant-await: `Task.Delay` returns a `Task`

        public static async Task<string> StaticAsync() => await Storage.ReadAsync("key"); // redundant-await: a static workspace method

        public async Task<string> OverloadAsync() => await LoadAsync("name"); // redundant-await: every overload returns `Task<string>`

        public Task<string> LoadAsync(int id) => Task.FromResult(id.ToString());

        public Task<string> LoadAsync(string name) => Task.FromResult(name);

        public Task SaveAsync(string text) => Task.Delay(text.Length);
    }

    public static class Storage
    {
        public static Task<string> ReadAsync(string key) => Task.FromResult(key);
    }
}
