// Commands change things: their order is part of what the program does.
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixtures.Commands
{
    public interface ILockService
    {
        Task<bool> LockAsync(string key);

        Task<bool> CloseAsync(string key);
    }

    public class Ledger
    {
        private readonly HttpClient _http = new HttpClient();
        private readonly ILockService _locks;

        public Ledger(ILockService locks)
        {
            _locks = locks;
        }

        public async Task<bool> CloseAsync(string account)
        {
            var locked = await _locks.LockAsync(account); // OK: lock, then close
            var closed = await _locks.CloseAsync(account);
            return locked && closed;
        }

        public async Task<int> PostThenGetAsync(string account)
        {
            var created = await _http.PostAsync("/accounts", new StringContent(account)); // OK: a POST
            var all = await _http.GetStringAsync("/accounts");
            return all.Length + (int)created.StatusCode;
        }

        public async Task<int> CreateInArgumentAsync(string account)
        {
            var a = await _http.GetStringAsync(CreateUrl(account)); // OK: `CreateUrl` looks like a command
            var b = await _http.GetStringAsync("/b");
            return a.Length + b.Length;
        }

        private static string CreateUrl(string account) => "/accounts/" + account;
    }
}
