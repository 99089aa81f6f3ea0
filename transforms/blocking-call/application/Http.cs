using System.Net.Http;
using System.Threading.Tasks;
using BlockingCall.Stubs;

namespace BlockingCall.Http
{
    public class Client
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            await Task.Yield();
            return _http.Send(request); // blocking-call
        }

        public async Task<bool> PingAsync(Mailer mailer)
        {
            await Task.Yield();
            return mailer.Send("ping"); // OK: not an HttpClient, and `Send` alone says nothing
        }
    }

    public class Mailer
    {
        public bool Send(string message) => true;
    }
}
