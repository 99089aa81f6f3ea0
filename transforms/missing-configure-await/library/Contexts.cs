// Code that runs on a request or UI context is left alone even in a library: after an await it
// must come back to that context. Ordinary classes next to it are still reported.
using System;
using System.Net.Http;
using System.Threading.Tasks;
using System.Windows.Forms;
using System.Windows.Input;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc;

namespace Fixtures.Contexts
{
    [ApiController]
    public class OrdersController : ControllerBase
    {
        private readonly OrderService _orders = new OrderService();

        [HttpGet]
        public async Task<IActionResult> Get(int id)
        {
            await _orders.LoadAsync(id); // OK: derives from ControllerBase
            return Ok();
        }
    }

    /// <summary>An application's own base controller.</summary>
    public abstract class AppController : Controller
    {
        protected async Task AuditAsync() => await Task.Delay(1); // OK: derives from Controller
    }

    public class InvoicesController : AppController
    {
        public async Task<IActionResult> Index()
        {
            await AuditAsync(); // OK: derives from ControllerBase through a workspace base class
            return Ok();
        }
    }

    public partial class ReportsController : ControllerBase
    {
    }

    public partial class ReportsController
    {
        public async Task<IActionResult> Export()
        {
            await Task.Delay(1); // OK: another part of the partial class names the base
            return Ok();
        }
    }

    public class OrderCounter : ComponentBase
    {
        private int _count;

        protected override async Task OnInitializedAsync()
        {
            _count = await new OrderService().CountAsync(); // OK: a Blazor component
        }
    }

    public class MainForm : Form
    {
        private readonly HttpClient _http = new HttpClient();

        public async void OnRefreshClick(object sender, EventArgs e)
        {
            Text = await _http.GetStringAsync("https://example.com/status"); // OK: a WinForms form
        }
    }

    public class RefreshCommand : ICommand
    {
        public event EventHandler CanExecuteChanged;

        public bool CanExecute(object parameter) => true;

        public async void Execute(object parameter)
        {
            await new OrderService().LoadAsync(1); // OK: an ICommand implementation
            CanExecuteChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    public class OrderService
    {
        public async Task<string> LoadAsync(int id)
        {
            await Task.Delay(id); // missing-configure-await: an ordinary library class
            return "order " + id;
        }

        public async Task<int> CountAsync() => (await LoadAsync(0)).Length; // missing-configure-await
    }

    /// <summary>A name that merely starts like a context type is not one.</summary>
    public class FormatHelper
    {
        public async Task<string> FormatAsync(Task<int> value) => (await value).ToString("N0"); // missing-configure-await
    }

    /// <summary>MAUI's shell and MVVM view models run on the UI thread.</summary>
    public class AppShell : Microsoft.Maui.Controls.Shell
    {
        public async Task NavigateAsync(Task pending) => await pending; // OK: a MAUI shell
    }

    /// <summary>A library's own class named like a UI type is not one: only base types count.</summary>
    public class Page
    {
        public async Task<int> CountAsync(Task<int> rows) => await rows; // missing-configure-await
    }

    public class LoanApplication : Page
    {
        public async Task<int> TotalAsync(Task<int> rows) => await rows; // missing-configure-await: its base is the library's own `Page`
    }
}
