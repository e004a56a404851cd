using BitGridAI.Adapters.Modbus;

namespace BitGridAI.Adapters.SunSpec;

/// <summary>
/// A SunSpec device behind a Modbus unit: finds the "SunS" marker (at 40000, 0 or 50000), walks the model
/// chain by the lengths the device reports (never assumed: model 1 is 66 or 65 long), and reads the
/// points BitGridAI needs from inverter (101–103, 111–113), meter (201–204), storage (124) and battery
/// (802) models. Offsets count from each model's ID register. 32-bit points follow the device's
/// <see cref="SunSpecLayout.WordOrder"/>.
/// </summary>
public sealed class SunSpecDevice(ModbusTcpClient client, byte unit, SunSpecLayout? layout = null)
{
    private readonly SunSpecLayout _layout = layout ?? SunSpecLayout.Standard;

    private static readonly ushort[] MarkerAddresses = [40000, 0, 50000];
    private const ushort EndOfChain = 0xFFFF;

    /// <summary>A model header is two registers: the last one can start at 0xFFFE.</summary>
    private const int LastHeaderAddress = 0xFFFE;

    public IReadOnlyList<SunSpecModel> Models { get; private set; } = [];

    public async Task<IReadOnlyList<SunSpecModel>> DiscoverAsync(CancellationToken cancellationToken = default)
    {
        foreach (var start in _layout.BaseAddress is { } configured ? [configured] : MarkerAddresses)
        {
            ushort[] marker;
            try
            {
                marker = await client.ReadHoldingRegistersAsync(unit, start, 2, cancellationToken);
            }
            catch (ModbusException e) when (e.ExceptionCode == 2)
            {
                continue; // illegal address, nothing mapped there: try the next well-known base
            }
            if (marker is [0x5375, 0x6E53])
            {
                if (start + 2 > LastHeaderAddress)
                {
                    throw new SunSpecException($"the SunSpec marker at {start} leaves no room for a model");
                }
                Models = await WalkAsync((ushort)(start + 2), cancellationToken);
                return Models;
            }
        }
        throw new SunSpecException(_layout.BaseAddress is { } at
            ? $"no SunSpec marker 'SunS' at the configured base address {at}"
            : "no SunSpec marker 'SunS' at 40000, 0 or 50000");
    }

    /// <summary>Common model 1: manufacturer, model, serial number.</summary>
    public async Task<(string? Manufacturer, string? Model, string? Serial)> ReadCommonAsync(CancellationToken cancellationToken = default)
    {
        var block = Needs(Find(1), await ReadModelAsync(Find(1), cancellationToken), 66);
        return (SunSpecValues.Text(block.AsSpan(2, 16)), SunSpecValues.Text(block.AsSpan(18, 16)), SunSpecValues.Text(block.AsSpan(50, 16)));
    }

    /// <summary>Inverter AC power in W and lifetime energy in Wh (integer 101–103 or float 111–113 models).</summary>
    public async Task<(double? PowerW, double? EnergyWh)> ReadInverterAsync(CancellationToken cancellationToken = default)
    {
        var model = Models.FirstOrDefault(m => m.Id is >= 101 and <= 103 or >= 111 and <= 113)
            ?? throw new SunSpecException("no inverter model (101–103, 111–113) on this device");
        var r = Needs(model, await ReadModelAsync(model, cancellationToken), model.Id >= 111 ? 34 : 27);
        return model.Id >= 111
            ? (Float(r, 22), Float(r, 32))
            : (SunSpecValues.ScaledSigned(r[14], r[15]), Accumulator(r, 24, r[26]));
    }

    /// <summary>Meter total real power in W (its sign convention is the device's: configure it per device) and energy exported/imported in Wh.</summary>
    public async Task<(double? PowerW, double? ExportedWh, double? ImportedWh)> ReadMeterAsync(CancellationToken cancellationToken = default)
    {
        var model = Models.FirstOrDefault(m => m.Id is >= 201 and <= 204)
            ?? throw new SunSpecException("no meter model (201–204) on this device");
        var r = Needs(model, await ReadModelAsync(model, cancellationToken), 55);
        return (SunSpecValues.ScaledSigned(r[18], r[22]), Accumulator(r, 38, r[54]), Accumulator(r, 46, r[54]));
    }

