#!/usr/bin/env bash
# Runs the benchmarks (all, or the one named) and ends each with its key figures as key=value lines.
#   scripts/bench.sh            all
#   scripts/bench.sh engine     decisions/s of the pure engine (BenchmarkDotNet, in-process, short job)
#   scripts/bench.sh replay     wall time of `bitgrid replay` over a 10-year CSV (525,600 rows) to /dev/null
#   scripts/bench.sh grains     samples/s into device grains and site tick latency (in-process silo on SQLite),
#                               then the real silo: seconds from start to the first decision, idle RSS
#   scripts/bench.sh safety     over-temperature sample → STOP (in-process silo), 1,000 trials each: on an in-memory
#                               miner port, then over the cgminer driver to the simulator's firmware server (soft-off applied)
#   scripts/bench.sh modbus     one poll of a SunSpec inverter + meter + battery over loopback: pymodbus peer, then the
#                               simulator's own Modbus server through the silo's driver ports
#   scripts/bench.sh log        the event log: 200,000 decision records appended in batches of 1,000 with the hash chain,
#                               then the chain verified; then a recorded year (52,560 blocks + decisions) replayed
#                               with KPIs (what-if, closed loop) after loading it from SQLite
#   scripts/bench.sh explain    template explanation including exact counterfactuals, per decision, over thousands of
#                               varied decisions: p50 and p99 in ms
#   scripts/bench.sh api        the real silo's HTTP API: GET /api/v1/site p99 at 200 requests/s, 50 WebSocket stream
#                               clients at 1 Hz (silo CPU with and without them), POST /api/v1/emergency-stop until the
#                               STOP reaches the miner's firmware (p50/p99 over 200 trials), idle RSS with API + dashboard
#   scripts/bench.sh cluster    issue 13's LAN cluster: 3 silos on loopback on a private PostgreSQL, 50 simulated sites (PV
#                               inverter, grid meter, battery, 4 miners; one --devices-only process) polled at 1 Hz: CPU and
#                               RSS per silo, decision latency (histograms of /metrics), over-temperature → STOP at the
#                               simulated firmware. CLUSTER_SITES, CLUSTER_WARMUP_S, CLUSTER_WINDOW_S, CLUSTER_TRIALS change it; not part of "all"
#   scripts/bench.sh fleet      issue 14: twelve simulated days (the 15th of each month; site physics, clouds from a fixed seed)
#                               with three miners under fleet allocation and under single on/off control: exported and
#                               imported kWh, miner kWh, sats; then the fleet decision's time per block for 3, 10, 50 miners
#   scripts/bench.sh mqtt       MQTT ingest (100 devices × 5 signals, QoS 0, 20 s) through the embedded broker into
#                               device grains: msgs/s and latency; mosquitto's relay rate of the same messages
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
which="${1:-all}"
work="$root/.bench"
mkdir -p "$work"

bench_engine() {
  dotnet build tests/BitGridAI.Benchmarks/BitGridAI.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  (cd "$work" && dotnet "$root/tests/BitGridAI.Benchmarks/bin/Release/net10.0/BitGridAI.Benchmarks.dll" engine) \
    | tee "$work/engine.log" | grep -E '^(\| Decide|engine_)' || { tail -30 "$work/engine.log"; return 1; }
}

bench_replay() {
  local csv="$work/decade.csv" runs=5 times=()
  [ -s "$csv" ] || scripts/bitgrid synth --days 3650 --seed 1 --out "$csv"
  local rows
  rows=$(grep -cv '^#' "$csv"); rows=$((rows - 1)) # minus the header
  scripts/bitgrid replay "$csv" >/dev/null 2>&1 # builds if needed, warms the page cache
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    scripts/bitgrid replay "$csv" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "replay_rows=$rows"
  echo "replay_wall_s_median_of_$runs=$(awk -v us="$median" 'BEGIN { printf "%.3f", us / 1e6 }')"
  echo "replay_blocks_per_s=$(awk -v us="$median" -v n="$rows" 'BEGIN { printf "%.0f", n / (us / 1e6) }')"
}

bench_grains() {
  dotnet build tests/BitGridAI.Benchmarks/BitGridAI.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet build src/BitGridAI.Silo/BitGridAI.Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet "$root/tests/BitGridAI.Benchmarks/bin/Release/net10.0/BitGridAI.Benchmarks.dll" grains

  # The real silo with the simulated site: time to its first decision line, then RSS after 20 s idle.
  local data="$work/silo-data" out="$work/silo.out" port
  rm -rf "$data"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local start end pid api_port
  start=$(date +%s%N)
  api_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  dotnet src/BitGridAI.Silo/bin/Release/net10.0/bitgrid-silo.dll --data-dir "$data" --Mqtt:Port="$port" --Api:Url="http://127.0.0.1:$api_port" >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 600); do grep -q '^block ' "$out" && break; sleep 0.05; done
  end=$(date +%s%N)
  grep -q '^block ' "$out" || { kill "$pid"; cat "$out"; return 1; }
  echo "first_decision_s=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }')"
  sleep 20
  echo "idle_rss_mb=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")"
  kill -TERM "$pid"; wait "$pid" || true
}

