// A library's own `ICommand` (a CQRS command, not WPF's `System.Windows.Input.ICommand`) is not UI
// code: a context type only counts when it is not declared by the project itself.
using System.Threading.Tasks;

namespace Fixtures.Cqrs
{
    public interface ICommand
    {
        Task RunAsync(Task pending);
    }

    public sealed class SaveUserCommand : ICommand
    {
        public async Task RunAsync(Task pending) => await pending; // missing-configure-await: the project's own `ICommand`
    }
}
