using Microsoft.AspNetCore.Mvc;
using Shop.Core.Services;

namespace Shop.App.Controllers
{
    // A root: the action keeps its name and returns `Task<IActionResult>`.
    [ApiController]
    public class OrdersController : ControllerBase
    {
        private readonly Catalog _catalog;

        public OrdersController(Catalog catalog)
        {
            _catalog = catalog;
        }

        [HttpGet]
        public IActionResult Get()
        {
            return Ok(_catalog.Total());
        }
    }
}
