// On a UI thread, `Task.Run` often keeps the synchronous start of a call off it on purpose:
// reported without a fix in windows, controls and view models.
using System.ComponentModel;
using System.IO;
using System.Threading.Tasks;

namespace Fixtures.TaskRunIo.UiThread
{
    public class MainViewModel : INotifyPropertyChanged
    {
        public event PropertyChangedEventHandler PropertyChanged;

        public async Task LoadAsync(string path)
        {
            await Task.Run(() => LoadModelAsync(path)); // task-run-io: no fix, a view model
        }

        private Task LoadModelAsync(string path) => Task.FromResult(File.Exists(path));
    }

    public class DetailViewModel : MainViewModel
    {
        public async Task RefreshAsync()
        {
            await Task.Run(async () => await Task.Delay(10)); // task-run-io: no fix, derives from a view model
        }
    }
}
