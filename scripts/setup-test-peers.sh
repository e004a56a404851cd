#!/usr/bin/env bash
# Installs the real protocol peers the tests run against, and the tools tests build fixtures with (Debian packages). Called by scripts/test.sh.
# Tests start and stop their own instances on free loopback ports; nothing here is left running.
set -euo pipefail
# python3-onnx: the Explain tests write a tiny random-weight language model folder with it.
# postgresql: the PostgreSQL tests initdb a private instance on a free loopback port (never 5432) as the postgres user.
# chromium: the dashboard's end-to-end tests drive Debian's headless Chromium with Playwright (no browser download).
packages=(mosquitto mosquitto-clients python3-pymodbus python3-serial python3-serial-asyncio libmodbus-dev mbpoll gcc pkg-config python3-onnx chromium postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# Debian's package may start a broker on 1883 where an init system runs; the tests never use that port.
# Likewise PostgreSQL may start a cluster on 5432; the tests start their own with initdb/pg_ctl on a free port.
