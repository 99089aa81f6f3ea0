// Code written both ways on purpose: a flag picks the synchronous or the asynchronous path.
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace BlockingCall.SyncAndAsyncPaths
{
    public class Reader
    {
        private readonly Stream _stream;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

        public Reader(Stream stream)
        {
            _stream = stream;
        }

        public async Task<int> Read(byte[] buffer, bool isAsync, CancellationToken cancellationToken)
        {
            if (isAsync)
            {
                await _gate.WaitAsync(cancellationToken);
                return await _stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken);
            }
            else
            {
                _gate.Wait(cancellationToken); // OK: the synchronous path of a method written both ways
                return _stream.Read(buffer, 0, buffer.Length); // OK: the synchronous path
            }
        }

        public async Task Flush(bool useAsync)
        {
            if (!useAsync)
            {
                _stream.Flush(); // OK: the synchronous path
                return;
            }
            await _stream.FlushAsync();
        }
    }
}
