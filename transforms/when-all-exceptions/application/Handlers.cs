// Handlers that keep their code and see every failure of `Task.WhenAll`.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Fixtures.WhenAllExceptions.Handlers
{
    public class Importer
    {
        private readonly List<Exception> _errors = new List<Exception>();

        public async Task ImportAllAsync(IEnumerable<string> files)
        {
            try
            {
                await Task.WhenAll(files.Select(ImportAsync)); // when-all-exceptions
            }
            catch (Exception e)
            {
                Log(e);
            }
        }

        public async Task ConfiguredAsync(Task first, Task second)
        {
            try
            {
                Log(null);
                await Task.WhenAll(first, second).ConfigureAwait(false); // when-all-exceptions: ConfigureAwait kept
                Log(null);
            }
            catch (Exception ex)
            {
                // Every failure is kept.
                _errors.Add(ex);
            }
            finally
            {
                Log(null);
            }
        }

        public async Task OneLineAsync(Task[] tasks)
        {
            try { await Task.WhenAll(tasks); } catch (System.Exception e) { Log(e); } // when-all-exceptions: one line
        }

        public async Task AwaitedHandlerAsync(Task[] tasks)
        {
            var whenAll = "taken";
            try
            {
                await System.Threading.Tasks.Task.WhenAll(tasks); // when-all-exceptions: the names are taken
            }
            catch (Exception caught)
            {
                await ReportAsync(caught, whenAll);
            }
        }

        public async Task SeveralAsync(Task[] first, Task[] second, int mode)
        {
            switch (mode)
            {
                case 1:
                    try
                    {
                        await Task.WhenAll(first); // when-all-exceptions: in a switch section
                    }
                    catch (Exception e)
                    {
                        Log(e);
                    }

                    break;
            }

            // Fixed in the same pass as the one above: each gets its own variable.
            try
            {
                await Task.WhenAll(second); // when-all-exceptions: a second variable
            }
            catch (Exception e)
            {
                Log(e);
            }
        }

        public async Task NoVariableAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks); // OK: the handler does not look at the exception
            }
            catch (Exception)
            {
                Log(null);
            }
        }

        public async Task UnusedVariableAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks); // OK: the exception is not used
            }
            catch (Exception e)
            {
                Log(null);
            }
        }

        public async Task OtherAwaitAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAny(tasks); // OK: `WhenAny`
                await tasks[0]; // OK: a single task
            }
            catch (Exception e)
            {
                Log(e);
            }
        }

        private Task ImportAsync(string file) => Task.Delay(file.Length);

        private Task ReportAsync(Exception e, string tag) => Task.CompletedTask;

        private void Log(Exception e) => Console.WriteLine(e);
    }
}
