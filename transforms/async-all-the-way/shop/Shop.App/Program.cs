using Shop.App.Reports;
using Shop.Core.Data;
using Shop.Core.Services;

namespace Shop.App
{
    // A root: `int Main` becomes `async Task<int> Main` and keeps its name.
    public static class Program
    {
        public static int Main(string[] args)
        {
            var report = new ReportService(new Catalog(new SqlRepository()));
            report.Print();
            return 0;
        }
    }
}
