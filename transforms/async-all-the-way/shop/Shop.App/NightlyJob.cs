namespace Shop.App.Jobs
{
    // No `using` directive to add to: `Task` is written qualified.
    public class NightlyJob
    {
        public void RunNightly()
        {
            var catalog = new Shop.Core.Services.Catalog(new Shop.Core.Data.MemoryRepository());
            System.Console.WriteLine(catalog.Total());
        }
    }
}
