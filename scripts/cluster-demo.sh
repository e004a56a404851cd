#!/usr/bin/env bash
# A three-silo BitGridAI cluster on this machine: a private PostgreSQL (Debian package), the device processes of two
# simulated sites (silo-config/sites/home.json and farm.json, their own Modbus, miner-API and MQTT ports) and three
# silos on loopback with their own Orleans, gateway and API ports. Prints where every grain lives.
#   scripts/cluster-demo.sh [--failover] [--speed N] [--blocks N] [--keep]
# --failover   after --blocks blocks per site, SIGKILL the silo holding the most grains, keep running, and end with
#              `failover: sites=2 blocks=N missing=0 duplicate=0 recovered_in_s=X` (blocks, gaps and repeats counted
#              in the sites' event logs in PostgreSQL; recovered_in_s = from the kill until every site and device grain
#              the dead silo held answers from a survivor).
# --speed N    site seconds per real second (default 20: a 10-minute block every 30 s).
# --keep       leave everything running at the end (Ctrl-C stops it); without it the demo cleans up.
# Ports: PostgreSQL 55432, silos 11121-11123, gateways 30021-30023, APIs 8091-8093, sites 5021/5022 (Modbus),
# 14029/14030 (miner APIs), 1884/1885 (MQTT), 8191/8192 (the simulators' control). Logs in the work directory it prints.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
failover=false; speed=20; blocks=3; keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --failover) failover=true ;;
    --speed) speed="$2"; shift ;;
    --blocks) blocks="$2"; shift ;;
    --keep) keep=true ;;
    *) echo "cluster-demo: unknown option '$1' (use --failover, --speed N, --blocks N, --keep)" >&2; exit 2 ;;
  esac
  shift
done

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v psql >/dev/null || need+=(postgresql-client)
command -v jq >/dev/null || need+=(jq)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}…"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

for port in 55432 11121 11122 11123 30021 30022 30023 8091 8092 8093 5021 5022 14029 14030 1884 1885 8191 8192; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "cluster-demo: port $port is in use on 127.0.0.1; stop what holds it (or an earlier demo) and try again" >&2
    exit 1
  fi
done

work="$(mktemp -d /tmp/bitgrid-cluster-demo.XXXXXX)"
chmod 755 "$work"
pids=()
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "work directory $work"
mkdir -p "$work/pg"
[ "$(id -u)" -ne 0 ] || chown postgres:postgres "$work/pg"
as_pg "$pgbin/initdb" -D "$work/pg" -U bitgrid --auth=trust -E UTF8 --no-instructions >"$work/initdb.log"
as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
  -o "-p 55432 -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
psql -h 127.0.0.1 -p 55432 -U bitgrid -d postgres -qc "CREATE DATABASE bitgrid;"
connection="Host=127.0.0.1;Port=55432;Username=bitgrid;Database=bitgrid"
echo "PostgreSQL on 127.0.0.1:55432 (database bitgrid)"

echo "building the silo…"
dotnet build "$root/src/BitGridAI.Silo/BitGridAI.Silo.csproj" -c Release -nologo -v quiet >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
dll="$root/src/BitGridAI.Silo/bin/Release/net10.0/bitgrid-silo.dll"
config="$root/src/BitGridAI.Silo/bin/Release/net10.0/silo-config"
common=("--Cluster:Connection=$connection" "--Silo:ClusterId=demo" "--Silo:Speed=$speed" "--Silo:SimulationStart=2026-06-21T09:00:00Z")

for site in home farm; do
  dotnet "$dll" --devices-only true --config "$config/sites/$site.json" "${common[@]}" >"$work/devices-$site.log" 2>&1 &
  pids+=($!)
done
declare -A silo_pid
start_silo() {
  local i=$1
  dotnet "$dll" --config "$config/cluster.json" --data-dir "$work/silo$i" "${common[@]}" \
    "--Silo:SiloPort=1112$i" "--Silo:GatewayPort=3002$i" "--Api:Url=http://127.0.0.1:809$i" >>"$work/silo$i.log" 2>&1 &
  silo_pid[$i]=$!
  pids+=($!)
}
for i in 1 2 3; do start_silo "$i"; done

