// A library interface with two implementations: the token goes into the interface and both.
using System.Threading.Tasks;

namespace Weather.Core.Sources
{
    public interface IForecastSource
    {
        Task<string> FetchAsync(string city);
    }
}
