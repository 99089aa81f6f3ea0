using System.Threading.Tasks;
using AsyncVoid.Methods;

namespace AsyncVoid.Callers
{
    public class Special : Saver
    {
        public async Task SaveTwiceAsync()
        {
            SaveAll(); // OK: a call through the base type, awaited after the fix
            SaveAll();
            Saver.Flush();
        }

        public void SaveNow()
        {
            base.SaveAll(); // OK: sync code discards the task
        }
    }

    public class Client
    {
        public async Task UseAsync(Saver saver, object other)
        {
            // `saver` is declared `Saver`: the call resolves and is awaited.
            saver.SaveAll();
            // The index does not know what `Get` returns: this call is left as it is (it still
            // compiles, and the task is not awaited).
            Get(other).SaveAll();
            await Task.Delay(1);
        }

        private static Saver Get(object other) => other as Saver;
    }
}
