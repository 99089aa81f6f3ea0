using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace AsyncWithoutAwait.Completed
{
    public interface ISaver
    {
        Task SaveAsync(string item);
    }

    public abstract class SaverBase
    {
        public abstract Task FlushAsync();
    }

    public class Saver : SaverBase, ISaver
    {
        private readonly List<string> _items = new List<string>();

        public async Task SaveAsync(string item) // async-without-await: an interface implementation keeps its signature
        {
            if (item == null)
            {
                return;
            }
            _items.Add(item);
        }

        public override async Task FlushAsync() // async-without-await: an override keeps its signature
        {
            _items.Clear();
        }

        public async Task EmptyAsync() { } // async-without-await: safe, nothing can throw

        public async Task LogAsync(string message) => Console.WriteLine(message); // async-without-await

        public async Task CheckAsync(string item) // async-without-await: the end is unreachable
        {
            if (item == null)
            {
                throw new ArgumentNullException(nameof(item));
            }
            else
            {
                return;
            }
        }

        public async Task LoopAsync() // async-without-await: a loop without end
        {
            while (true)
            {
                _items.Clear();
            }
        }

        public async Task TryAsync() // async-without-await
        {
            try
            {
                _items.Clear();
            }
            finally
            {
                Console.WriteLine("done");
            }
        }

        public async void OnClick(object sender, EventArgs e) // OK: async void is async-void's business
        {
            _items.Clear();
        }

        public async Task NestedAsync() // async-without-await: the await belongs to the lambda
        {
            Func<Task> later = async () => await Task.Yield(); // OK: the lambda awaits
            _items.Add(later.ToString());
        }
    }
}
