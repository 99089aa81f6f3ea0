using System;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.App.Work
{
    // A dedicated thread runs the job and then reports completion: a subscriber made `async void`
    // would report at its first `await` and go on on pool threads. No root here.
    public class ClipboardWorker
    {
        public event Action DoWork;

        public event Action Completed;

        public void Start()
        {
            var thread = new Thread(() =>
            {
                DoWork?.Invoke();
                Completed?.Invoke();
            });
            thread.Start();
        }
    }

    public class Exporter
    {
        private readonly ClipboardWorker _worker = new ClipboardWorker();

        public Exporter()
        {
            _worker.DoWork += OnDoWork;
            _worker.Completed += onCompleted;
        }

        private void OnDoWork()
        {
            Copy();
        }

        private void onCompleted()
        {
        }

        private void Copy()
        {
            Task.Delay(1).Wait(); // async-all-the-way: the chain stops at a worker thread's `Action` event
        }
    }
}
