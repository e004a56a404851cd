#!/usr/bin/env bash
# The main job. Until the silo exists it replays a built-in synthetic day through the decision engine
# and prints each block's decision as a table. Options go to `bitgrid demo` (--day N, --seed S).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/scripts/bitgrid" demo "$@"
