// compile: skip (mcs rejects `await` as an identifier in expressions; Roslyn accepts it outside async code)
// Outside async code `await` is an ordinary identifier (C# 5 kept old code compiling): a variable,
// a field or a method called `await` is not the operator and gets nothing.
using System.Threading.Tasks;

namespace Fixtures.AwaitIdentifier
{
    public class Counter
    {
        public int await;
    }

    public class Legacy
    {
        public static int Sync(Counter counter)
        {
            int await = 1; // OK: a local variable
            counter.await = await; // OK: a field and the local
            return counter.await + await; // OK
        }

        public static Task Call(Task task)
        {
            return await(task); // OK: a call of the method below, not the operator
        }

        public static Task await(Task task) => task;

        public async Task RealAsync(Task task)
        {
            await task; // missing-configure-await: in an async method it is the operator
        }
    }
}
