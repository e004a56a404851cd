#!/usr/bin/env bash
# Installs what the tests need, builds everything (warnings are errors), runs every test project and
# prints as its last line "N passed, N failed" summed over all projects. Exits non-zero on any failure,
# including a project that does not build or whose run breaks off.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/.test-results"
rm -rf "$results"
mkdir -p "$results"

if [ -x scripts/setup-test-peers.sh ]; then
  scripts/setup-test-peers.sh || { echo "setting up the test peers failed"; echo "0 passed, 1 failed"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if ! dotnet restore BitGridAI.sln -nologo -v quiet || ! dotnet build BitGridAI.sln -c Release --no-restore -nologo -v quiet -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
projects=(tests/*.Tests/*.Tests.csproj)
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  echo "== $name"
  if ! dotnet test "$project" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results"; then
    status=1
  fi
done

# Sum the counters of every .trx; a project without one (it broke off) counts as one failure.
passed=0
failed=0
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  trx="$results/$name.trx"
  if [ ! -s "$trx" ]; then
    failed=$((failed + 1))
    status=1
    continue
  fi
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  if [ "$(count total)" -eq 0 ]; then
    echo "$name ran no test"
    failed=$((failed + 1))
    status=1
    continue
  fi
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
done
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit "$status"
