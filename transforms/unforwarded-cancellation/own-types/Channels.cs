// Workspace types named like framework types are not the framework's: this `Channel` is not
// System.Threading.Channels' and its `Reader` is not a ChannelReader.
using System.Threading;
using System.Threading.Tasks;

namespace Fixtures.OwnTypes
{
    public class Inbox
    {
        public Task<int> ReadAsync() => Task.FromResult(0);
    }

    public class Channel
    {
        public Inbox Reader { get; } = new Inbox();

        public async Task<int> DrainAsync(CancellationToken ct)
        {
            return await Reader.ReadAsync() + await this.Reader.ReadAsync(); // OK: Inbox.ReadAsync takes no token
        }

        public static async Task<int> DrainAsync(Channel channel, CancellationToken ct)
        {
            await Task.Delay(1); // unforwarded-cancellation: the framework's Task
            return await channel.Reader.ReadAsync(); // OK: not a ChannelReader
        }
    }
}
