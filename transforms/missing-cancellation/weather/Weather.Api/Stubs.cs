// Stand-ins for ASP.NET Core, so the fixture compiles without it.
namespace Microsoft.AspNetCore.Mvc
{
    public abstract class ControllerBase
    {
        public object Ok(object value) { return value; }
    }
}
