using System.Net;
using System.Net.Sockets;

namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// The listening half every simulator server shares: binds an address and port (0 = a free one, kept across a
/// pause so clients find the device again), hands each accepted connection to a handler on its own task, and
/// can stop listening for a while (a device without power refuses connections) and listen again on the same
/// port. A handler that fails only loses its own connection: the server keeps serving the others.
/// </summary>
internal sealed class LoopbackTcpService : IAsyncDisposable
{
    private readonly IPAddress _address;
    private readonly string _purpose;
    private readonly Func<TcpClient, CancellationToken, Task> _handle;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];
    private TcpListener? _listener;
    private bool _disposed;
    private long _accepted;

    public LoopbackTcpService(IPAddress address, int port, string purpose, Func<TcpClient, CancellationToken, Task> handle)
    {
        _address = address;
        _purpose = purpose;
        _handle = handle;
        Port = port;
    }

    /// <summary>The bound port once started (the free one chosen when 0 was asked for).</summary>
    public int Port { get; private set; }

    /// <summary>Connections accepted so far: a device that allows one client shows whether its clients share a connection.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    public bool Listening
    {
        get
        {
            lock (_gate)
            {
                return _listener is not null;
            }
        }
    }

    /// <summary>Starts (or restarts) listening; a taken port is a <see cref="SimulatorPortInUseException"/>.</summary>
    public void Listen()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_listener is not null)
            {
                return;
            }
            var listener = new TcpListener(_address, Port);
            try
            {
                listener.Start();
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                listener.Dispose();
                throw new SimulatorPortInUseException(_address.ToString(), Port, _purpose, e);
            }
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _listener = listener;
            Track(AcceptAsync(listener));
        }
    }

    /// <summary>Stops listening: new connections are refused; connections already accepted carry on.</summary>
    public void StopListening()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _listener?.Stop();
            _listener = null;
            running = [.. _running];
        }
        await _stop.CancelAsync();
        await Task.WhenAll(running);
        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        await Task.Yield(); // never run on under the gate of the Listen that started it
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                return; // stopped (paused or disposed)
            }
            lock (_gate)
            {
                if (_disposed)
                {
                    client.Dispose();
                    return;
                }
                Interlocked.Increment(ref _accepted);
                Track(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        await Task.Yield(); // the accept loop goes straight back to accepting
        using (client)
        {
            try
            {
                client.NoDelay = true;
                await _handle(client, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or InvalidDataException or FormatException or OperationCanceledException or ObjectDisposedException)
            {
                // The peer went away, sent garbage or the server stops: only this connection ends.
            }
        }
    }

    /// <summary>Called under the gate: remembers a task until it ends, so disposal can wait for every connection.</summary>
    private void Track(Task task)
    {
        _running.Add(task);
        _ = task.ContinueWith(
            t =>
            {
                lock (_gate)
                {
                    _running.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
