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
        public async Task UseAsync(Saver saver)
        {
            // The index does not know the type of `saver`: this call is left as it is (it still
            // compiles, and the task is not awaited).
            saver.SaveAll();
            await Task.Delay(1);
        }
    }
}
