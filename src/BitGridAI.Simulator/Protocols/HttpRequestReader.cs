using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// Reads HTTP/1.1 requests off one kept-alive connection: the request line, headers, and a body sent with
/// Content-Length or chunked (HttpClient sends JSON content chunked). Just what a small embedded web server
/// such as AxeOS needs; anything malformed or oversized ends the connection.
/// </summary>
internal sealed class HttpRequestReader(NetworkStream stream)
{
    private const int MaxBodyBytes = 64 * 1024;

    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next request, or null once the client has closed the connection between requests.</summary>
    public async Task<HttpRequestLine?> ReadAsync(CancellationToken cancellationToken)
    {
        var first = await ReadLineAsync(cancellationToken);
        if (first is null)
        {
            return null;
        }
        var parts = first.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"not an HTTP/1.x request line: '{first}'");
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        var body = headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            ? await ReadChunkedAsync(cancellationToken)
            : headers.TryGetValue("Content-Length", out var length) && int.TryParse(length, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= MaxBodyBytes
                ? await ReadBytesAsync(n, cancellationToken)
                : [];
        var keepAlive = headers.TryGetValue("Connection", out var connection)
            ? !connection.Equals("close", StringComparison.OrdinalIgnoreCase)
            : parts[2] == "HTTP/1.1";
        var path = parts[1].Split('?')[0];
        return new HttpRequestLine(parts[0], path, Encoding.UTF8.GetString(body), keepAlive);
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException();
            var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while (await ReadLineAsync(cancellationToken) is { Length: > 0 })
                {
                    // trailer fields: none are used
                }
                return body.ToArray();
            }
            if (body.Length + size > MaxBodyBytes)
            {
                throw new InvalidDataException("request body too large");
            }
            body.Write(await ReadBytesAsync(size, cancellationToken));
            await ReadLineAsync(cancellationToken); // the CRLF after the chunk
        }
    }

    /// <summary>One CRLF-terminated line without its terminator; null at end of stream before any byte of it.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var at = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (at >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, at);
                _start += at + 2;
                return line;
            }
            if (!await FillAsync(cancellationToken))
            {
                return _start == _end ? null : throw new EndOfStreamException();
            }
        }
    }

    private async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken)
    {
        var bytes = new byte[count];
        var taken = Math.Min(count, _end - _start);
        _buffer.AsSpan(_start, taken).CopyTo(bytes);
        _start += taken;
        await stream.ReadExactlyAsync(bytes.AsMemory(taken), cancellationToken);
        return bytes;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            throw new InvalidDataException("request head too large");
        }
        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }
}