    /// <summary>Battery SoC in % and power in W, from model 802, else SoC from storage model 124.</summary>
    public async Task<(double? SocPct, double? PowerW)> ReadBatteryAsync(CancellationToken cancellationToken = default)
    {
        if (Models.FirstOrDefault(m => m.Id == 802) is { } battery)
        {
            var r = Needs(battery, await ReadModelAsync(battery, cancellationToken), 64);
            return (SunSpecValues.ScaledUnsigned(r[11], r[56]), SunSpecValues.ScaledSigned(r[47], r[63]));
        }
        var storage = Models.FirstOrDefault(m => m.Id == 124) ?? throw new SunSpecException("no battery model (802) or storage model (124) on this device");
        var s = Needs(storage, await ReadModelAsync(storage, cancellationToken), 23);
        return (SunSpecValues.ScaledUnsigned(s[8], s[22]), null);
    }

    /// <summary>Every point of a discovered model that <see cref="SunSpecPoints"/> knows, decoded (for <c>bitgrid probe</c>).</summary>
    public async Task<IReadOnlyList<SunSpecPoint>> ReadPointsAsync(SunSpecModel model, CancellationToken cancellationToken = default) =>
        SunSpecPoints.Decode(model, await ReadModelAsync(model, cancellationToken), _layout.WordOrder);

    private double? Accumulator(ushort[] r, int at, ushort scaleFactor) =>
        _layout.WordOrder == WordOrder.HighFirst ? SunSpecValues.Accumulator(r[at], r[at + 1], scaleFactor) : SunSpecValues.Accumulator(r[at + 1], r[at], scaleFactor);

    private double? Float(ushort[] r, int at) =>
        _layout.WordOrder == WordOrder.HighFirst ? SunSpecValues.FloatingPoint(r[at], r[at + 1]) : SunSpecValues.FloatingPoint(r[at + 1], r[at]);

    /// <summary>
    /// The model's registers, when they reach the last point read from them (offset <paramref name="registers"/> − 1):
    /// a device that declares a model shorter than its standard length is answering wrongly, not missing a value.
    /// </summary>
    private static ushort[] Needs(SunSpecModel model, ushort[] block, int registers) =>
        block.Length >= registers
            ? block
            : throw new SunSpecException($"model {model.Id} at {model.Address} is {model.Length} registers long, too short for its points (needs {registers - 2})");

    private SunSpecModel Find(ushort id) => Models.FirstOrDefault(m => m.Id == id) ?? throw new SunSpecException($"no model {id} on this device");

    private async Task<List<SunSpecModel>> WalkAsync(ushort address, CancellationToken cancellationToken)
    {
        var models = new List<SunSpecModel>();
        while (models.Count < 100)
        {
            var header = await client.ReadHoldingRegistersAsync(unit, address, 2, cancellationToken);
            if (header[0] == EndOfChain)
            {
                return models;
            }
            // The next model starts after this one; a chain that would run past the last register (0xFFFF) is broken, not wrapped to 0.
            var next = address + 2 + header[1];
            if (next > LastHeaderAddress)
            {
                throw new SunSpecException($"model {header[0]} at {address} claims {header[1]} registers, running past the last address 65535");
            }
            models.Add(new SunSpecModel(header[0], address, header[1]));
            address = (ushort)next;
        }
        throw new SunSpecException("the model chain does not end (no 0xFFFF within 100 models)");
    }

    /// <summary>The model's registers from its ID register on, in reads of at most 125 registers.</summary>
    private async Task<ushort[]> ReadModelAsync(SunSpecModel model, CancellationToken cancellationToken)
    {
        var all = new ushort[model.Length + 2];
        for (var offset = 0; offset < all.Length; offset += ModbusLimits.MaxReadRegisters)
        {
            var count = (ushort)Math.Min(ModbusLimits.MaxReadRegisters, all.Length - offset);
            var part = await client.ReadHoldingRegistersAsync(unit, (ushort)(model.Address + offset), count, cancellationToken);
            part.CopyTo(all, offset);
        }
        return all;
    }
}
