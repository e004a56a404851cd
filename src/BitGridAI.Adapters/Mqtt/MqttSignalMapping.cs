namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// One signal read from a topic a device already publishes: value = number at <see cref="JsonPath"/> ×
/// <see cref="Scale"/> + <see cref="Offset"/>, in the signal's unit (W, %, °C, …).
/// </summary>
public sealed class MqttSignalMapping
{
    /// <summary>An exact topic (no wildcards), e.g. <c>tele/tasmota_1A2B3C/SENSOR</c>.</summary>
    public string Topic { get; set; } = "";

    /// <summary>
    /// Dotted path to the number, with <c>[n]</c> for array items: <c>ENERGY.Power</c>, <c>apower</c>,
    /// <c>params.switch:0.apower</c>, <c>sensors[1].value</c>. Empty: the whole payload is a plain number.
    /// </summary>
    public string JsonPath { get; set; } = "";

    /// <summary>The signal's snake_case name, e.g. <c>pv_power_w</c>.</summary>
    public string Signal { get; set; } = "";

    /// <summary>Multiplies the raw number, e.g. 1000 for kW → W.</summary>
    public double Scale { get; set; } = 1;

    /// <summary>Added after scaling, e.g. −273.15 for K → °C.</summary>
    public double Offset { get; set; }

    /// <summary>
    /// The unit the device reports in (after <see cref="Scale"/> and <see cref="Offset"/>), e.g. <c>kW</c>,
    /// <c>°F</c>, <c>EUR/kWh</c>: converted to the signal's unit. Empty: already in the signal's unit.
    /// </summary>
    public string Unit { get; set; } = "";

    /// <summary>
    /// Path to the device's own timestamp (RFC 3339 with an offset, or Unix seconds); empty: the time the
    /// message arrived, on the site clock.
    /// </summary>
    public string TimestampPath { get; set; } = "";
}
