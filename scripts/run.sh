#!/usr/bin/env bash
# The main job: starts the standalone BitGridAI silo with its built-in simulated site.
#   scripts/run.sh [--data-dir DIR] [--speed N] [--config FILE] [--Section:Key=value ...]
# Defaults: data in ./data, site time 60× real time (a 10-minute block every 10 s). Ctrl-C stops cleanly;
# the next start resumes from the data directory. The first start builds the silo (about a minute).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/src/BitGridAI.Silo/BitGridAI.Silo.csproj"
bin="$root/src/BitGridAI.Silo/bin/Release/net10.0/bitgrid-silo.dll"

stale() {
  [ -f "$bin" ] || return 0
  [ -n "$(find "$root/src" "$root/silo-config" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
      \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$bin" -print -quit)" ]
}

if stale; then
  echo "building the silo…" >&2
  if ! log=$(dotnet build "$project" -c Release -nologo -v quiet 2>&1); then
    echo "$log" >&2
    exit 1
  fi
  touch "$bin"
fi
exec dotnet "$bin" "$@"
