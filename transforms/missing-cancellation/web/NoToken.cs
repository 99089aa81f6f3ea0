// A chain whose every root has no token to give is reported without a fix: a parameter nobody can
// pass would only add noise to the signatures.
using System;
using System.Threading.Tasks;

namespace Fixtures.NoToken
{
    public class MainForm
    {
        private readonly Archive _archive = new Archive();

        // An event handler: its delegate fixes its parameters, and no token comes with the click.
        private async void ExportClick(object sender, EventArgs e)
        {
            await ExportAsync();
        }

        private async Task ExportAsync()
        {
            await _archive.WriteAsync();
        }
    }

    public class Archive
    {
        public async Task WriteAsync() // missing-cancellation (no fix: its chain ends at `MainForm.ExportClick`)
        {
            await Task.Delay(10);
        }
    }
}
