using System.Threading.Tasks;

namespace AsyncWithoutAwait.Dropped
{
    public class Sender
    {
        public Task SendAsync(string message) => Task.FromResult(message);

        public async Task NotifyAsync() // async-without-await: alone, it removes `async`; with unawaited-task, whose fix goes first, it finds nothing
        {
            SendAsync("hello");
        }

        public async Task DiscardAsync() // async-without-await: a discarded task is no dropped task
        {
            _ = SendAsync("hello");
        }
    }
}
