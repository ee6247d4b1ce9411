#!/usr/bin/env bash
# Repeatable HTTP benchmark of the Subscriptions & identity service with wrk.
#
# Usage (from anywhere; needs root or sudo for apt-get and the local servers):
#   bash bench/identity.sh
#   WARMUP=5 DURATION=10 bash bench/identity.sh          # shorter run
#
# What it does:
#   1. Installs wrk (and PostgreSQL/RabbitMQ) from Debian packages when missing, and starts
#      PostgreSQL (127.0.0.1:5432) and RabbitMQ (127.0.0.1:5672) via scripts/infrastructure.sh.
#   2. Builds services/Subscriptions in Release and runs it on http://127.0.0.1:$PORT against a
#      fresh database ($BENCH_DB, dropped first), Production environment, real RS256 tokens only.
#   3. Registers one reader through the API (POST /api/auth/register) and logs it in.
#   4. For each scenario runs wrk for $WARMUP s (discarded), then $DURATION s (measured):
#        - POST /api/auth/login   correct password only (5 failed logins lock an account);
#                                 PBKDF2 makes it slow on purpose, so few connections
#        - GET /api/auth/me       with the reader's access token
#        - GET /api/plans         anonymous, then with the same access token: the authentication
#                                 middleware verifies a bearer token on every request, even on this
#                                 public route, so the difference is the cost of verifying a token
#      Access tokens live 15 minutes, so the script logs in again right before every wrk run that
#      sends one (which is why a single run may last at most 840 s).
#   5. Prints a table: requests/s, latency p50 and p99, non-2xx responses (should all be 0), socket
#      errors, and the service process's CPU time per request (user+system from /proc, measured run
#      only), then the derived login and token-verification costs.
#   The service is stopped on exit. Raw wrk output and the service log are kept in a temporary
#   directory when something fails or BENCH_KEEP=1.
#
# Settings (environment variables, defaults in brackets):
#   WARMUP [10]             warm-up seconds per scenario (not measured)
#   DURATION [20]           measured seconds per scenario
#   LOGIN_THREADS [2]       wrk threads for the login scenario
#   LOGIN_CONNECTIONS [4]   wrk connections for the login scenario
#   READ_THREADS [2]        wrk threads for the GET scenarios (the same for /me and both /plans runs)
#   READ_CONNECTIONS [16]   wrk connections for the GET scenarios
#   PORT [5102]             local port for the service (must be free)
#   BENCH_DB [bench_identity]  database name (dropped and recreated each run)
#   NP_PG_PASSWORD [newsplatform]  password of the postgres user
#   BUILD [1]               0 skips `dotnet build` and uses the existing Release build
#   BENCH_KEEP [0]          1 keeps the work directory (wrk outputs, service log)
#
# Numbers depend on the machine and whatever else runs on it; compare runs on the same machine.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"
source scripts/infrastructure.sh # log, as_root, install_servers, start_postgres, start_rabbitmq
source bench/lib.sh              # die, expect, etag_version, body_string

WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-20}"
LOGIN_THREADS="${LOGIN_THREADS:-2}"
LOGIN_CONNECTIONS="${LOGIN_CONNECTIONS:-4}"
READ_THREADS="${READ_THREADS:-2}"
READ_CONNECTIONS="${READ_CONNECTIONS:-16}"
PORT="${PORT:-5102}"
BENCH_DB="${BENCH_DB:-bench_identity}"
BUILD="${BUILD:-1}"
BENCH_KEEP="${BENCH_KEEP:-0}"

HOST=127.0.0.1
BASE="http://$HOST:$PORT"
DLL="$repo/services/Subscriptions/bin/Release/net10.0/NewsPlatform.Subscriptions.dll"
READER_EMAIL="bench@example.org"
READER_PASSWORD="bench-password-2026"
READER_NAME="Bench"
TOKEN_RUN_LIMIT=840 # access tokens live 15 min; the service allows 30 s of clock skew on top


for setting in WARMUP DURATION LOGIN_THREADS LOGIN_CONNECTIONS READ_THREADS READ_CONNECTIONS PORT; do
  [[ "${!setting}" =~ ^[0-9]+$ ]] || die "$setting must be a whole number (got '${!setting}')"
