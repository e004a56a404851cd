using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using BitGridAI.Adapters.Modbus;

namespace BitGridAI.Adapters.Tests;

/// <summary>
/// Devices on one host and port share a connection: a request its caller gave up on (a STOP's deadline, a
/// deactivation) must not leave its late reply for the next device's request to take as its answer.
/// </summary>
public sealed class ModbusCancellationTests : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _connections;

    public ModbusCancellationTests()
    {
        _listener.Start();
        _serving = ServeAsync();
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    [Fact]
    public async Task ALateReplyToACancelledRequestIsNeverTakenAsTheNextRequestsAnswer()
    {
        await using var client = new ModbusTcpClient("127.0.0.1", Port, TimeSpan.FromSeconds(5));
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        // Register 1 answers after 400 ms with the value 1; any other register at once with its own address.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReadHoldingRegistersAsync(1, 1, 1, giveUp.Token));
        var next = await client.ReadHoldingRegistersAsync(2, 7, 1);

        Assert.Equal([7], next);
        Assert.Equal(2, Volatile.Read(ref _connections)); // the abandoned connection was dropped, not reused
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient tcp;
            try
            {
                tcp = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => AnswerAsync(tcp));
        }
    }

    private async Task AnswerAsync(TcpClient tcp)
    {
        using (tcp)
        {
            var stream = tcp.GetStream();
            var request = new byte[12];
            try
            {
                while (true)
                {
                    await stream.ReadExactlyAsync(request, _stop.Token);
                    var address = BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(8));
                    if (address == 1)
                    {
                        await Task.Delay(400, _stop.Token); // a slow device, as the scenario needs
                    }
                    var reply = new byte[11];
                    request.AsSpan(0, 4).CopyTo(reply); // transaction and protocol id
                    BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(4), 5);
                    reply[6] = request[6];
                    reply[7] = 3;
                    reply[8] = 2;
                    BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(9), address);
                    await stream.WriteAsync(reply, _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or EndOfStreamException or ObjectDisposedException)
            {
                // the client dropped the connection, or the test is over
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }
}
