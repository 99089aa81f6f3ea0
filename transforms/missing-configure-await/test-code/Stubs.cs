// Stand-ins for ASP.NET Core, Blazor, WinForms and test framework types, so that this folder
// compiles with mcs alone. They hold no awaits: nothing to report here.
using System;
using System.Threading.Tasks;

namespace Microsoft.AspNetCore.Mvc
{
    public interface IActionResult
    {
    }

    public class OkResult : IActionResult
    {
    }

    public abstract class ControllerBase
    {
        public IActionResult Ok() => new OkResult();
    }

    public abstract class Controller : ControllerBase
    {
    }

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class ApiControllerAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class HttpGetAttribute : Attribute
    {
    }
}

namespace Microsoft.AspNetCore.Components
{
    public abstract class ComponentBase
    {
        protected virtual Task OnInitializedAsync() => Task.CompletedTask;
    }
}

namespace System.Windows.Forms
{
    public class Control
    {
        public string Text { get; set; }
    }

    public class Form : Control
    {
    }
}

namespace Xunit
{
    [AttributeUsage(AttributeTargets.Method)]
    public class FactAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TheoryAttribute : FactAttribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class InlineDataAttribute : Attribute
    {
        public InlineDataAttribute(params object[] data)
        {
        }
    }
}

namespace NUnit.Framework
{
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestFixtureAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class SetUpAttribute : Attribute
    {
    }
}

namespace Microsoft.VisualStudio.TestTools.UnitTesting
{
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestClassAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestMethodAttribute : Attribute
    {
    }
}

namespace Microsoft.Maui.Controls
{
    public class Shell
    {
    }
}