done
[ "$DURATION" -ge 1 ] || die "DURATION must be at least 1 second"
[ "$DURATION" -le "$TOKEN_RUN_LIMIT" ] && [ "$WARMUP" -le "$TOKEN_RUN_LIMIT" ] ||
  die "WARMUP and DURATION must be at most $TOKEN_RUN_LIMIT s (an access token lasts 15 minutes)"
[ "$LOGIN_THREADS" -ge 1 ] && [ "$LOGIN_CONNECTIONS" -ge "$LOGIN_THREADS" ] ||
  die "LOGIN_CONNECTIONS ($LOGIN_CONNECTIONS) must be >= LOGIN_THREADS ($LOGIN_THREADS) >= 1"
[ "$READ_THREADS" -ge 1 ] && [ "$READ_CONNECTIONS" -ge "$READ_THREADS" ] ||
  die "READ_CONNECTIONS ($READ_CONNECTIONS) must be >= READ_THREADS ($READ_THREADS) >= 1"
[[ "$BENCH_DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "BENCH_DB must be a plain lower-case identifier"

work="$(mktemp -d -t newsplatform-bench-identity.XXXXXX)"
service_pid=""
succeeded=0

cleanup() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$service_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  if { [ "$succeeded" = 1 ] && [ "$BENCH_KEEP" != 1 ]; } || [ -z "$(ls -A "$work" 2>/dev/null)" ]; then
    rm -rf "$work"
  else
    log "Work directory kept: $work (service log: $work/subscriptions.log)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Servers, build, service

install_servers wrk curl
command -v wrk >/dev/null || die "wrk is not installed and could not be installed"
start_postgres
start_rabbitmq

if (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; then
  die "Something already listens on $HOST:$PORT; stop it or choose another PORT"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "$BUILD" != 0 ]; then
  log "Building services/Subscriptions (Release)"
  dotnet build -c Release services/Subscriptions -nologo -v quiet -clp:ErrorsOnly || die "dotnet build failed"
fi
[ -f "$DLL" ] || die "No Release build at $DLL"

log "Fresh database $BENCH_DB"
PGPASSWORD="$NP_PG_PASSWORD" PGOPTIONS="--client-min-messages=warning" psql -h "$HOST" -p 5432 -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
  -c "drop database if exists $BENCH_DB with (force)" || die "Could not drop database $BENCH_DB"

log "Starting the Subscriptions service on $BASE"
env ASPNETCORE_ENVIRONMENT=Production \
  DOTNET_gcServer=0 \
  Logging__LogLevel__Default=Warning \
  "ConnectionStrings__subscriptionsdb=Host=$HOST;Port=5432;Username=postgres;Password=$NP_PG_PASSWORD;SSL Mode=Disable;Database=$BENCH_DB" \
  "ConnectionStrings__messaging=amqp://guest:guest@$HOST:5672" \
  dotnet "$DLL" --urls "$BASE" >"$work/subscriptions.log" 2>&1 &
service_pid=$!

deadline=$((SECONDS + 60))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/health" 2>/dev/null)" = 200 ]; do
  if ! kill -0 "$service_pid" 2>/dev/null; then
    tail -n 40 "$work/subscriptions.log" >&2 || true
    die "The Subscriptions service exited during start-up (log above)"
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    tail -n 40 "$work/subscriptions.log" >&2 || true
    die "The Subscriptions service did not answer 200 on $BASE/health within 60 s (log above)"
  fi
  sleep 0.5
done
log "Service healthy (pid $service_pid)"

# ---------------------------------------------------------------------------------------------
# API helpers (curl; responses land in $work/body)

# api METHOD PATH [JSON] [BEARER] -> prints the HTTP status
api() {
  local args=(-sS --max-time 15 -o "$work/body" -w '%{http_code}' -X "$1" -H 'Content-Type: application/json')
  [ -n "${3:-}" ] && args+=(--data-binary "$3")
  [ -n "${4:-}" ] && args+=(-H "Authorization: Bearer $4")
  curl "${args[@]}" "$BASE$2" || true # curl prints 000 when it gets no answer
}



credentials_json() { printf '{"email":"%s","password":"%s"}' "$READER_EMAIL" "$READER_PASSWORD"; }

# login -> prints a fresh access token (checks it against GET /api/auth/me)
login() {
  local status token
  status="$(api POST /api/auth/login "$(credentials_json)")"
  expect 200 "$status" "Logging in $READER_EMAIL"
  token="$(body_string accessToken)"
  [ -n "$token" ] || die "Logging in $READER_EMAIL: no accessToken in the response"
  status="$(api GET /api/auth/me "" "$token")"
  expect 200 "$status" "GET /api/auth/me with a fresh token"
  echo "$token"
}

# ---------------------------------------------------------------------------------------------
# Seed: one reader

log "Registering $READER_EMAIL"
status="$(api POST /api/auth/register \
  "$(printf '{"email":"%s","password":"%s","displayName":"%s"}' "$READER_EMAIL" "$READER_PASSWORD" "$READER_NAME")")"
expect 201 "$status" "Registering $READER_EMAIL"
login >/dev/null
status="$(api GET /api/plans)"
expect 200 "$status" "GET /api/plans"
log "Reader registered and logged in"

# ---------------------------------------------------------------------------------------------
# Scenarios

# CPU time (user+system, in clock ticks) the service process has used so far.
clk_tck="$(getconf CLK_TCK)"
service_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$service_pid/stat"; }

# run_wrk NAME SECONDS THREADS CONNECTIONS SCRIPT PATH [BEARER] -> wrk output in $work/NAME.txt
run_wrk() {
  local out="$work/$1.txt"
  BENCH_EMAIL="$READER_EMAIL" BENCH_PASSWORD="$READER_PASSWORD" BENCH_BEARER="${7:-}" \
    timeout $(($2 + 60)) wrk -t"$3" -c"$4" -d"$2"s --timeout 10s --latency -s "$5" "$BASE$6" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk failed in $1"; }
  grep -q '^BENCH_RESULT ' "$out" || { cat "$out" >&2; die "wrk printed no result in $1"; }
}

field() { { grep "^$1 " "$2" || true; } | tr ' ' '\n' | sed -n "s/^$3=//p"; } # LINE-TAG FILE KEY

lua="$repo/bench/lua"
names=(login me plans-anon plans-token)
labels=("POST /api/auth/login" "GET /api/auth/me (bearer)" "GET /api/plans (anonymous)" "GET /api/plans (bearer)")
declare -A cpu_us_per_request=()

scenario() { # NAME THREADS CONNECTIONS SCRIPT PATH AUTH(token|none)
  local token="" before after requests
  if [ "$WARMUP" -gt 0 ]; then
    log "$1: warm-up ${WARMUP} s"
    if [ "$6" = token ]; then token="$(login)"; fi
    run_wrk "$1-warmup" "$WARMUP" "$2" "$3" "$4" "$5" "$token"
  fi
  log "$1: measuring ${DURATION} s (-t$2 -c$3)"
  if [ "$6" = token ]; then token="$(login)"; fi
  before="$(service_ticks)"
  run_wrk "$1" "$DURATION" "$2" "$3" "$4" "$5" "$token"
  after="$(service_ticks)"
  requests="$(field BENCH_RESULT "$work/$1.txt" requests)"
  cpu_us_per_request[$1]="$(awk -v t=$((after - before)) -v hz="$clk_tck" -v n="$requests" \
    'BEGIN { if (n > 0) printf "%.0f", t / hz * 1e6 / n; else print "-" }')"
}

scenario login "$LOGIN_THREADS" "$LOGIN_CONNECTIONS" "$lua/login.lua" /api/auth/login none
scenario me "$READ_THREADS" "$READ_CONNECTIONS" "$lua/bearer.lua" /api/auth/me token
scenario plans-anon "$READ_THREADS" "$READ_CONNECTIONS" "$lua/bearer.lua" /api/plans none
scenario plans-token "$READ_THREADS" "$READ_CONNECTIONS" "$lua/bearer.lua" /api/plans token

# ---------------------------------------------------------------------------------------------
# Report

fmt_ms() { awk -v us="$1" 'BEGIN { printf "%.2fms", us / 1000 }'; }
cores="$(nproc)"

echo
printf '%-30s %10s %10s %10s %8s %8s %12s\n' scenario "req/s" p50 p99 non-2xx "sock-err" "svc-cpu/req"
for i in "${!names[@]}"; do
  out="$work/${names[$i]}.txt"
  printf '%-30s %10s %10s %10s %8s %8s %12s\n' "${labels[$i]}" \
    "$(field BENCH_RESULT "$out" rps)" \
    "$(fmt_ms "$(field BENCH_RESULT "$out" p50_us)")" \
    "$(fmt_ms "$(field BENCH_RESULT "$out" p99_us)")" \
    "$(field BENCH_RESULT "$out" non2xx)" \
    "$(field BENCH_RESULT "$out" socket_errors)" \
    "${cpu_us_per_request[${names[$i]}]}µs"
done

login_rps="$(field BENCH_RESULT "$work/login.txt" rps)"
login_tokens="$(field BENCH_LOGIN "$work/login.txt" tokens)"
login_other="$(field BENCH_LOGIN "$work/login.txt" other)"
anon_rps="$(field BENCH_RESULT "$work/plans-anon.txt" rps)"
token_rps="$(field BENCH_RESULT "$work/plans-token.txt" rps)"

echo
echo "Settings: warm-up ${WARMUP}s, measured ${DURATION}s; login -t$LOGIN_THREADS -c$LOGIN_CONNECTIONS; GET -t$READ_THREADS -c$READ_CONNECTIONS; this machine has $cores cores (wrk runs on them too)."
echo "svc-cpu/req: user+system CPU time of the service process during the measured run / requests completed."
echo
echo "Password hashing: ASP.NET Core Identity PasswordHasher V3 default = PBKDF2 with HMAC-SHA512, 100,000 iterations, 128-bit salt, 256-bit subkey."
# Wall-clock machine time per login at this concurrency: 1000 / (logins/s). With the $cores cores
# saturated, the CPU spent per login is up to $cores times that; svc-cpu/req above measures it.
awk -v rps="$login_rps" -v cores="$cores" -v c="$LOGIN_CONNECTIONS" -v cpu="${cpu_us_per_request[login]}" 'BEGIN {
  if (rps > 0) printf "Login: %.1f logins/s at -c%d => ≈ %.1f ms per login (1000/rps, whole %d-core machine; ≤ %.1f ms of CPU if all %d cores are busy; measured service CPU %.1f ms per login)\n",
    rps, c, 1000 / rps, cores, cores * 1000 / rps, cores, cpu / 1000
}'
echo "       logins answered 200 with an access token: $login_tokens, other responses: $login_other."
# Token verification: the two /api/plans runs differ only in the Authorization header, so
# 1/rps_with - 1/rps_without is the extra time per request. This is throughput-based: it is time of
# the whole machine (service, wrk, PostgreSQL idle, anything else running), not of one core, and is
# noisy when other work shares the machine; the svc-cpu/req difference is the service-only view.
awk -v with="$token_rps" -v without="$anon_rps" \
    -v cw="${cpu_us_per_request[plans-token]}" -v cn="${cpu_us_per_request[plans-anon]}" 'BEGIN {
  if (with > 0 && without > 0)
    printf "Token verification ≈ %.1f µs per request ((1/%.1f − 1/%.1f) s × 1e6, throughput-based on the whole machine); service CPU difference ≈ %d µs per request\n",
      (1 / with - 1 / without) * 1e6, with, without, cw - cn
}'

problems=0
for name in "${names[@]}"; do
  [ "$(field BENCH_RESULT "$work/$name.txt" non2xx)" = 0 ] || problems=1
  [ "$(field BENCH_RESULT "$work/$name.txt" socket_errors)" = 0 ] || problems=1
done
[ "$login_other" = 0 ] || problems=1
if [ "$problems" != 0 ]; then
  die "Some requests failed (raw wrk output in $work)"
fi
succeeded=1
