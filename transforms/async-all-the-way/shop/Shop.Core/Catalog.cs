using System;
using Shop.Core.Data;

namespace Shop.Core.Services
{
    // The middle of the chain: no `using System.Threading.Tasks;` yet.
    public class Catalog
    {
        private readonly IRepository _repository;

        public Catalog(IRepository repository)
        {
            _repository = repository;
        }

        public int Total()
        {
            return _repository.CountItems() * 2;
        }

        public string Describe() => "items: " + Total();
    }
}
