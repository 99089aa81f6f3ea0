using System;
using Shop.Core.Data;
using Shop.Core.Services;
using Xunit;

namespace Shop.App.Tests
{
    // A root: the test becomes `async Task` and keeps its name.
    public class CatalogTests
    {
        [Fact]
        public void TotalIsPositive()
        {
            var catalog = new Catalog(new MemoryRepository());
            if (catalog.Total() < 0)
            {
                throw new InvalidOperationException("negative");
            }
        }
    }
}