bench_safety() {
  dotnet build tests/BitGridAI.Benchmarks/BitGridAI.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet "$root/tests/BitGridAI.Benchmarks/bin/Release/net10.0/BitGridAI.Benchmarks.dll" safety
}

bench_modbus() {
  scripts/setup-test-peers.sh >/dev/null
  dotnet build tests/BitGridAI.Benchmarks/BitGridAI.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet "$root/tests/BitGridAI.Benchmarks/bin/Release/net10.0/BitGridAI.Benchmarks.dll" modbus "$root/tests/BitGridAI.Adapters.Tests/Peers/sunspec_server.py"
}

bench_mqtt() {
  scripts/setup-test-peers.sh >/dev/null
  dotnet build tests/BitGridAI.Benchmarks/BitGridAI.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet "$root/tests/BitGridAI.Benchmarks/bin/Release/net10.0/BitGridAI.Benchmarks.dll" mqtt
}

bench_log() {
  dotnet build tests/BitGridAI.Benchmarks/BitGridAI.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet "$root/tests/BitGridAI.Benchmarks/bin/Release/net10.0/BitGridAI.Benchmarks.dll" log
  dotnet "$root/tests/BitGridAI.Benchmarks/bin/Release/net10.0/BitGridAI.Benchmarks.dll" history
}

bench_api() {
  dotnet build tests/BitGridAI.Benchmarks/BitGridAI.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet build src/BitGridAI.Silo/BitGridAI.Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet "$root/tests/BitGridAI.Benchmarks/bin/Release/net10.0/BitGridAI.Benchmarks.dll" api "$root/src/BitGridAI.Silo/bin/Release/net10.0/bitgrid-silo.dll"
}

bench_explain() {
  dotnet build tests/BitGridAI.Benchmarks/BitGridAI.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet "$root/tests/BitGridAI.Benchmarks/bin/Release/net10.0/BitGridAI.Benchmarks.dll" explain
}

bench_fleet() {
  dotnet build tests/BitGridAI.Benchmarks/BitGridAI.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet "$root/tests/BitGridAI.Benchmarks/bin/Release/net10.0/BitGridAI.Benchmarks.dll" fleet
}

bench_cluster() {
  command -v psql >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
    || { echo "bench cluster needs PostgreSQL (apt-get install postgresql postgresql-client)" >&2; return 1; }
  dotnet build tests/BitGridAI.Benchmarks/BitGridAI.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet build src/BitGridAI.Silo/BitGridAI.Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  # A private PostgreSQL on a free port, as scripts/cluster-demo.sh starts it (as the postgres user under root).
  local pgbin dir port rc=0
  pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  dir="$(mktemp -d /tmp/bitgrid-bench-cluster.XXXXXX)"
  chmod 755 "$dir"; mkdir -p "$dir/pg"
  as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir/pg"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg "$pgbin/initdb" -D "$dir/pg" -U bitgrid --auth=trust -E UTF8 --no-instructions >"$dir/initdb.log"
  as_pg "$pgbin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w -o "-p $port -k $dir/pg -c listen_addresses=127.0.0.1" start >/dev/null
  psql -h 127.0.0.1 -p "$port" -U bitgrid -d postgres -qc "CREATE DATABASE bitgrid;"
  echo "cluster bench: PostgreSQL on 127.0.0.1:$port, logs in $dir"
  dotnet "$root/tests/BitGridAI.Benchmarks/bin/Release/net10.0/BitGridAI.Benchmarks.dll" cluster \
    "$root/src/BitGridAI.Silo/bin/Release/net10.0/bitgrid-silo.dll" "Host=127.0.0.1;Port=$port;Username=bitgrid;Database=bitgrid" "$dir" \
    "${CLUSTER_SITES:-50}" "${CLUSTER_WARMUP_S:-90}" "${CLUSTER_WINDOW_S:-180}" "${CLUSTER_TRIALS:-20}" || rc=$?
  # Blocks missing or repeated in the sites' event logs over the whole run (a site that fell behind misses blocks).
  [ "$rc" -ne 0 ] || scripts/bitgrid db audit --connection "Host=127.0.0.1;Port=$port;Username=bitgrid;Database=bitgrid" | tail -1 \
    | tr ' ' '\n' | sed 's/^/cluster_audit_/'  # sites=N blocks=N missing=N duplicate=N
  as_pg "$pgbin/pg_ctl" -D "$dir/pg" -m fast stop >/dev/null 2>&1 || true
  return $rc
}

case "$which" in
  engine) bench_engine ;;
  replay) bench_replay ;;
  grains) bench_grains ;;
  safety) bench_safety ;;
  modbus) bench_modbus ;;
  mqtt) bench_mqtt ;;
  log) bench_log ;;
  explain) bench_explain ;;
  api) bench_api ;;
  cluster) bench_cluster ;;
  fleet) bench_fleet ;;
  all) bench_engine; bench_replay; bench_grains; bench_safety; bench_modbus; bench_mqtt; bench_log; bench_explain; bench_api; bench_fleet ;;
  *) echo "unknown benchmark '$which' (known: engine, replay, grains, safety, modbus, mqtt, log, explain, api, cluster, all)" >&2; exit 2 ;;
esac
