#!/usr/bin/env bash
# Side-by-side HTTP benchmark of the edge: the same hot article read straight from the Articles
# service, through the YARP gateway, through nginx, and through the gateway with output caching;
# anonymously and with a reader's access token. Its headline is the gateway's CPU time per proxied
# request against nginx's, which holds from machine to machine (throughput ratios depend on how much
# the service behind costs, so they are printed beside it for context).
#
# Usage (from anywhere; needs root or sudo for apt-get and the local servers):
#   bash bench/gateway.sh
#   WARMUP=5 DURATION=5 ROUNDS=1 bash bench/gateway.sh     # quick check that it works
#
# What it does:
#   1. Installs wrk and nginx (and PostgreSQL/RabbitMQ) from Debian packages when missing, and
#      starts PostgreSQL (127.0.0.1:5432) and RabbitMQ (127.0.0.1:5672) via scripts/infrastructure.sh.
#   2. Builds services/Articles and gateway/Gateway in Release. Runs Articles on $ARTICLES_PORT
#      against a fresh database ($BENCH_DB, dropped first), Production environment, development
#      bearer tokens on, and seeds one hot published article through the newsroom API.
#      With AUTH=1 it also runs the Subscriptions & identity service ($SUBSCRIPTIONS_PORT, database
#      ${BENCH_DB}_identity), registers a reader and logs it in: Articles and the gateways verify that
#      reader's RS256 access token (JwtBearer, keys from the identity service's JWKS), as deployed.
#   3. Starts, all in front of that one Articles process:
#        (a) nothing: wrk talks to Articles directly                        port $ARTICLES_PORT
#        (b) the gateway, output caching off (OutputCaching__Enabled=false) port $GATEWAY_PORT
#        (c) nginx as a plain reverse proxy with a keepalive upstream       port $NGINX_PORT
#            (config written to the work directory, `nginx -c`, not a daemon, access log off)
#        (d) the gateway, output caching on (its default)                   port $CACHED_GATEWAY_PORT
#      Both gateways run as in production (Release, Production environment, their sockets served as
#      event loops: the gateway's default, Edge:EventLoops) with the issue's configuration-only
#      tuning: workstation GC (DOTNET_gcServer=0), log level Warning (YARP's own category included),
#      and the anonymous and readers' rate limits raised so one wrk client is never throttled. Service discovery
#      finds Articles through services__articles__http__0; the other clusters point at a closed port
#      with their active health checks off.
#        (h) with BARE=1: YARP alone (bench/BareProxy: one route, no middleware, no telemetry, no
#            logging), with the gateway's event-loop settings: the framework's floor under the gateway
#      With AUTH=1, two more targets send the reader's token (Authorization: Bearer <jwt>):
#        (f) the gateway of (b), which verifies the token before forwarding it
#        (g) nginx, which passes it on
#   4. Warms each target under load for $WARMUP s, then measures $ROUNDS rounds, interleaved
#      (a b c d a b c d ...): each run is $SETTLE s of load (discarded; refills connection pools
#      after the target sat idle) and $DURATION s measured, wrk -t$THREADS -c$CONNECTIONS, anonymous
#      GET /api/articles/{slug} with no request script (report.lua only adds the summary line).
#   5. Prints the headline, the gateway's CPU per request against nginx's, (b)/(c) and (f)/(g), with the
#      target (<= 1.5x); a markdown table: per target the median over rounds of requests/s, latency p50
#      and p99, and CPU time per request of the proxy process(es) and of Articles (user+system from
#      /proc); then whether each target is met: the CPU ratios, (b) p99 <= (c) p99, (d) > 6 x (a) req/s,
#      with the throughput ratios (b)/(a) and (b)/(c) beside them.
#   Every process the script started is stopped on exit. Raw wrk output and the logs are kept in
#   a temporary directory when something fails or BENCH_KEEP=1.
#
# Settings (environment variables, defaults in brackets):
#   WARMUP [20]              warm-up seconds per target, once before the first round (not measured)
#   DURATION [15]            measured seconds per target and round
#   ROUNDS [2]               interleaved rounds; figures are the median over rounds
#   SETTLE [3]               seconds of load right before each measured run (not measured)
#   THREADS [2]              wrk threads
#   CONNECTIONS [16]         wrk connections
#   NGINX_WORKERS [auto]     nginx worker_processes
#   ARTICLES_PORT [5111]  GATEWAY_PORT [5112]  NGINX_PORT [5113]  CACHED_GATEWAY_PORT [5114]
#   BENCH_DB [bench_gateway] database name (dropped and recreated each run; the identity's: <name>_identity)
#   AUTH [1]                 0 leaves out the identity service and the authenticated targets (f) and (g)
#   SUBSCRIPTIONS_PORT [5116]
#   NP_PG_PASSWORD [newsplatform]  password of the postgres user
#   BUILD [1]                0 skips `dotnet build` and uses the existing Release builds
#   BENCH_KEEP [0]           1 keeps the work directory (wrk outputs, logs, nginx.conf)
#   BARE [1]                 0 leaves out target (h), YARP alone
#   BARE_PORT [5117]
#   PERF [1]                 counts the proxy's system calls and context switches per request with `perf stat`
#                            (raw_syscalls:sys_enter, context-switches; all its threads, nginx's workers too); 0: off
#   PROFILE [0]              1: samples the uncached gateway (b) with `perf record` during its first measured run (the
#                            JIT's symbol maps on: DOTNET_PerfMapEnabled=1, DOTNET_EnableWriteXorExecute=0) and writes the top of the profile, by
#                            function and by module, to profile-b.txt in the kept work directory
#   ARTICLES_ENV [""]        extra NAME=value settings of the Articles service (e.g. Http__AnswersWithLength=false,
#                            to compare its answers without a length in a run of their own)
#   TRY_ENV [""]             when set, a fifth target (e): the uncached gateway with these extra NAME=value
#                            settings as well, measured interleaved with the others (to compare a setting
#                            side by side, since this machine's speed drifts between runs)
#
# Everything (wrk included) shares the machine's cores, so each proxy competes with the service
# and the load generator for CPU; numbers depend on the machine and whatever else runs on it.
set -euo pipefail

