// Calls that may or may not return a task: without types, asyncfix does not guess.
using System;
using System.Net;
using System.Net.Mail;
using System.Threading.Tasks;

namespace Fixtures.UnawaitedTask.NotEvidence
{
    public class Notifier
    {
        private readonly SmtpClient _smtp = new SmtpClient();

        public async Task NotifyAsync(WebClient web, Uri uri, MailMessage message)
        {
            // The event-based pattern: these return void and report through events.
            web.DownloadStringAsync(uri); // OK: returns void
            _smtp.SendAsync(message, null); // OK: returns void
            _smtp.SendMailAsync(message); // unawaited-task: the task-based twin
            web.DownloadStringTaskAsync(uri); // unawaited-task: the task-based twin
            await Task.Yield();
        }

        public async Task DelegateResultsAsync(Func<Client> factory)
        {
            var client = factory();
            client.SendAsync("hello"); // unawaited-task: `factory` is a `Func<Client>`, so `client` is a `Client`
            factory().SendAsync("again"); // unawaited-task: the delegate gives a `Client`
            Publish(); // OK: a workspace method returning void
            Log("done"); // OK: an outside method
            await Task.Yield();
        }

        private void Publish()
        {
        }

        private static void Log(string text) => Console.WriteLine(text);
    }

    public class Client
    {
        public Task SendAsync(string text) => Task.CompletedTask;
    }
}
