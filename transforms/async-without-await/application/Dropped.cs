using System.Threading.Tasks;

namespace AsyncWithoutAwait.Dropped
{
    public class Sender
    {
        public Task SendAsync(string message) => Task.FromResult(message);

        public async Task NotifyAsync() // async-without-await: no fix, unawaited-task makes it await
        {
            SendAsync("hello");
        }

        public async Task DiscardAsync() // async-without-await: a discarded task is no dropped task
        {
            _ = SendAsync("hello");
        }
    }
}
