// Code-behind of a XAML page: its base class is named in the XAML file, not here, but it is UI
// code all the same.
using System.Threading.Tasks;

namespace Fixtures.CodeBehind
{
    public partial class MainPage
    {
        public async Task AnimateAsync(Task animation)
        {
            await animation; // OK: a `.xaml.cs` file is UI code
        }
    }
}
