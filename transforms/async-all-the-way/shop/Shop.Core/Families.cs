using System.Threading.Tasks;

namespace Shop.Core.Families
{
    // A workspace virtual member and its overrides change together; `base.` calls are awaited.
    public abstract class Job
    {
        public virtual int Execute() => 0; // OK: changed with its family

        public int ExecuteTwice() => Execute() + Execute();
    }

    public class Backup : Job
    {
        public override int Execute()
        {
            return base.Execute() + Task.Run(() => 1).Result; // async-all-the-way
        }
    }

    // An explicit implementation is renamed with its interface member.
    public interface IClock
    {
        long Ticks();
    }

    public class NetworkClock : IClock
    {
        long IClock.Ticks() => Task.FromResult(1L).GetAwaiter().GetResult(); // async-all-the-way
    }

    public class Scheduler
    {
        private readonly IClock _clock = new NetworkClock();

        public long Next() => _clock.Ticks() + 1;

        // Recursion: the method is its own caller.
        public int Depth(int n) => n == 0 ? Task.FromResult(0).Result : Depth(n - 1) + 1; // async-all-the-way
    }

    // An async method of a struct would work on a copy.
    public struct Counter
    {
        private int _value;

        public int Bump()
        {
            _value += Task.FromResult(1).Result; // async-all-the-way: a struct method
            return _value;
        }
    }
}