# The services run with their build output as content root: the gateway's routes live in its appsettings.json.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"
source scripts/infrastructure.sh # log, as_root, install_servers, start_postgres, start_rabbitmq
source bench/lib.sh              # die, expect, etag_version, body_string

WARMUP="${WARMUP:-20}"
DURATION="${DURATION:-15}"
ROUNDS="${ROUNDS:-2}"
SETTLE="${SETTLE:-3}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
NGINX_WORKERS="${NGINX_WORKERS:-auto}"
ARTICLES_PORT="${ARTICLES_PORT:-5111}"
GATEWAY_PORT="${GATEWAY_PORT:-5112}"
NGINX_PORT="${NGINX_PORT:-5113}"
CACHED_GATEWAY_PORT="${CACHED_GATEWAY_PORT:-5114}"
TRIED_GATEWAY_PORT="${TRIED_GATEWAY_PORT:-5115}"
SUBSCRIPTIONS_PORT="${SUBSCRIPTIONS_PORT:-5116}"
AUTH="${AUTH:-1}"
PERF="${PERF:-1}"
BARE="${BARE:-1}"
BARE_PORT="${BARE_PORT:-5117}"
PROFILE="${PROFILE:-0}"
[ "$PROFILE" = 1 ] && BENCH_KEEP=1
BENCH_DB="${BENCH_DB:-bench_gateway}"
BUILD="${BUILD:-1}"
BENCH_KEEP="${BENCH_KEEP:-0}"

HOST=127.0.0.1
TOKEN="dev:bench-editor:editor"
ARTICLES_DLL="$repo/services/Articles/bin/Release/net10.0/NewsPlatform.Articles.dll"
GATEWAY_DLL="$repo/gateway/Gateway/bin/Release/net10.0/NewsPlatform.Gateway.dll"
SUBSCRIPTIONS_DLL="$repo/services/Subscriptions/bin/Release/net10.0/NewsPlatform.Subscriptions.dll"
BARE_DLL="$repo/bench/BareProxy/bin/Release/net10.0/BareProxy.dll"
IDENTITY="http://$HOST:$SUBSCRIPTIONS_PORT"
READER_TOKEN=""


for setting in WARMUP DURATION ROUNDS SETTLE THREADS CONNECTIONS ARTICLES_PORT GATEWAY_PORT NGINX_PORT CACHED_GATEWAY_PORT TRIED_GATEWAY_PORT SUBSCRIPTIONS_PORT BARE_PORT; do
  [[ "${!setting}" =~ ^[0-9]+$ ]] || die "$setting must be a whole number (got '${!setting}')"
done
[ "$DURATION" -ge 1 ] || die "DURATION must be at least 1 second"
[ "$ROUNDS" -ge 1 ] || die "ROUNDS must be at least 1"
[ "$THREADS" -ge 1 ] && [ "$CONNECTIONS" -ge "$THREADS" ] ||
  die "CONNECTIONS ($CONNECTIONS) must be >= THREADS ($THREADS) >= 1"
