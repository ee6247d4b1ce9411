#!/usr/bin/env bash
# The mixed soak: the whole platform as ./start.sh runs it (AppHost, local servers, one replica each unless
# Replicas__Services / Replicas__Gateways say otherwise), then bench/Soak drives it through the gateway at a fixed rate
# for ten minutes: article reads and fronts, searches, logins, publications (draft + publish) and subscriptions
# (register, log in, subscribe). It prints a line a minute (operations, errors, p50/p99, each process's memory) and a
# verdict: no errors, every process's memory after the warm-up within ±10 % of where the warm-up left it, and no
# minute's p99 above twice the median minute's. Beside RSS it records each .NET process's managed heap (dotnet-counters),
# which tells a leak from a collector keeping memory it once needed.
#
# Usage (from anywhere; needs root or sudo for apt-get):
#   bash bench/soak.sh
#   SOAK_SECONDS=120 SOAK_WARMUP_SECONDS=30 bash bench/soak.sh     # a quick check that it works
#
# Settings (environment variables, defaults in brackets):
#   SOAK_SECONDS [600]         the soak's length
#   SOAK_WARMUP_SECONDS [120]  the first part, not judged for memory or p99
#   SOAK_RATE [15]             operations per second (each publication is two requests, a subscription three)
# The platform uses the gateway's port 5000 and the dashboard's 18888, as ./start.sh: stop a running one first.
# Its data is thrown away at the end (Infrastructure:Ephemeral). The limits per address are raised for the run
# (one client makes every login), as the gateway benchmark does.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/infrastructure.sh

for port in 5000 18888; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then log "Port $port is in use: stop the running platform first"; exit 1; fi
done

install_servers
install_smtp4dev
install_node
install_dotnet_tool dotnet-counters 10.0.750501 # the managed heaps beside RSS

work="$(mktemp -d)"
password="soak-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
log "Building the soak driver"
dotnet build bench/Soak -c Release -nologo -v q -clp:ErrorsOnly

log "Starting the platform (log: $work/apphost.log)"
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
set -m # its own process group, stopped as one at the end
dotnet run --project AppHost --launch-profile http -- \
  Infrastructure:Ephemeral=true "Parameters:initial-admin-password=$password" \
  Overrides:gateway:RateLimits:Credentials:Attempts:Burst=100000 Overrides:gateway:RateLimits:Credentials:Attempts:PerSecond=100000 \
  Overrides:gateway:RateLimits:Anonymous:Burst=100000 Overrides:gateway:RateLimits:Anonymous:PerSecond=100000 \
  >"$work/apphost.log" 2>&1 &
apphost=$!
set +m
cleanup() {
  kill -INT -- "-$apphost" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$apphost" 2>/dev/null || break; sleep 1; done
  kill -KILL -- "-$apphost" 2>/dev/null || true
  [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

# Up when the gateway reports every service behind it ready and search answers.
deadline=$((SECONDS + 600))
until curl -fsS http://127.0.0.1:5000/health 2>/dev/null | python3 -c '
import json, sys
report = json.load(sys.stdin)
sys.exit(0 if all(v.get("status") == "Healthy" for k, v in report.get("downstream", {}).items() if k.endswith("-service")) else 1)' 2>/dev/null \
  && curl -fsS -o /dev/null "http://127.0.0.1:5000/api/search?q=ready"; do
  [ "$SECONDS" -lt "$deadline" ] || { log "The platform did not become ready in 10 minutes"; tail -50 "$work/apphost.log"; exit 1; }
  sleep 3
done
log "Platform ready; soaking"

SOAK_ADMIN_PASSWORD="$password" SOAK_COUNTERS="$PWD/.run/tools/dotnet-counters" dotnet bench/Soak/bin/Release/net10.0/NewsPlatform.Soak.dll