token() { sed -n 's/^admin token: //p' "$work/silo$1.log" | head -1; }
for i in 1 2 3; do
  for _ in $(seq 1 120); do grep -q "^API and dashboard on" "$work/silo$i.log" 2>/dev/null && break; sleep 0.5; done
  grep -q "^API and dashboard on" "$work/silo$i.log" || { echo "silo $i did not start:"; tail -20 "$work/silo$i.log"; exit 1; }
done
echo "3 silos started (APIs http://127.0.0.1:8091-8093; admin tokens in $work/silo*.log)"

sql() { psql -h 127.0.0.1 -p 55432 -U bitgrid -d bitgrid -At -c "$1"; }
blocks_of() { sql "SELECT COUNT(*) FROM bitgrid_event_log WHERE site_id = '$1' AND kind = 'block';" 2>/dev/null || echo 0; }
wait_blocks() {
  local want=$1
  for _ in $(seq 1 600); do
    [ "$(blocks_of home)" -ge "$want" ] && [ "$(blocks_of farm)" -ge "$want" ] && return 0
    sleep 0.5
  done
  echo "cluster-demo: the sites did not reach $want blocks" >&2; exit 1
}
# site and device grains with the silo each lives on, as a live silo's API lists them (override and recorder grains
# come back on their own at the next block, when the site grain calls them).
grains() {
  local i=$1
  curl -sf -H "Authorization: Bearer $(token "$i")" "http://127.0.0.1:809$i/api/v1/grains" \
    | jq -r '.. | objects | select(has("type") and has("key") and has("silo")) | select(.type | test("^(site|miner|pvinverter|battery|gridmeter)$")) | "\(.type)/\(.key) \(.silo)"' | sort
}
show_grains() {
  echo "where the grains live (silo = address:port:epoch):"
  grains "$1" | awk '{ printf "  %-28s %s\n", $1, $2 }'
}

wait_blocks "$blocks"
show_grains 1

if $failover; then
  # The silo holding the most of those grains.
  victim_port=$(grains 1 | awk '{ split($2, a, ":"); print a[2] }' | sort | uniq -c | sort -rn | head -1 | awk '{ print $2 }')
  victim=${victim_port: -1}
  survivor=$(( victim % 3 + 1 ))
  held=$(grains "$survivor" | awk -v p=":$victim_port:" 'index($2, p) { print $1 }')
  echo "SIGKILL silo $victim (port $victim_port), which holds: $(echo $held | tr '\n' ' ')"
  killed_at=$(date +%s.%N)
  echo "killed at $(date -u +%H:%M:%S.%N | cut -c1-12)"
  kill -KILL "${silo_pid[$victim]}"
  wait "${silo_pid[$victim]}" 2>/dev/null || true # reaped here, without the shell's "Killed" notice
  recovered=""
  for _ in $(seq 1 600); do
    now_grains=$(grains "$survivor" || true)
    if [ -n "$now_grains" ] && ! echo "$now_grains" | grep -q ":$victim_port:"; then
      missing_grain=""
      for g in $held; do echo "$now_grains" | grep -q "^$g " || { missing_grain=$g; break; }; done
      if [ -z "$missing_grain" ]; then recovered=$(awk -v now="$(date +%s.%N)" -v then="$killed_at" 'BEGIN { print now - then }'); break; fi
    fi
    sleep 0.5
  done
  [ -n "$recovered" ] || { echo "cluster-demo: the dead silo's grains did not come back" >&2; exit 1; }
  printf 'every grain of silo %s answers from a survivor after %.1f s\n' "$victim" "$recovered"
  wait_blocks $(( blocks + 3 ))
  show_grains "$survivor"
  audit=$("$root/scripts/bitgrid" db audit --connection "$connection" | tail -1)
  printf 'failover: %s recovered_in_s=%.1f\n' "$audit" "$recovered"
fi

if $keep; then
  echo "running; Ctrl-C stops the demo"
  wait
fi
