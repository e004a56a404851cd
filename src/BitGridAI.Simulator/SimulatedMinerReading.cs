using BitGridAI.Domain.Decisions;

namespace BitGridAI.Simulator;

/// <summary>
/// One simulated miner at one instant, as its own firmware would know it: mode, power in W, chip temperature
/// in °C, hashrate in TH/s, time mining since it last started, and whether it has power and answers at all.
/// </summary>
public sealed record SimulatedMinerReading(
    DateTimeOffset At,
    MinerMode Mode,
    double PowerW,
    double ChipC,
    double HashrateThs,
    TimeSpan Uptime,
    bool Powered,
    bool Answers);
