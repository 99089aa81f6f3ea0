using System;

// Stand-ins for ASP.NET Core and xUnit, which mcs cannot reference.
namespace Microsoft.AspNetCore.Mvc
{
    public interface IActionResult
    {
    }

    public class OkObjectResult : IActionResult
    {
        public OkObjectResult(object value)
        {
            Value = value;
        }

        public object Value { get; }
    }

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class ApiControllerAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class HttpGetAttribute : Attribute
    {
    }

    public abstract class ControllerBase
    {
        protected OkObjectResult Ok(object value) => new OkObjectResult(value);
    }
}

namespace Xunit
{
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class FactAttribute : Attribute
    {
    }
}

namespace System.Windows.Forms
{
    public class Control
    {
    }

    public class Form : Control
    {
    }

    public class Button : Control
    {
        public event EventHandler Click;

        public void PerformClick() => Click?.Invoke(this, EventArgs.Empty);
    }
}