[[ "$NGINX_WORKERS" =~ ^([0-9]+|auto)$ ]] || die "NGINX_WORKERS must be a number or auto"
[[ "$BENCH_DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "BENCH_DB must be a plain lower-case identifier"
[[ "$AUTH" =~ ^[01]$ ]] || die "AUTH must be 0 or 1"
[[ "$PERF" =~ ^[01]$ ]] || die "PERF must be 0 or 1"
[[ "$BARE" =~ ^[01]$ ]] || die "BARE must be 0 or 1"
if [ "$PERF" = 1 ] && ! perf stat -e raw_syscalls:sys_enter,context-switches -x, -o /dev/null -- true 2>/dev/null; then
  log "perf cannot count system calls here: PERF=0 (no syscall and context-switch figures)"
  PERF=0
fi

ports=("$ARTICLES_PORT" "$GATEWAY_PORT" "$NGINX_PORT" "$CACHED_GATEWAY_PORT" "$TRIED_GATEWAY_PORT" "$SUBSCRIPTIONS_PORT" "$BARE_PORT")
[ "$(printf '%s\n' "${ports[@]}" | sort -u | wc -l)" = 7 ] || die "The seven ports must differ"
# An access token lasts as long as the identity service is told (below); the run must fit in it.
[ $(( (WARMUP + (SETTLE + DURATION) * ROUNDS) * 8 )) -lt 6600 ] || die "The run would outlast the reader's access token (110 min)"

work="$(mktemp -d -t newsplatform-gateway-bench.XXXXXX)"
declare -A pids=() # name -> pid of a process this script started
succeeded=0

stop() { # NAME: stops that process (SIGTERM; nginx takes it as a fast shutdown), then waits for it
  local pid="${pids[$1]:-}"
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  unset "pids[$1]"
}

cleanup() {
  local name
  for name in nginx gateway cached-gateway tried-gateway bare-proxy articles subscriptions; do stop "$name"; done
  if { [ "$succeeded" = 1 ] && [ "$BENCH_KEEP" != 1 ]; } || [ -z "$(ls -A "$work" 2>/dev/null)" ]; then
    rm -rf "$work"
  else
    log "Work directory kept: $work (logs: *.log, wrk outputs: *.txt)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null || true; }

# wait_for NAME URL SECONDS: until URL answers 200, or the process NAME exits (then shows its log)
wait_for() {
  local deadline=$((SECONDS + $3))
  until [ "$(status_of "$2")" = 200 ]; do
    if ! kill -0 "${pids[$1]}" 2>/dev/null; then
      tail -n 40 "$work/$1.log" >&2 || true
      die "$1 exited during start-up (log above)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 40 "$work/$1.log" >&2 || true
      die "$1 did not answer 200 on $2 within $3 s (log above)"
    fi
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------------------------
# Servers, builds, the Articles service

install_servers wrk curl nginx
command -v wrk >/dev/null || die "wrk is not installed and could not be installed"
command -v nginx >/dev/null || die "nginx is not installed and could not be installed"
start_postgres
start_rabbitmq

for port in "${ports[@]}"; do
  port_in_use "$port" && die "Something already listens on $HOST:$port; stop it or choose other ports"
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "$BUILD" != 0 ]; then
  projects=(services/Articles gateway/Gateway)
  [ "$AUTH" = 1 ] && projects+=(services/Subscriptions)
  [ "$BARE" = 1 ] && projects+=(bench/BareProxy)
  for project in "${projects[@]}"; do # one build at a time
    log "Building $project (Release)"
    dotnet build -c Release "$project" -nologo -v quiet -clp:ErrorsOnly || die "dotnet build of $project failed"
  done
fi
[ -f "$ARTICLES_DLL" ] || die "No Release build at $ARTICLES_DLL"
[ -f "$GATEWAY_DLL" ] || die "No Release build at $GATEWAY_DLL"
[ "$AUTH" = 0 ] || [ -f "$SUBSCRIPTIONS_DLL" ] || die "No Release build at $SUBSCRIPTIONS_DLL"
[ "$BARE" = 0 ] || [ -f "$BARE_DLL" ] || die "No Release build at $BARE_DLL"

log "Fresh database $BENCH_DB"
PGPASSWORD="$NP_PG_PASSWORD" PGOPTIONS="--client-min-messages=warning" psql -h "$HOST" -p 5432 -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
  -c "drop database if exists $BENCH_DB with (force)" -c "drop database if exists ${BENCH_DB}_identity with (force)" ||
  die "Could not drop database $BENCH_DB"

# Settings only the authenticated run needs: where the tokens' keys are published.
identity_settings=()
if [ "$AUTH" = 1 ]; then
  identity_settings=("Identity__Authority=$IDENTITY")
  log "Starting the Subscriptions & identity service on $IDENTITY"
  env ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_gcServer=0 \
    Logging__LogLevel__Default=Warning \
    Identity__AccessTokenLifetime=02:00:00 \
    "ConnectionStrings__subscriptionsdb=Host=$HOST;Port=5432;Username=postgres;Password=$NP_PG_PASSWORD;SSL Mode=Disable;Database=${BENCH_DB}_identity" \
    "ConnectionStrings__messaging=amqp://guest:guest@$HOST:5672" \
    dotnet "$SUBSCRIPTIONS_DLL" --urls "$IDENTITY" --contentRoot "$(dirname "$SUBSCRIPTIONS_DLL")" >"$work/subscriptions.log" 2>&1 &
  pids[subscriptions]=$!
  wait_for subscriptions "$IDENTITY/health" 60
fi

ARTICLES="http://$HOST:$ARTICLES_PORT"
log "Starting the Articles service on $ARTICLES"
env ASPNETCORE_ENVIRONMENT=Production \
  DOTNET_gcServer=0 \
  Logging__LogLevel__Default=Warning \
  Demo__Seed=false \
  Authentication__DevelopmentTokens=true \
  "${identity_settings[@]}" \
  "ConnectionStrings__articlesdb=Host=$HOST;Port=5432;Username=postgres;Password=$NP_PG_PASSWORD;SSL Mode=Disable;Database=$BENCH_DB" \
  "ConnectionStrings__messaging=amqp://guest:guest@$HOST:5672" \
  ${ARTICLES_ENV:-} \
  dotnet "$ARTICLES_DLL" --urls "$ARTICLES" --contentRoot "$(dirname "$ARTICLES_DLL")" >"$work/articles.log" 2>&1 &
pids[articles]=$!
wait_for articles "$ARTICLES/health" 60

# ---------------------------------------------------------------------------------------------
# Seed one hot published article through the newsroom API

api() { # METHOD PATH [JSON] [IF_MATCH_VERSION] -> prints the HTTP status; body and headers in $work
  local args=(-sS --max-time 15 -o "$work/body" -D "$work/headers" -w '%{http_code}' -X "$1"
              -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
  [ -n "${3:-}" ] && args+=(--data-binary "$3")
  [ -n "${4:-}" ] && args+=(-H "If-Match: \"$4\"")
  curl "${args[@]}" "$ARTICLES$2" || true # curl prints 000 when it gets no answer
}

log "Seeding the hot article"
status="$(api POST /api/newsroom/articles "$(printf '{"headline":"%s","summary":"%s","body":"%s","section":"national","subsection":"politics","byline":"Bench Reporter","tags":["bench","politics"],"isPremium":false}' \
  "Parliament passes the national budget after a marathon session" \
  "A benchmark article about the national budget debate." \
  "<p>Lawmakers resumed debate on the national budget on Tuesday, with both parties tabling amendments.</p><p>Committee chairs said a final vote could come before the end of the month, though several provisions remain contested.</p><p>Analysts expect the bill to pass with minor changes.</p>")")"
expect 201 "$status" "Drafting the hot article"
hot_id="$(body_string id)"; hot_version="$(etag_version)"
[ -n "$hot_id" ] && [ -n "$hot_version" ] || die "Drafting the hot article: no id or ETag in the response"
expect 200 "$(api POST "/api/newsroom/articles/$hot_id/publish" "" "$hot_version")" "Publishing the hot article"
hot_slug="$(body_string slug)"
[ -n "$hot_slug" ] || die "Publishing the hot article: no slug in the response"
PATH_UNDER_TEST="/api/articles/$hot_slug"

# The public page is an async projection: wait until the article shows.
deadline=$((SECONDS + 60))
until [ "$(status_of "$ARTICLES$PATH_UNDER_TEST")" = 200 ]; do
  [ "$SECONDS" -lt "$deadline" ] || die "GET $PATH_UNDER_TEST did not answer 200 within 60 s"
  sleep 0.5
done
log "Hot article: GET $PATH_UNDER_TEST"

if [ "$AUTH" = 1 ]; then
  reader='{"email":"bench.reader@example.org","password":"bench-reader-password-1"}'
  status="$(curl -sS --max-time 15 -o "$work/body" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary '{"email":"bench.reader@example.org","password":"bench-reader-password-1","displayName":"Bench Reader"}' \
    "$IDENTITY/api/auth/register" || true)"
  expect 201 "$status" "Registering the bench reader"
  status="$(curl -sS --max-time 15 -o "$work/body" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary "$reader" "$IDENTITY/api/auth/login" || true)"
  expect 200 "$status" "Logging the bench reader in"
  READER_TOKEN="$(body_string accessToken)"
  [ -n "$READER_TOKEN" ] || die "Logging the bench reader in: no accessToken in the response"
  expect 200 "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $READER_TOKEN" "$ARTICLES$PATH_UNDER_TEST")" \
    "Articles answering the reader's token"
  log "Reader logged in: its RS256 access token is verified by Articles and the gateways"
fi

# ---------------------------------------------------------------------------------------------
# The proxies

closed_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

start_gateway() { # NAME PORT CACHING(true|false) [EXTRA NAME=value ...]
  log "Starting the gateway ($1, output caching $3${4:+, $4}) on http://$HOST:$2"
  env ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_gcServer=0 \
    Logging__LogLevel__Default=Warning \
    Logging__LogLevel__Yarp=Warning \
    Authentication__DevelopmentTokens=true \
    "${identity_settings[@]}" \
    services__articles__http__0="$ARTICLES" \
    services__subscriptions__http__0="http://$HOST:$closed_port" \
    services__search__http__0="http://$HOST:$closed_port" \
    ReverseProxy__Clusters__subscriptions__HealthCheck__Active__Enabled=false \
    ReverseProxy__Clusters__search__HealthCheck__Active__Enabled=false \
    RateLimits__Anonymous__Burst=100000000 \
    RateLimits__Anonymous__PerSecond=100000000 \
    RateLimits__Reader__Burst=100000000 \
    RateLimits__Reader__PerSecond=100000000 \
    OutputCaching__Enabled="$3" \
    ${4:-} \
    dotnet "$GATEWAY_DLL" --urls "http://$HOST:$2" --contentRoot "$(dirname "$GATEWAY_DLL")" >"$work/$1.log" 2>&1 &
  pids[$1]=$!
}

profiling=()
# The JIT's code mapped once (no W^X double mapping), so perf finds each method in the JIT's map.
[ "$PROFILE" = 1 ] && profiling=("DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0")
start_gateway gateway "$GATEWAY_PORT" false "${profiling[@]}"
start_gateway cached-gateway "$CACHED_GATEWAY_PORT" true
[ -n "${TRY_ENV:-}" ] && start_gateway tried-gateway "$TRIED_GATEWAY_PORT" false "$TRY_ENV"

if [ "$BARE" = 1 ]; then
  loops=$(( $(nproc) / 2 )); [ "$loops" -ge 1 ] || loops=1 # the gateway's default (Edge:EventLoops)
  log "Starting YARP alone (bench/BareProxy, $loops event loop(s)) on http://$HOST:$BARE_PORT"
  env ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 \
    DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT="$loops" \
    dotnet "$BARE_DLL" --urls "http://$HOST:$BARE_PORT" --Destination "$ARTICLES" >"$work/bare-proxy.log" 2>&1 &
  pids[bare-proxy]=$!
fi

log "Starting nginx ($NGINX_WORKERS workers) on http://$HOST:$NGINX_PORT"
mkdir -p "$work/nginx"
nginx_user="" # run as root, nginx would switch its workers to nobody, who may not use the work directory
[ "$(id -u)" -eq 0 ] && nginx_user="user root;"
cat >"$work/nginx/nginx.conf" <<EOF
# A plain reverse proxy in front of the Articles service, written by bench/gateway.sh.
$nginx_user
worker_processes $NGINX_WORKERS;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/client_body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  upstream articles {
    server $HOST:$ARTICLES_PORT;
    keepalive 64;
  }
  server {
    listen $HOST:$NGINX_PORT;
    location / {
      proxy_pass http://articles;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
EOF
nginx -t -q -p "$work/nginx" -e "$work/nginx.log" -c "$work/nginx/nginx.conf" >>"$work/nginx.log" 2>&1 ||
  { cat "$work/nginx.log" >&2; die "nginx rejected its configuration (above)"; }
nginx -p "$work/nginx" -e "$work/nginx.log" -c "$work/nginx/nginx.conf" >>"$work/nginx.log" 2>&1 &
pids[nginx]=$!

wait_for gateway "http://$HOST:$GATEWAY_PORT$PATH_UNDER_TEST" 60
wait_for cached-gateway "http://$HOST:$CACHED_GATEWAY_PORT$PATH_UNDER_TEST" 60
[ -n "${TRY_ENV:-}" ] && wait_for tried-gateway "http://$HOST:$TRIED_GATEWAY_PORT$PATH_UNDER_TEST" 60
wait_for nginx "http://$HOST:$NGINX_PORT$PATH_UNDER_TEST" 30
[ "$BARE" = 1 ] && wait_for bare-proxy "http://$HOST:$BARE_PORT$PATH_UNDER_TEST" 60

# Check that caching is off and on where it should be: the output cache answers a repeat with Age.
has_age() { curl -s -D - -o /dev/null --max-time 5 "$1" | grep -qi '^age:'; }
curl -s -o /dev/null "http://$HOST:$GATEWAY_PORT$PATH_UNDER_TEST"
has_age "http://$HOST:$GATEWAY_PORT$PATH_UNDER_TEST" && die "The uncached gateway answered from a cache"
curl -s -o /dev/null "http://$HOST:$CACHED_GATEWAY_PORT$PATH_UNDER_TEST"
has_age "http://$HOST:$CACHED_GATEWAY_PORT$PATH_UNDER_TEST" || die "The cached gateway did not answer a repeat from its cache"
log "All four targets answer 200 (uncached gateway: no Age header; cached gateway: Age header on a repeat)"
if [ "$AUTH" = 1 ]; then
  for port in "$GATEWAY_PORT" "$NGINX_PORT"; do
    expect 200 "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $READER_TOKEN" "http://$HOST:$port$PATH_UNDER_TEST")" \
      "The reader's token through port $port"
  done
  expect 401 "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${READER_TOKEN}x" "http://$HOST:$GATEWAY_PORT$PATH_UNDER_TEST")" \
    "A tampered token at the gateway (it verifies tokens)"
fi

# ---------------------------------------------------------------------------------------------
# Interleaved runs

targets=(a b c d)
[ -n "${TRY_ENV:-}" ] && targets+=(e)
[ "$AUTH" = 1 ] && targets+=(f g)
[ "$BARE" = 1 ] && targets+=(h)
declare -A url=(
  [h]="http://$HOST:$BARE_PORT$PATH_UNDER_TEST"
  [f]="http://$HOST:$GATEWAY_PORT$PATH_UNDER_TEST"
  [g]="http://$HOST:$NGINX_PORT$PATH_UNDER_TEST"
  [e]="http://$HOST:$TRIED_GATEWAY_PORT$PATH_UNDER_TEST"
  [a]="http://$HOST:$ARTICLES_PORT$PATH_UNDER_TEST"
  [b]="http://$HOST:$GATEWAY_PORT$PATH_UNDER_TEST"
  [c]="http://$HOST:$NGINX_PORT$PATH_UNDER_TEST"
  [d]="http://$HOST:$CACHED_GATEWAY_PORT$PATH_UNDER_TEST"
)
declare -A label=([a]="(a) Articles direct" [b]="(b) gateway" [c]="(c) nginx" [d]="(d) gateway + output cache" [e]="(e) gateway + ${TRY_ENV:-}"
  [f]="(f) gateway, reader's token" [g]="(g) nginx, reader's token" [h]="(h) YARP alone")
declare -A proxy=([a]="" [b]=gateway [c]=nginx [d]=cached-gateway [e]=tried-gateway [f]=gateway [g]=nginx [h]=bare-proxy)
declare -A bearer=([f]=1 [g]=1)

clk_tck="$(getconf CLK_TCK)"
ticks_of() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
ticks() { # NAME -> user+system clock ticks of that process and its children (nginx workers)
  local pid="${pids[$1]}" total child
  total="$(ticks_of "$pid")"
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    total=$((total + $(ticks_of "$child")))
  done
  echo "$total"
}

run_wrk() { # OUT SECONDS TARGET
  local headers=()
  [ -n "${bearer[$3]:-}" ] && headers=(-H "Authorization: Bearer $READER_TOKEN")
  timeout $(($2 + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --timeout 10s --latency "${headers[@]}" -s "$repo/bench/lua/report.lua" "${url[$3]}" >"$1" 2>&1 ||
    { cat "$1" >&2; die "wrk failed ($1)"; }
  grep -q '^BENCH_RESULT ' "$1" || { cat "$1" >&2; die "wrk printed no result ($1)"; }
}

process_ids() { # NAME -> that process and its children (nginx's workers), comma-separated, for perf -p
  local pid="${pids[$1]}" child
  printf '%s' "$pid"
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do printf ',%s' "$child"; done
}

field() { { grep "^BENCH_RESULT " "$1" || true; } | tr ' ' '\n' | sed -n "s/^$2=//p"; } # FILE KEY

if [ "$WARMUP" -gt 0 ]; then
  for t in "${targets[@]}"; do
    log "${label[$t]}: warm-up $WARMUP s"
    run_wrk "$work/warmup-$t.txt" "$WARMUP" "$t"
  done
fi

for round in $(seq 1 "$ROUNDS"); do
  for t in "${targets[@]}"; do
    out="$work/$t-$round.txt"
    [ "$SETTLE" -gt 0 ] && run_wrk "$work/settle-$t-$round.txt" "$SETTLE" "$t"
    log "Round $round/$ROUNDS, ${label[$t]}: measuring $DURATION s (-t$THREADS -c$CONNECTIONS)"
    svc_before="$(ticks articles)"; proxy_before=0
    [ -n "${proxy[$t]}" ] && proxy_before="$(ticks "${proxy[$t]}")"
    counting=""
    if [ "$PERF" = 1 ] && [ -n "${proxy[$t]}" ]; then
      perf stat -e raw_syscalls:sys_enter,context-switches -x, -o "$work/perf-$t-$round.csv" -p "$(process_ids "${proxy[$t]}")" -- sleep "$DURATION" 2>/dev/null &
      counting=$!
    fi
    sampling=""
    if [ "$PROFILE" = 1 ] && [ "$t" = b ] && [ "$round" = 1 ]; then
      perf record -F 499 -g -o "$work/perf-b.data" -p "${pids[gateway]}" -- sleep "$DURATION" >/dev/null 2>&1 &
      sampling=$!
    fi
    run_wrk "$out" "$DURATION" "$t"
    [ -n "$counting" ] && { wait "$counting" || true; }
    if [ -n "$sampling" ]; then
      wait "$sampling" || true
      { perf report -i "$work/perf-b.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -v '^#' | head -25 || true
        perf report -i "$work/perf-b.data" --no-children --sort sym --stdio -g none 2>/dev/null | grep -v '^#' | head -100 || true
      } >"$work/profile-b.txt"
    fi
    svc_after="$(ticks articles)"; proxy_after=0
    [ -n "${proxy[$t]}" ] && proxy_after="$(ticks "${proxy[$t]}")"
    requests="$(field "$out" requests)"
    awk -v p=$((proxy_after - proxy_before)) -v s=$((svc_after - svc_before)) -v hz="$clk_tck" -v n="$requests" \
      'BEGIN { printf "BENCH_CPU proxy_us=%.1f svc_us=%.1f\n", p * 1e6 / hz / n, s * 1e6 / hz / n }' >>"$out"
    if [ -n "$counting" ]; then
      awk -F, -v n="$requests" '$3 == "raw_syscalls:sys_enter" { sc = $1 } $3 == "context-switches" { cs = $1 }
        END { printf "BENCH_PERF syscalls=%.2f switches=%.2f\n", sc / n, cs / n }' "$work/perf-$t-$round.csv" >>"$out"
    fi
    [ "$(field "$out" non2xx)" = 0 ] && [ "$(field "$out" socket_errors)" = 0 ] ||
      { cat "$out" >&2; die "${label[$t]}: some requests failed (above)"; }
  done
done

# ---------------------------------------------------------------------------------------------
# Report

cpu_field() { { grep "^BENCH_CPU " "$1" || true; } | tr ' ' '\n' | sed -n "s/^$2=//p"; }

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

perf_field() { { grep "^BENCH_PERF " "$1" || true; } | tr ' ' '\n' | sed -n "s/^$2=//p"; }

declare -A rps=() p50=() p99=() pcpu=() scpu=() psys=() pcsw=()
for t in "${targets[@]}"; do
  rps[$t]="$(for r in $(seq 1 "$ROUNDS"); do field "$work/$t-$r.txt" rps; done | median)"
  p50[$t]="$(for r in $(seq 1 "$ROUNDS"); do field "$work/$t-$r.txt" p50_us; done | median)"
  p99[$t]="$(for r in $(seq 1 "$ROUNDS"); do field "$work/$t-$r.txt" p99_us; done | median)"
  pcpu[$t]="$(for r in $(seq 1 "$ROUNDS"); do cpu_field "$work/$t-$r.txt" proxy_us; done | median)"
  scpu[$t]="$(for r in $(seq 1 "$ROUNDS"); do cpu_field "$work/$t-$r.txt" svc_us; done | median)"
  if [ "$PERF" = 1 ] && [ -n "${proxy[$t]}" ]; then
    psys[$t]="$(for r in $(seq 1 "$ROUNDS"); do perf_field "$work/$t-$r.txt" syscalls; done | median)"
    pcsw[$t]="$(for r in $(seq 1 "$ROUNDS"); do perf_field "$work/$t-$r.txt" switches; done | median)"
  fi
done

ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.2f", x / y }'; }
yes_no() { awk "BEGIN { print ($1) ? \"yes\" : \"**no**\" }"; }

cpu_ratio_line() { # GATEWAY NGINX WHAT
  printf -- '- %s: gateway %.0f µs, nginx %.0f µs of CPU per request: **%s×** (target ≤ 1.5×: %s)\n' "$3" "${pcpu[$1]}" "${pcpu[$2]}" \
    "$(ratio "${pcpu[$1]}" "${pcpu[$2]}")" "$(yes_no "${pcpu[$1]} <= 1.5 * ${pcpu[$2]}")"
}

echo
echo "Gateway CPU per proxied request against nginx's:"
cpu_ratio_line b c "anonymous GET"
[ "$AUTH" = 1 ] && cpu_ratio_line f g "reader's GET (bearer token verified at the gateway)"
[ "$BARE" = 1 ] && printf -- '- the floor: YARP alone %.0f µs, %s× nginx; the gateway costs %.0f µs above it (its features)\n' \
  "${pcpu[h]}" "$(ratio "${pcpu[h]}" "${pcpu[c]}")" "$(awk -v g="${pcpu[b]}" -v h="${pcpu[h]}" 'BEGIN { print g - h }')"
echo
echo "GET $PATH_UNDER_TEST, anonymous (and with a reader's token: (f), (g)); wrk -t$THREADS -c$CONNECTIONS; warm-up ${WARMUP} s per target, then $ROUNDS interleaved round(s) of ${SETTLE} s settle + ${DURATION} s measured; medians over rounds."
echo
echo "| target | req/s | p50 | p99 | proxy CPU/req | proxy syscalls/req | proxy context switches/req | Articles CPU/req |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for t in "${targets[@]}"; do
  proxy_cpu="-" syscalls="-" switches="-"
  [ -n "${proxy[$t]}" ] && proxy_cpu="$(printf '%.0f µs' "${pcpu[$t]}")"
  [ -n "${psys[$t]:-}" ] && syscalls="$(printf '%.1f' "${psys[$t]}")" && switches="$(printf '%.2f' "${pcsw[$t]}")"
  printf '| %s | %.0f | %s | %s | %s | %s | %s | %s |\n' "${label[$t]}" "${rps[$t]}" "$(ms "${p50[$t]}")" "$(ms "${p99[$t]}")" \
    "$proxy_cpu" "$syscalls" "$switches" "$(printf '%.0f µs' "${scpu[$t]}")"
done
echo
echo "| target of the issue | measured | met |"
echo "|---|---:|:---:|"
echo "| gateway CPU/req ≤ 1.5 × nginx's, anonymous | (b)/(c) = $(ratio "${pcpu[b]}" "${pcpu[c]}") | $(yes_no "${pcpu[b]} <= 1.5 * ${pcpu[c]}") |"
[ "$AUTH" = 1 ] && echo "| gateway CPU/req ≤ 1.5 × nginx's, reader's token | (f)/(g) = $(ratio "${pcpu[f]}" "${pcpu[g]}") | $(yes_no "${pcpu[f]} <= 1.5 * ${pcpu[g]}") |"
echo "| (b) p99 ≤ (c) p99 | $(ms "${p99[b]}") vs $(ms "${p99[c]}") | $(yes_no "${p99[b]} <= ${p99[c]}") |"
echo "| (d) > 6 × (a) req/s | (d)/(a) = $(ratio "${rps[d]}" "${rps[a]}") | $(yes_no "${rps[d]} > 6 * ${rps[a]}") |"
echo
echo "For context (they depend on what the service behind costs): (b)/(a) = $(ratio "${rps[b]}" "${rps[a]}") and (b)/(c) = $(ratio "${rps[b]}" "${rps[c]}") in req/s."
echo
echo "Per round (req/s): $(for t in "${targets[@]}"; do printf '%s ' "$t:"; for r in $(seq 1 "$ROUNDS"); do printf '%.0f ' "$(field "$work/$t-$r.txt" rps)"; done; done)"
echo "CPU/req: user+system CPU time of the process(es) during the measured run / requests completed (nginx: master and workers)."
succeeded=1
