#!/usr/bin/env bash
# Self-contained builds of the silo and the console for a thin client: no .NET needed on the target.
#   scripts/publish.sh [linux-x64|linux-arm64 ...]     default: both (linux-arm64 is the Raspberry Pi, 64-bit OS)
# Output: dist/bitgrid-<rid>.tar.gz with silo/ (bitgrid-silo + silo-config), console/ (bitgrid) and the systemd unit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64)
for rid in "${rids[@]}"; do
  case "$rid" in
    linux-x64|linux-arm64) ;;
    *) echo "publish: unknown target '$rid' (linux-x64 or linux-arm64)" >&2; exit 2 ;;
  esac
  out="$root/dist/$rid"
  rm -rf "$out"
  echo "publishing for $rid…" >&2
  dotnet publish src/BitGridAI.Silo/BitGridAI.Silo.csproj -c Release -r "$rid" --self-contained -nologo -v quiet -clp:ErrorsOnly -o "$out/silo"
  dotnet publish src/BitGridAI.Cli/BitGridAI.Cli.csproj -c Release -r "$rid" --self-contained -nologo -v quiet -clp:ErrorsOnly -o "$out/console"
  cp scripts/systemd/bitgrid-silo.service "$out/"
  tar -C "$root/dist" -czf "$root/dist/bitgrid-$rid.tar.gz" "$rid"
  echo "dist/bitgrid-$rid.tar.gz ($(du -sh "$root/dist/bitgrid-$rid.tar.gz" | cut -f1))"
done
