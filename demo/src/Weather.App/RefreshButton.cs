using System;
using System.Threading.Tasks;
using Weather.Client;

namespace Weather.App
{
    /// <summary>A button of a desktop window: its click handler must stay `async void`.</summary>
    public class RefreshButton
    {
        private readonly WeatherClient _client;

        public RefreshButton(WeatherClient client)
        {
            _client = client;
        }

        public event EventHandler Clicked;

        public string Text { get; private set; }

        public void Attach()
        {
            Clicked += OnClicked;
        }

        private async void OnClicked(object sender, EventArgs e)
        {
            Text = "Loading...";
            Text = await _client.GetForecastAsync("Oslo");
        }
    }
}
