// compile: skip (uses CommunityToolkit.Mvvm, which the compile check does not have)
// A third-party UI base class known by name: view models bound to the UI are left alone.
using System.Threading.Tasks;
using CommunityToolkit.Mvvm.ComponentModel;

namespace Fixtures.ThirdParty
{
    public class CatalogViewModel : ObservableObject
    {
        public async Task RefreshAsync(Task pending) => await pending; // OK: a view model bound to the UI
    }
}
