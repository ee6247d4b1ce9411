using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace NewsPlatform.Gateway;

/// <summary>
/// The edge gathers a service's answer before passing it on (configuration
/// <c>Edge:ResponseBufferBytes</c>, default 32 KB, 0 = off), as nginx does with its proxy buffers.
/// The services answer JSON without a length, so it reaches the gateway chunked; passed on piece by
/// piece, every answer took two sends to the caller (the body, then the chunked body's end) and
/// woke the caller twice. An answer that fits the buffer goes out once it is whole, in one send,
/// with a <c>Content-Length</c>. A larger one streams as before, what was gathered first.
/// </summary>
/// <remarks>
/// A cluster opts in with YARP's own switch, <c>"HttpRequest": { "AllowResponseBuffering": true }</c>;
/// for the others YARP asks for no buffering and answers stream. Event streams
/// (<c>text/event-stream</c>) and gRPC always pass straight through, since each piece of those is
/// meant to arrive when it is sent, and so do answers with a known length (already one send). An
/// explicit flush sends what is held and streams the rest. A side effect: an answer the service
/// breaks off before it is whole becomes a clean 502 instead of a truncated 200.
/// </remarks>
public static class EdgeResponseBuffering
{
    /// <summary>In the proxy pipeline, inside the step that turns forwarding failures into problem details.</summary>
    public static IReverseProxyApplicationBuilder UseResponseBuffering(this IReverseProxyApplicationBuilder proxy)
    {
        var limit = proxy.ApplicationServices.GetRequiredService<IOptions<EdgeSettings>>().Value.ResponseBufferBytes;
        if (limit <= 0) return proxy;

        proxy.Use(async (http, next) =>
        {
            var server = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            await using var buffered = new BufferedResponseBody(http.Response, server, limit);
            http.Features.Set<IHttpResponseBodyFeature>(buffered);
            try
            {
                await next(http);
            }
            finally
            {
                http.Features.Set(server);
            }
            // A failed forward leaves its partial answer unsent: the caller gets a clean 502 instead.
            // (No cancellation: a write to a caller who went away is dropped by the server, not thrown.)
            if (http.Features.Get<IForwarderErrorFeature>() is null) await buffered.SendAsync(CancellationToken.None);
        });
        return proxy;
    }
}

/// <summary>A response body that holds up to <c>limit</c> bytes until the answer is complete.</summary>
internal sealed class BufferedResponseBody(HttpResponse response, IHttpResponseBodyFeature server, int limit)
    : Stream, IHttpResponseBodyFeature
{
    private byte[]? _buffer;
    private int _count;
    private bool _streaming; // from here on, writes go straight to the server
    private PipeWriter? _writer;

    public Stream Stream => this;
    public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (Gathers(data.Length))
        {
            Append(data.Span);
            return;
        }
        await SpillAsync(cancellationToken);
        await server.Stream.WriteAsync(data, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> data)
    {
        if (Gathers(data.Length))
        {
            Append(data);
            return;
        }
        Spill();
        server.Stream.Write(data); // the server decides whether it allows synchronous writes
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        _streaming = true;
        await SpillAsync(cancellationToken);
        await server.Stream.FlushAsync(cancellationToken);
    }

    public override void Flush()
    {
        _streaming = true;
        Spill();
        server.Stream.Flush();
    }

    /// <summary>The end of the answer: what is held goes out in one write, with its length.</summary>
    public async Task SendAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null) await _writer.FlushAsync(cancellationToken);
        if (_count == 0) return;
        if (!response.HasStarted && response.ContentLength is null && !_streaming) response.ContentLength = _count;
        await SpillAsync(cancellationToken);
    }

    public void DisableBuffering()
    {
        _streaming = true;
        server.DisableBuffering();
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _streaming = true;
        await SpillAsync(cancellationToken);
        await server.StartAsync(cancellationToken);
    }

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        _streaming = true;
        await SpillAsync(cancellationToken);
        await server.SendFileAsync(path, offset, count, cancellationToken);
    }

    public async Task CompleteAsync()
    {
        await SendAsync(CancellationToken.None);
        await server.CompleteAsync();
    }

    /// <summary>Whether these bytes join the buffer; once an answer streams (what was gathered first), it streams to the end.</summary>
    private bool Gathers(int length)
    {
        if (_streaming) return false;
        // Whether an answer may be held is known at its first bytes (its headers are set by then).
        if (_count == 0 && MustStream() || _count + length > limit)
        {
            _streaming = true;
            return false;
        }
        return true;
    }

    private bool MustStream() =>
        response.ContentLength is not null
        || response.ContentType is { } type
            && (type.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase)
                || type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase));

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_buffer is null || _buffer.Length - _count < data.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(limit, Math.Max(_count + data.Length, 2 * (_buffer?.Length ?? 2048))));
            _buffer?.AsSpan(0, _count).CopyTo(larger);
            Release();
            _buffer = larger;
        }
        data.CopyTo(_buffer.AsSpan(_count));
        _count += data.Length;
    }

    private async Task SpillAsync(CancellationToken cancellationToken)
    {
        if (_count == 0) return;
        var count = _count;
        _count = 0;
        await server.Stream.WriteAsync(_buffer.AsMemory(0, count), cancellationToken);
    }

    private void Spill()
    {
        if (_count == 0) return;
        var count = _count;
        _count = 0;
        server.Stream.Write(_buffer.AsSpan(0, count));
    }

    private void Release()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.CompleteAsync();
        Release();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Release();
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
