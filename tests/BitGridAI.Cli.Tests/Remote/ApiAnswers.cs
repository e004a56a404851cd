namespace BitGridAI.Cli.Tests.Remote;

/// <summary>Answers shaped like the silo's (src/BitGridAI.Silo/Control/SiteViews.cs), with a field a newer silo might add.</summary>
internal static class ApiAnswers
{
    public const string Site = """
        {"site_id":"home","time":"2026-06-21T12:03:05+00:00","autonomy":"SEMI","strategy":"surplus",
         "flows":{"pv_w":5200,"house_w":700,"battery_w":-1200,"battery_soc_pct":82.5,"grid_import_w":0,"grid_export_w":300,"miners_w":1450,"surplus_w":4500},
         "miners":[{"id":"miner-1","mode":"standard","action":"START","confirmed_action":"START","power_w":1450,"temp_c":64.5,"hashrate_ths":96.7,
                    "health":"ok","health_reason":null,"lockout":false,"lockout_until":null,"emergency_stop":false,"relay_open":false,"fault":null,
                    "last_decision_code":"START_R1_SURPLUS_OK","blocks_since_change":3,"priority":0,"firmware":"newer field"},
                   {"id":"miner-2","mode":null,"action":"STOP","confirmed_action":"STOP","power_w":0,"temp_c":null,"hashrate_ths":null,
                    "health":"error","health_reason":"no data for 40 s","lockout":true,"lockout_until":"2026-06-21T12:30:00+00:00","emergency_stop":true,
                    "relay_open":true,"fault":null,"last_decision_code":"STOP_R3_EMERGENCY_STOP","blocks_since_change":0,"priority":1}],
         "devices":[],
         "override":{"action":"STOP","expires_at":"2026-06-21T12:07:15+00:00","remaining_s":250,"requested_by":"kitchen","miner":null,"reason":"guests"},
         "overrides":[{"action":"STOP","expires_at":"2026-06-21T12:07:15+00:00","remaining_s":250,"requested_by":"kitchen","miner":null,"reason":"guests"}],
         "last_decision":{"sequence":42,"block_id":"2026-06-21T12:00:00Z","miner":"miner-1","decision_code":"START_R1_SURPLUS_OK","action":"START","mode":"standard",
                          "trigger":"BLOCK_TICK","short_text":"Enough surplus: the miner runs.","decided_at":"2026-06-21T12:00:02+00:00"},
         "health":{"status":"degraded","checks":{"site":"ok","event_log":"ok","device:miner-2":"error: no data for 40 s"}},
         "weather":{"added":"later"}}
        """;

    public const string Decisions = """
        [{"sequence":42,"block_id":"2026-06-21T12:00:00Z","miner":"miner-1","decision_code":"START_R1_SURPLUS_OK","action":"START","mode":"standard",
          "trigger":"BLOCK_TICK","short_text":"Enough surplus: the miner runs.","decided_at":"2026-06-21T12:00:02+00:00"},
         {"sequence":41,"block_id":"2026-06-21T11:50:00Z","miner":"miner-1","decision_code":"NOOP_R1_INSUFFICIENT_SURPLUS","action":"NOOP","mode":null,
          "trigger":"BLOCK_TICK","short_text":"Not enough surplus yet.","decided_at":"2026-06-21T11:50:02+00:00"}]
        """;

    public const string Block = """
        {"block_id":"2026-06-21T12:00:00Z","window_start":"2026-06-21T11:50:00+00:00","window_end":"2026-06-21T12:00:00+00:00",
         "decisions":[{"sequence":42,"miner":"miner-1","decision_code":"START_R1_SURPLUS_OK","action":"START","mode":"standard","trigger":"BLOCK_TICK",
           "params":{"surplus_kw":4.5,"surplus_min_kw":1.5},"missing":[],"rejected":[],"overruled_override":null,"held_back_proposal":null,
           "decided_at":"2026-06-21T12:00:02+00:00",
           "explanation":{"language":"en","persona":"energy","mood":"positive","short_text":"Enough surplus: the miner runs.",
             "long_text":"PV 5.2 kW minus the house's 0.7 kW leaves 4.5 kW.","trigger":"the block tick","data_basis":"PV, house load",
             "effect":"The miner draws 1.45 kW.","options":["Set an override to stop it."],"counterfactuals":"Below 1.5 kW surplus it would stay stopped.","notes":[]}},
          {"sequence":43,"miner":"miner-2","decision_code":"STOP_R3_EMERGENCY_STOP","action":"STOP","mode":null,"trigger":"SAFETY_ASYNC","params":{},
           "missing":[],"rejected":[],"overruled_override":null,"held_back_proposal":null,"decided_at":"2026-06-21T12:00:03+00:00","explanation":null}]}
        """;

    public const string Kpis = """
        {"period":"day","rows":[{"period":"2026-06-21","blocks":144,"pv_kwh":40.5,"house_kwh":9.25,"import_kwh":1.5,"export_kwh":3.0,"miner_kwh":20.125,
          "heat_kwh":20.125,"self_consumption":0.926,"autarky":0.84,"sats":1234.4,"sats_per_kwh":61.3,"export_value_eur":0.24,"mining_value_eur":0.8,
          "actuator_changes":6,"thermal_stops":1,"overrides_accepted":2,"overrides_refused":1,"latency_mean_s":0.4,"latency_max_s":1.1,"partial":["house"]}],
         "total":{"period":"total","blocks":144,"pv_kwh":40.5,"house_kwh":9.25,"import_kwh":1.5,"export_kwh":3.0,"miner_kwh":20.125,"heat_kwh":20.125,
          "self_consumption":0.926,"autarky":0.84,"sats":1234.4,"sats_per_kwh":61.3,"export_value_eur":0.24,"mining_value_eur":0.8,"actuator_changes":6,
          "thermal_stops":1,"overrides_accepted":2,"overrides_refused":1,"latency_mean_s":0.4,"latency_max_s":1.1,"partial":["house"]},"skipped_records":0}
        """;

    public const string Override = """
        {"action":"STOP","expires_at":"2026-06-21T12:08:05+00:00","remaining_s":300,"requested_by":"kitchen","miner":"miner-1","reason":"guests"}
        """;

    public const string Autonomy = """{"autonomy":"SEMI"}""";

    public const string EmergencyStop = """
        {"accepted":true,"miners":[{"id":"miner-1","action":"STOP","lockout":true,"lockout_until":"2026-06-21T12:33:00+00:00","emergency_stop":true,"relay_open":false}]}
        """;

    public const string Export = """
        {"directory":"/srv/bitgrid/data/exports/export-20260621T120000Z","manifest_sha256":"ab12","manifest":{"files":[{"name":"decisions.parquet","rows":144,"bytes":9000,"sha256":"cd34"}]}}
        """;
}
