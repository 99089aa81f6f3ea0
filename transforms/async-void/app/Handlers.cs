using System;
using System.Threading.Tasks;

namespace AsyncVoid.Handlers
{
    public class Button
    {
        public event EventHandler Click;
        public event Action Changed;

        public void Raise()
        {
            Click?.Invoke(this, EventArgs.Empty);
            Changed?.Invoke();
        }
    }

    public class ItemEventArgs<T> : EventArgs
    {
        public T Item { get; set; }
    }

    public class FormBase
    {
        protected Task OnSaveAsync() => Task.Delay(1);
    }

    public class Form : FormBase
    {
        private readonly Button _button = new Button();

        private int OnLoadAsync { get; set; }

        public Form()
        {
            _button.Changed += OnChanged;
            _button.Click += new EventHandler(this.OnSave);
            _button.Click += async (s, e) => await Task.Delay(1); // OK: an event handler lambda
        }

        private async void OnClick(object sender, EventArgs e) // async-void: signature of an event handler
        {
            Console.WriteLine("clicked");
            await Task.Delay(1);
        }

        private async void OnOpen(object sender, EventArgs e) // async-void: `OnOpenAsync` is taken
        {
            await Task.Delay(1);
            Console.WriteLine("opened");
        }

        private Task OnOpenAsync() => Task.Delay(2);

        private async void OnSave(object sender, EventArgs e) // async-void: `OnSaveAsync` is inherited
        {
            await OnSaveAsync();
            Console.WriteLine("saved");
        }

        private async void OnLoad(object sender, EventArgs e) // async-void: a property is called `OnLoadAsync`
        {
            OnLoadAsync++;
            await Task.Delay(OnLoadAsync);
        }

        private async void OnChanged() // async-void: subscribed with `+=`
        {
            await Task.Delay(1);
            Console.WriteLine("changed");
        }

        private static async void OnTick(object sender, EventArgs e) // async-void: static handler
        {
            await Task.Delay(1);
            Console.WriteLine("tick");
        }

        private async void OnItem<T>(object sender, ItemEventArgs<T> e) where T : class // async-void: generic
        {
            await Task.Delay(1);
            Console.WriteLine(e.Item);
        }

        private async void OnShow(object sender, EventArgs e) => Console.WriteLine(await ReadAsync()); // async-void: expression body

        private async void OnRefresh(object sender, EventArgs e) // OK: already a thin shell
        {
            await RefreshAsync(sender);
        }

        private async void OnClose(object sender, EventArgs e) => await RefreshAsync(sender); // OK: a thin shell

        private async void OnExport(object sender, EventArgs e) // OK: every exception is caught
        {
            try
            {
                await RefreshAsync(sender);
                Console.WriteLine("exported");
            }
            catch (Exception ex)
            {
                Console.WriteLine(ex);
            }
        }

        private async void OnNoop(object sender, EventArgs e) // async-void: no `await`, no fix
        {
            Console.WriteLine("nothing to await");
        }

        private Task<string> ReadAsync() => Task.FromResult("read");

        private Task RefreshAsync(object sender) => Task.Delay(1);
    }
}
