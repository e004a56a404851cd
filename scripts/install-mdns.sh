#!/usr/bin/env bash
# Announces the BitGridAI dashboard on the LAN through avahi (mDNS/DNS-SD), the standard way on Debian and
# Raspberry Pi OS: installs avahi-daemon, writes /etc/avahi/services/bitgrid.service from
# scripts/avahi/bitgrid.service with the API's port, and — if asked — makes avahi announce this machine as
# bitgrid.local. Browsers and apps that browse _http._tcp then list "BitGridAI on <host>".
#
#   sudo scripts/install-mdns.sh [--port N | --url URL] [--https] [--name TEXT] [--hostname-alias] [--dry-run]
#   sudo scripts/install-mdns.sh --remove [--dry-run]
#
#   --port N          the API's port (default 8080, the silo's default Api:Url)
#   --url URL         take scheme and port from the silo's Api:Url (e.g. https://0.0.0.0:8443)
#   --https           announce _https._tcp instead of _http._tcp (the API serves TLS)
#   --name TEXT       the service name shown when browsing (default "BitGridAI on %h"; %h = host name)
#   --hostname-alias  set avahi's host-name to "bitgrid", so this machine answers as bitgrid.local
#                     (instead of <hostname>.local; the system host name itself is not changed)
#   --remove          remove the service file again (the host name setting is left as it is)
#   --dry-run         print what would be done and the service file; change nothing (no root needed)
#
# The silo itself must listen on the LAN for any of this to help: Api:Url=https://0.0.0.0:8443 with a
# certificate, or http://0.0.0.0:8080 with Api:AllowPlainHttp=true (docs/home-assistant.md, "On the LAN").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
template="$here/avahi/bitgrid.service"
target="/etc/avahi/services/bitgrid.service"
conf="/etc/avahi/avahi-daemon.conf"
alias_name="bitgrid"

port=8080
type="_http._tcp"
name="BitGridAI on %h"
set_alias=false
remove=false
dry_run=false

fail() { echo "install-mdns: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --port) [ $# -ge 2 ] || fail "--port needs a value"; port="$2"; shift 2 ;;
    --url)
      [ $# -ge 2 ] || fail "--url needs a value"
      case "$2" in
        https://*) type="_https._tcp"; default_port=443 ;;
        http://*) type="_http._tcp"; default_port=80 ;;
        *) fail "--url must start with http:// or https:// (got '$2')" ;;
      esac
      hostport="${2#*://}"; hostport="${hostport%%/*}"
      if [[ "$hostport" =~ :([0-9]+)$ ]]; then port="${BASH_REMATCH[1]}"; else port="$default_port"; fi
      shift 2 ;;
    --https) type="_https._tcp"; shift ;;
    --name) [ $# -ge 2 ] || fail "--name needs a value"; name="$2"; shift 2 ;;
    --hostname-alias) set_alias=true; shift ;;
    --remove) remove=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done

[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || fail "--port must be a port from 1 to 65535 (got '$port')"
[ -n "$name" ] && [ "${#name}" -le 63 ] && ! [[ "$name" =~ [[:cntrl:]] ]] || fail "--name must be 1 to 63 characters without control characters (a DNS-SD instance name)"
[ -f "$template" ] || fail "template $template is missing"

# The name goes into XML: escape what XML gives a meaning to (& first).
xml_name="$(printf '%s' "$name" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g')"
# …and then into a sed replacement: escape its own specials (|, & and \).
sed_name="$(printf '%s' "$xml_name" | sed 's/[|&\\]/\\&/g')"
service="$(sed -e "s|@NAME@|$sed_name|" -e "s|@TYPE@|$type|" -e "s|@PORT@|$port|" "$template")"

run() {
  if $dry_run; then
    echo "would run: $*"
  else
    "$@"
  fi
}

if ! $dry_run && [ "$(id -u)" -ne 0 ]; then
  fail "writes to /etc and installs packages: run it with sudo (or --dry-run to see what it would do)"
fi

if $remove; then
  run rm -f "$target"
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet avahi-daemon 2>/dev/null; then
    run systemctl reload avahi-daemon
  fi
  $dry_run || echo "removed $target"
  exit 0
fi

# 1. avahi-daemon (and avahi-utils for avahi-browse / avahi-resolve to check the result).
if dpkg -s avahi-daemon >/dev/null 2>&1; then
  echo "avahi-daemon is installed"
else
  run apt-get update
  run env DEBIAN_FRONTEND=noninteractive apt-get install -y avahi-daemon avahi-utils
fi

# 2. The service file.
if $dry_run; then
  echo "would write $target:"
  echo "--- $target ---"
  printf '%s\n' "$service"
  echo "--- end ---"
else
  mkdir -p "$(dirname "$target")"
  printf '%s\n' "$service" > "$target.tmp"
  chmod 0644 "$target.tmp"
  mv "$target.tmp" "$target"
  echo "wrote $target ($type on port $port)"
fi

# 3. bitgrid.local: avahi announces this machine under host-name (section [server] of avahi-daemon.conf).
restart=false
if $set_alias; then
  if $dry_run; then
    echo "would set host-name=$alias_name in [server] of $conf (this machine then answers as $alias_name.local)"
  elif [ -f "$conf" ] && grep -Eq "^host-name=$alias_name\$" "$conf"; then
    echo "$conf already names this machine $alias_name.local"
  else
    [ -f "$conf" ] || printf '[server]\n' > "$conf"
    cp "$conf" "$conf.bitgrid-backup"
    if grep -Eq '^#?host-name=' "$conf"; then
      sed -i -E "s/^#?host-name=.*/host-name=$alias_name/" "$conf"
    elif grep -q '^\[server\]' "$conf"; then
      sed -i "/^\[server\]/a host-name=$alias_name" "$conf"
    else
      printf '[server]\nhost-name=%s\n' "$alias_name" >> "$conf"
    fi
    echo "set host-name=$alias_name in $conf (backup: $conf.bitgrid-backup)"
  fi
  restart=true
fi

# 4. avahi-daemon re-reads its service files on reload; a new host name needs a restart.
if command -v systemctl >/dev/null 2>&1; then
  run systemctl enable avahi-daemon
  if $restart; then
    run systemctl restart avahi-daemon
  else
    run systemctl reload-or-restart avahi-daemon
  fi
fi

echo "check from another machine: avahi-browse -rt $type   (or: avahi-resolve -n $($set_alias && echo "$alias_name" || hostname).local)"
