using System;
using System.Windows.Forms;
using Shop.Core.Services;

namespace Shop.App.Forms
{
    // A root: the handler of a button's `Click` becomes `async void` and keeps its signature.
    public class MainForm : Form
    {
        private readonly Catalog _catalog;
        private readonly Button _refresh = new Button();

        public MainForm(Catalog catalog)
        {
            _catalog = catalog;
            _refresh.Click += OnRefreshed;
        }

        public string Title { get; set; }

        private void OnRefreshed(object sender, EventArgs e)
        {
            Title = _catalog.Describe();
        }
    }
}
