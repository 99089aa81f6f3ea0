// Handlers subscribed under names of any case, to events of any delegate type: each stays
// `async void` (a `void` delegate cannot take an `async Task` method), and its body moves to an
// awaitable method.
using System;
using System.Threading.Tasks;

namespace Fixtures.Subscriptions
{
    public class Item
    {
    }

    public class ItemManager
    {
        public event Action<Item[]> DeleteRequested;

        public void RequestDelete(Item[] items) => DeleteRequested?.Invoke(items);
    }

    public class ColorChangedEventArgs : EventArgs
    {
    }

    public class ColorButton
    {
        public delegate void ColorChangedEventHandler(object sender, ColorChangedEventArgs e);

        public event ColorChangedEventHandler ColorChanged;

        public void Change() => ColorChanged?.Invoke(this, new ColorChangedEventArgs());
    }

    public class Editor
    {
        private readonly ItemManager manager = new ItemManager();
        private readonly ColorButton btn = new ColorButton();
        private int deleted;

        public Editor()
        {
            manager.DeleteRequested += manager_DeleteRequested;
            this.btn.ColorChanged += new ColorButton.ColorChangedEventHandler(this.btn_ColorChanged);
        }

        private async void manager_DeleteRequested(Item[] items) // async-void: an `Action<Item[]>` handler keeps its signature
        {
            await Task.Delay(1);
            deleted += items.Length;
        }

        private async void btn_ColorChanged(object sender, ColorChangedEventArgs e) // async-void: a designer-style subscription
        {
            await Task.Delay(1);
            deleted++;
        }
    }
}
