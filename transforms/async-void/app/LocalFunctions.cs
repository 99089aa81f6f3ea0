// compile: skip (local functions: mcs does not parse them)
using System;
using System.Threading.Tasks;

namespace AsyncVoid.LocalFunctions
{
    public class Worker
    {
        public void Start(AsyncVoid.Handlers.Button button)
        {
            async void Work() // async-void: local functions are not indexed
            {
                await Task.Delay(1);
            }

            async void OnClick(object sender, EventArgs e) // OK: a local event handler
            {
                await Task.Delay(1);
            }

            async void OnChanged() // OK: subscribed with `+=`
            {
                await Task.Delay(1);
            }

            button.Click += OnClick;
            button.Changed += OnChanged;
            Work();
        }
    }
}
