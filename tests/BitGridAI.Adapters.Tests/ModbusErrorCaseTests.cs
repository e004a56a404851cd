using BitGridAI.Adapters.Modbus;

namespace BitGridAI.Adapters.Tests;

/// <summary>The Modbus client against libmodbus' unit-test server and its deliberate faults.</summary>
public sealed class ModbusErrorCaseTests
{
    private static ModbusTcpClient Client(double timeoutSeconds = 2) => new("127.0.0.1", LibmodbusServer.Port, TimeSpan.FromSeconds(timeoutSeconds));

    [Fact]
    public async Task WritesAndReadsBackRegistersAndReadsTheInputTable()
    {
        using var server = new LibmodbusServer();
        await using var client = Client();

        await client.WriteMultipleRegistersAsync(17, LibmodbusServer.Registers, [0x022B, 0x0001, 0x0064]);

        Assert.Equal([0x022B, 0x0001, 0x0064], await client.ReadHoldingRegistersAsync(17, LibmodbusServer.Registers, 3));
        Assert.Equal([0x000A], await client.ReadInputRegistersAsync(17, LibmodbusServer.InputRegisters, 1));
    }

    [Fact]
    public async Task ABusyServerAnswersWithExceptionSix()
    {
        using var server = new LibmodbusServer();
        await using var client = Client();

        var error = await Assert.ThrowsAsync<ModbusException>(() => client.ReadHoldingRegistersAsync(17, LibmodbusServer.ExceptionBusy, 1));

        Assert.Equal(6, error.ExceptionCode);
        Assert.Contains("busy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplyWithTheWrongTransactionIsRejectedNotTakenAsTheAnswer()
    {
        using var server = new LibmodbusServer();
        await using var client = Client();

        var error = await Assert.ThrowsAsync<ModbusProtocolException>(() => client.ReadHoldingRegistersAsync(17, LibmodbusServer.WrongTransaction, 1));

        Assert.Matches("transaction|unit", error.Message);
    }

    [Fact]
    public async Task ASlowReplyTimesOutAndCountsAsNoAnswer()
    {
        using var server = new LibmodbusServer();
        await using var client = Client(timeoutSeconds: 0.2);

        var error = await Assert.ThrowsAsync<ModbusProtocolException>(() => client.ReadHoldingRegistersAsync(17, LibmodbusServer.ReplyAfter500Ms, 1));

        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowReplyWithinTheTimeoutIsRead()
    {
        using var server = new LibmodbusServer();
        await using var client = Client(timeoutSeconds: 2);

        Assert.Single(await client.ReadHoldingRegistersAsync(17, LibmodbusServer.ReplyAfter500Ms, 1));
    }

    [Fact]
    public async Task AReplyArrivingByteByByteIsAssembledIntoOneFrame()
    {
        using var server = new LibmodbusServer();
        await using var client = Client();

        Assert.Equal([0], await client.ReadHoldingRegistersAsync(0xFF, LibmodbusServer.ReplyByteByByte, 1));
    }
}
