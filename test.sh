#!/usr/bin/env bash
# Runs the whole test suite against real PostgreSQL and RabbitMQ (and the site in a real Chromium): installs and starts them once,
# then `dotnet test` on the solution — or on one test project given first
# (`./test.sh tests/Search.Tests`). Further arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/infrastructure.sh

target=NewsPlatform.sln
if [ $# -gt 0 ] && [ -e "$1" ]; then target="$1"; shift; fi

# Chromium drives the site's journeys (Playwright cannot download a browser here).
install_servers chromium
install_node
install_smtp4dev
start_postgres
start_rabbitmq
start_redis

# Where the integration tests find the servers (each test class makes its own database and
# RabbitMQ virtual host and removes them afterwards).
# Loopback, as the AppHost's own cluster: no TLS (the Debian cluster offers it).
export NEWSPLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Password=${NP_PG_PASSWORD};SSL Mode=Disable"
export NEWSPLATFORM_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:5672"
export NEWSPLATFORM_TEST_RABBITMQ_MANAGEMENT="http://guest:guest@127.0.0.1:15672"
export NEWSPLATFORM_TEST_REDIS="127.0.0.1:6379"
export NEWSPLATFORM_SMTP4DEV="$PWD/.run/tools/smtp4dev"
export NEWSPLATFORM_CHROMIUM="${NEWSPLATFORM_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "Building"
dotnet build "$target" -nologo -v quiet -clp:ErrorsOnly

log "Testing"
output="$(mktemp)"
set +e
dotnet test "$target" --no-build -nologo "$@" 2>&1 | tee "$output"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$output"
rm -f "$output"
exit "$status"
