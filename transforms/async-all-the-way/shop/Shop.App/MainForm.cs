using System;
using Shop.Core.Services;

namespace Shop.App.Forms
{
    // A root: the event handler becomes `async void` and keeps its signature.
    public class MainForm
    {
        private readonly Catalog _catalog;

        public MainForm(Catalog catalog)
        {
            _catalog = catalog;
            Refreshed += OnRefreshed;
        }

        public event EventHandler Refreshed;

        public string Title { get; set; }

        private void OnRefreshed(object sender, EventArgs e)
        {
            Title = _catalog.Describe();
        }
    }
}
