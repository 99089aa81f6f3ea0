using System;
using Shop.Core.Services;

namespace Shop.App.Reports
{
    // The third file of the chain, in another project: the calls are awaited and renamed.
    public class ReportService
    {
        private readonly Catalog _catalog;

        public ReportService(Catalog catalog)
        {
            _catalog = catalog;
        }

        public void Print()
        {
            Console.WriteLine(_catalog.Describe());
            Console.WriteLine(_catalog.Total().ToString("N0"));
        }
    }
}
