using System;

namespace AsyncVoid.DomainTask
{
    // A workspace type called `Task`: the fix writes `System.Threading.Tasks.Task`.
    public class Task
    {
        public string Title { get; set; }
    }

    public class TodoList
    {
        private async void Save(Task task) // async-void
        {
            await System.Threading.Tasks.Task.Delay(1);
            Console.WriteLine(task.Title);
        }

        private async void OnAdd(object sender, EventArgs e) // async-void: event handler
        {
            await System.Threading.Tasks.Task.Delay(1);
            Save(new Task());
        }
    }
}
