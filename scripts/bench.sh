#!/usr/bin/env bash
# Runs the benchmarks (all, or the one named) and ends each with its key figures as key=value lines.
#   scripts/bench.sh            all
#   scripts/bench.sh engine     decisions/s of the pure engine (BenchmarkDotNet, in-process, short job)
#   scripts/bench.sh replay     wall time of `bitgrid replay` over a 10-year CSV (525,600 rows) to /dev/null
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

case "$which" in
  engine) bench_engine ;;
  replay) bench_replay ;;
  all) bench_engine; bench_replay ;;
  *) echo "unknown benchmark '$which' (known: engine, replay, all)" >&2; exit 2 ;;
esac
