using System.Threading.Tasks;

namespace Shop.Core.Naming
{
    public class Loader
    {
        private static Task<int> ReadAsync(string s) => Task.FromResult(s.Length);

        // `LoadAsync` exists: the method keeps its name.
        public Task<int> LoadAsync() => ReadAsync("l");

        public int Load() => ReadAsync("l").Result; // async-all-the-way

        public int LoadTwice() => Load() + Load();

        // Two waits in one method: one fix awaits both.
        public int Both() => ReadAsync("a").Result + ReadAsync("b").GetAwaiter().GetResult(); // async-all-the-way

        // A caller that is already async only awaits.
        public async Task<int> BothTwiceAsync()
        {
            await Task.Yield();
            return Both() * 2;
        }

        // `nameof(Named)` would be left behind by a rename: the method keeps its name.
        public int Named() => ReadAsync(nameof(Named)).Result; // async-all-the-way

        public void Save()
        {
            ReadAsync("s").Wait(); // async-all-the-way
        }
    }
}
