// compile: skip (token overloads of .NET 5 to 8 that mcs's .NET Framework does not have)
// Overloads that later versions of .NET added: this project targets net8.0, so it has them.
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Data.SqlClient;

namespace Fixtures.Net5
{
    public class Modern
    {
        private readonly HttpClient _http = new HttpClient();

        public async Task<string> ReadAsync(string url, StreamReader reader, TextWriter writer, CancellationToken ct)
        {
            var text = await _http.GetStringAsync(url); // unforwarded-cancellation: .NET 5
            HttpResponseMessage response = await _http.GetAsync(url, ct);
            var body = await response.Content.ReadAsStringAsync(); // unforwarded-cancellation: `Content` is an HttpContent
            var rest = await reader.ReadToEndAsync(); // unforwarded-cancellation: .NET 7
            var line = await reader.ReadLineAsync(); // unforwarded-cancellation: .NET 7, awaited
            Task<string?> pending = reader.ReadLineAsync(); // OK: with a token it returns a ValueTask
            await writer.FlushAsync(); // unforwarded-cancellation: .NET 8
            return text + body + rest + line + await pending;
        }

        public async Task FilesAsync(string path, Stream stream, object value, CancellationToken ct)
        {
            var text = await File.ReadAllTextAsync(path); // unforwarded-cancellation
            await File.WriteAllLinesAsync(path, new[] { text }); // unforwarded-cancellation
            await JsonSerializer.SerializeAsync(stream, value); // unforwarded-cancellation: by name, after optional options
            await stream.CopyToAsync(Stream.Null); // unforwarded-cancellation: .NET Core 3.0
            await stream.WriteAsync(new byte[1].AsMemory()); // unforwarded-cancellation: the Memory overload
        }

        public async Task ChannelsAsync(Channel<int> channel, ChannelReader<string> reader, CancellationToken ct)
        {
            await channel.Writer.WriteAsync(1); // unforwarded-cancellation: `Writer` is a ChannelWriter
            var item = await reader.ReadAsync(); // unforwarded-cancellation
            await foreach (var each in reader.ReadAllAsync()) // unforwarded-cancellation
            {
            }
        }

        public async Task DatabaseAsync(SqlConnection connection, SqlCommand command, CancellationToken ct)
        {
            await connection.OpenAsync(); // unforwarded-cancellation: a SqlConnection is a DbConnection
            using DbDataReader reader = await command.ExecuteReaderAsync(); // unforwarded-cancellation
            while (await reader.ReadAsync()) // unforwarded-cancellation
            {
            }
            await command.ExecuteNonQueryAsync(); // unforwarded-cancellation
        }
    }
}
