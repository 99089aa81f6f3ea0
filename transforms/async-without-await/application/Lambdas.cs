using System;
using System.Threading.Tasks;

namespace AsyncWithoutAwait.Lambdas
{
    public class Handlers
    {
        public Task<int> Run(Func<Task<int>> work) => work();

        public void Register()
        {
            Func<Task<int>> answer = async () => 42; // async-without-await: the delegate type is visible
            Func<int, Task<string>> show = async n => n.ToString(); // async-without-await
            Func<Task> nothing = async () => { }; // async-without-await
            Func<Task> log = async () => Console.WriteLine("x"); // async-without-await
            Func<Task> anonymous = async delegate { Console.WriteLine("y"); }; // async-without-await
            Run(async () => 1); // async-without-await: no fix, the delegate type is not visible
            Action fire = async () => Console.WriteLine("z"); // OK: an async void lambda
            Func<Task> waits = async () => await Task.Yield(); // OK: awaits
            answer();
            show(1);
            nothing();
            log();
            anonymous();
            fire();
            waits();
        }
    }
}
