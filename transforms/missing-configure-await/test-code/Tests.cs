// Test code runs under the test framework's own context: test methods, fixture set-up and types
// marked as test classes are left alone, even where every project gets `ConfigureAwait(false)`.
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NUnit.Framework;
using Xunit;

namespace Fixtures.Tests
{
    public class ParserTests
    {
        [Fact]
        public async Task ParsesNumbers()
        {
            await Task.Delay(1); // OK: an xUnit fact
        }

        [Theory]
        [InlineData("1")]
        public async Task ParsesText(string text)
        {
            await Task.FromResult(text); // OK: an xUnit theory
        }

        [Xunit.FactAttribute]
        public async Task QualifiedAttribute()
        {
            await Task.Yield(); // OK: the attribute's full name
        }

        public async Task HelperAsync()
        {
            await Task.Delay(1); // missing-configure-await: a helper without a test attribute
        }
    }

    [TestClass]
    public class StoreTests
    {
        [TestMethod]
        public async Task Saves()
        {
            await Task.Delay(1); // OK: an MSTest method
        }

        public async Task SeedAsync()
        {
            await Task.Delay(1); // OK: in a [TestClass]
        }
    }

    [TestFixture]
    public class CacheTests
    {
        [SetUp]
        public async Task SetUpAsync()
        {
            await Task.Delay(1); // OK: NUnit set-up in a [TestFixture]
        }

        [Test]
        public async Task Evicts()
        {
            await Task.Delay(1); // OK: an NUnit test
        }
    }

    /// <summary>A project's own test attribute: xUnit finds it through its base class.</summary>
    public sealed class DbFactAttribute : FactAttribute
    {
    }

    public class DatabaseTests
    {
        [DbFact]
        public async Task MigratesAsync()
        {
            await Task.Delay(1); // OK: `[DbFact]` derives from `[Fact]`
        }

        [WpfFact]
        public async Task RendersAsync()
        {
            await Task.Delay(1); // OK: a test that runs on a UI thread
        }
    }

    public sealed class WpfFactAttribute : System.Attribute
    {
    }

}
