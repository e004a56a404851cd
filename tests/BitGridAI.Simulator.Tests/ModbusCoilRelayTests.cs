using System.Net;
using BitGridAI.Adapters.Drivers;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Simulator.Protocols;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Simulator.Tests;

/// <summary>A relay on a Modbus coil, switched through the driver ports against the simulator's Modbus server: only the FC 1 read back confirms it.</summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xUnit calls after each test
public sealed class ModbusCoilRelayTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const byte Relays = 5;
    private const byte Welded = 6;
    private readonly ModbusRegisterBank _bank = new(registerStart: 0, registerCount: 1, coilStart: 0, coilCount: 8);
    private ModbusTcpServer _server = null!;
    private ModbusTcpClient _client = null!;
    private DriverPorts _ports = null!;

    public Task InitializeAsync()
    {
        _server = ModbusTcpServer.Start(IPAddress.Loopback, 0, new Dictionary<byte, IModbusUnit> { [Relays] = _bank, [Welded] = new WeldedCoils() }, "test relays");
        _client = new ModbusTcpClient("127.0.0.1", _server.Port, TimeSpan.FromSeconds(5));
        var relays = new Dictionary<string, IRelayDriver>
        {
            ["coil-3"] = new ModbusCoilRelay(_client, Relays, 3),
            ["welded"] = new ModbusCoilRelay(_client, Welded, 0),
        };
        _ports = new DriverPorts(new Dictionary<string, IDeviceDriver?>(), relays, null, new SiteClock(new FakeTimeProvider()), TimeProvider.System, connections: [_client]);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _ports.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ACoilThatReadsBackTheNewStateConfirmsTheSwitch()
    {
        await _ports.SwitchAsync("coil-3", on: true, CancellationToken.None);
        Assert.True(_bank.Coil(3));

        await _ports.SwitchAsync("coil-3", on: false, CancellationToken.None);
        Assert.False(_bank.Coil(3));
    }

    [Fact]
    public async Task ACoilThatStaysOnAfterTheWriteIsAnUnconfirmedRelay()
    {
        var error = await Assert.ThrowsAsync<DeviceUnreachableException>(() => _ports.SwitchAsync("welded", on: false, CancellationToken.None).AsTask());

        Assert.Equal("relay_unconfirmed", error.Kind);
        Assert.Contains("reads on after switching it off", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A relay whose contacts are welded: the gateway accepts the write, the coil still reads on.</summary>
    private sealed class WeldedCoils : IModbusUnit
    {
        public ModbusError ReadHoldingRegisters(ushort address, Span<ushort> values) => ModbusError.IllegalDataAddress;

        public ModbusError ReadInputRegisters(ushort address, Span<ushort> values) => ModbusError.IllegalDataAddress;

        public ModbusError WriteRegisters(ushort address, ReadOnlySpan<ushort> values) => ModbusError.IllegalDataAddress;

        public ModbusError ReadCoils(ushort address, Span<bool> values)
        {
            values.Fill(true);
            return ModbusError.None;
        }

        public ModbusError WriteCoil(ushort address, bool on) => ModbusError.None;
    }
}
