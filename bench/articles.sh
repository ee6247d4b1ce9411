#!/usr/bin/env bash
# Repeatable HTTP benchmark of the Articles service with wrk.
#
# Usage (from anywhere; needs root or sudo for apt-get and the local servers):
#   bash bench/articles.sh
#   WARMUP=5 DURATION=10 bash bench/articles.sh          # shorter run
#
# What it does:
#   1. Installs wrk (and PostgreSQL/RabbitMQ) from Debian packages when missing, and starts
#      PostgreSQL (127.0.0.1:5432) and RabbitMQ (127.0.0.1:5672) via scripts/infrastructure.sh.
#   2. Builds services/Articles in Release and runs it on http://127.0.0.1:$PORT against a fresh
#      database ($BENCH_DB, dropped first), Production environment, development bearer tokens on.
#   3. Seeds through the API: one hot published article, $SECTION_ARTICLES more published
#      articles in section "national", and one draft per write connection; waits until the async
#      public-page projection shows them.
#   4. For each scenario runs wrk for $WARMUP s (discarded), then $DURATION s (measured):
#        - GET /api/articles/{slug}          the hot article, anonymous
#        - GET /api/articles?section=national anonymous
#        - PUT /api/newsroom/articles/{id}   revise a draft with If-Match: each wrk connection owns
#          one draft and bases every request on its current version (bench/lua/revise.lua), so
#          every request appends exactly one event; checked afterwards against the store.
#   5. Prints a table: requests/s, latency p50 and p99, non-2xx responses (should all be 0).
#   The service is stopped on exit. Raw wrk output and the service log are kept in a temporary
#   directory when something fails or BENCH_KEEP=1.
#
# Settings (environment variables, defaults in brackets):
#   WARMUP [10]            warm-up seconds per scenario (not measured)
#   DURATION [20]          measured seconds per scenario
#   READ_THREADS [2]       wrk threads for the GET scenarios
#   READ_CONNECTIONS [16]  wrk connections for the GET scenarios
#   WRITE_CONNECTIONS [4]  wrk threads = connections = drafts for the PUT scenario
#   SECTION_ARTICLES [50]  published articles seeded in section national (besides the hot one)
#   PORT [5101]            local port for the service (must be free)
#   BENCH_DB [bench_articles]  database name (dropped and recreated each run)
#   NP_PG_PASSWORD [newsplatform]  password of the postgres user
#   BUILD [1]              0 skips `dotnet build` and uses the existing Release build
#   BENCH_KEEP [0]         1 keeps the work directory (wrk outputs, service log)
#
# Numbers depend on the machine and whatever else runs on it; compare runs on the same machine.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"
source scripts/infrastructure.sh # log, as_root, install_servers, start_postgres, start_rabbitmq
source bench/lib.sh              # die, expect, etag_version, body_string

WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-20}"
READ_THREADS="${READ_THREADS:-2}"
READ_CONNECTIONS="${READ_CONNECTIONS:-16}"
WRITE_CONNECTIONS="${WRITE_CONNECTIONS:-4}"
SECTION_ARTICLES="${SECTION_ARTICLES:-50}"
PORT="${PORT:-5101}"
BENCH_DB="${BENCH_DB:-bench_articles}"
BUILD="${BUILD:-1}"
BENCH_KEEP="${BENCH_KEEP:-0}"

HOST=127.0.0.1
BASE="http://$HOST:$PORT"
TOKEN="dev:bench-editor:editor"
DLL="$repo/services/Articles/bin/Release/net10.0/NewsPlatform.Articles.dll"


for setting in WARMUP DURATION READ_THREADS READ_CONNECTIONS WRITE_CONNECTIONS SECTION_ARTICLES PORT; do
  [[ "${!setting}" =~ ^[0-9]+$ ]] || die "$setting must be a whole number (got '${!setting}')"
done
[ "$DURATION" -ge 1 ] || die "DURATION must be at least 1 second"
[ "$READ_THREADS" -ge 1 ] && [ "$READ_CONNECTIONS" -ge "$READ_THREADS" ] ||
  die "READ_CONNECTIONS ($READ_CONNECTIONS) must be >= READ_THREADS ($READ_THREADS) >= 1"
[ "$WRITE_CONNECTIONS" -ge 1 ] || die "WRITE_CONNECTIONS must be at least 1"
[[ "$BENCH_DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "BENCH_DB must be a plain lower-case identifier"

work="$(mktemp -d -t newsplatform-bench.XXXXXX)"
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
    log "Work directory kept: $work (service log: $work/articles.log)"
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
  log "Building services/Articles (Release)"
  dotnet build -c Release services/Articles -nologo -v quiet -clp:ErrorsOnly || die "dotnet build failed"
fi
[ -f "$DLL" ] || die "No Release build at $DLL"

log "Fresh database $BENCH_DB"
PGPASSWORD="$NP_PG_PASSWORD" PGOPTIONS="--client-min-messages=warning" psql -h "$HOST" -p 5432 -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
  -c "drop database if exists $BENCH_DB with (force)" || die "Could not drop database $BENCH_DB"

log "Starting the Articles service on $BASE"
env ASPNETCORE_ENVIRONMENT=Production \
  DOTNET_gcServer=0 \
  Logging__LogLevel__Default=Warning \
  Demo__Seed=false \
  Authentication__DevelopmentTokens=true \
  "ConnectionStrings__articlesdb=Host=$HOST;Port=5432;Username=postgres;Password=$NP_PG_PASSWORD;SSL Mode=Disable;Database=$BENCH_DB" \
  "ConnectionStrings__messaging=amqp://guest:guest@$HOST:5672" \
  dotnet "$DLL" --urls "$BASE" >"$work/articles.log" 2>&1 &
service_pid=$!

deadline=$((SECONDS + 60))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/health" 2>/dev/null)" = 200 ]; do
  if ! kill -0 "$service_pid" 2>/dev/null; then
    tail -n 40 "$work/articles.log" >&2 || true
    die "The Articles service exited during start-up (log above)"
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    tail -n 40 "$work/articles.log" >&2 || true
    die "The Articles service did not answer 200 on $BASE/health within 60 s (log above)"
  fi
  sleep 0.5
done
log "Service healthy (pid $service_pid)"

# ---------------------------------------------------------------------------------------------
# API helpers (curl; responses land in $work/body and $work/headers)

# api METHOD PATH [JSON] [IF_MATCH_VERSION] -> prints the HTTP status
api() {
  local args=(-sS --max-time 15 -o "$work/body" -D "$work/headers" -w '%{http_code}' -X "$1"
              -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
  [ -n "${3:-}" ] && args+=(--data-binary "$3")
  [ -n "${4:-}" ] && args+=(-H "If-Match: \"$4\"")
  curl "${args[@]}" "$BASE$2" || true # curl prints 000 when it gets no answer
}



copy_json() { # headline
  printf '{"headline":"%s","summary":"%s","body":"%s","section":"national","subsection":"politics","byline":"Bench Reporter","tags":["bench","politics"],"isPremium":false}' \
    "$1" "A benchmark article about the national budget debate." \
    "<p>Lawmakers resumed debate on the national budget on Tuesday, with both parties tabling amendments.</p><p>Committee chairs said a final vote could come before the end of the month, though several provisions remain contested.</p><p>Analysts expect the bill to pass with minor changes.</p>"
}

# create_draft HEADLINE -> prints "<id> <version>"
create_draft() {
  local status id version
  status="$(api POST /api/newsroom/articles "$(copy_json "$1")")"
  expect 201 "$status" "Drafting '$1'"
  id="$(body_string id)"; version="$(etag_version)"
  [ -n "$id" ] && [ -n "$version" ] || die "Drafting '$1': no id or ETag in the response"
  echo "$id $version"
}

# publish ID VERSION -> prints the slug
publish() {
  local status slug
  status="$(api POST "/api/newsroom/articles/$1/publish" "" "$2")"
  expect 200 "$status" "Publishing $1"
  slug="$(body_string slug)"
  [ -n "$slug" ] || die "Publishing $1: no slug in the response"
  echo "$slug"
}

# current_version ID -> prints the article's version (its ETag)
current_version() {
  local status
  status="$(api GET "/api/newsroom/articles/$1")"
  expect 200 "$status" "Reading article $1"
  etag_version
}

# ---------------------------------------------------------------------------------------------
# Seed

log "Seeding: 1 hot article, $SECTION_ARTICLES national articles, $WRITE_CONNECTIONS drafts"
hot="$(create_draft "Parliament passes the national budget after a marathon session")"
read -r hot_id hot_version <<<"$hot"
hot_slug="$(publish "$hot_id" "$hot_version")"
for i in $(seq 1 "$SECTION_ARTICLES"); do
  draft="$(create_draft "National politics roundup number $i from the benchmark desk")"
  read -r id version <<<"$draft"
  publish "$id" "$version" >/dev/null
done

drafts_file="$work/drafts"
: >"$drafts_file"
for i in $(seq 1 "$WRITE_CONNECTIONS"); do
  create_draft "Benchmark draft $i awaiting revision" >>"$drafts_file"
done

# The public pages are an async projection: wait until the hot article and the whole section show.
expected_total=$((SECTION_ARTICLES + 1))
deadline=$((SECONDS + 60))
while :; do
  hot_status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/api/articles/$hot_slug" || echo 000)"
  total="$(curl -s --max-time 5 "$BASE/api/articles?section=national" | grep -o '"total":[0-9]*' | tr -dc '0-9' || true)"
  [ "$hot_status" = 200 ] && [ "${total:-0}" -ge "$expected_total" ] && break
  [ "$SECONDS" -lt "$deadline" ] ||
    die "Public pages not ready within 60 s (GET /api/articles/$hot_slug: $hot_status; section total: ${total:-?}, want $expected_total)"
  sleep 0.5
done
log "Seeded: hot article /api/articles/$hot_slug, section national lists $total"

# ---------------------------------------------------------------------------------------------
# Scenarios

# run_wrk NAME SECONDS THREADS CONNECTIONS SCRIPT PATH -> wrk output in $work/NAME.txt
run_wrk() {
  local out="$work/$1.txt"
  BENCH_DRAFTS="$drafts_file" BENCH_TOKEN="$TOKEN" \
    timeout $(($2 + 60)) wrk -t"$3" -c"$4" -d"$2"s --timeout 10s --latency -s "$5" "$BASE$6" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk failed in $1"; }
  grep -q '^BENCH_RESULT ' "$out" || { cat "$out" >&2; die "wrk printed no result in $1"; }
}

field() { { grep "^$1 " "$2" || true; } | tr ' ' '\n' | sed -n "s/^$3=//p"; } # LINE-TAG FILE KEY

refresh_drafts() { # rewrites the drafts file with each draft's current version
  local id _ version next="$work/drafts.next"
  : >"$next"
  while read -r id _; do
    version="$(current_version "$id")"
    [ -n "$version" ] || die "No ETag for article $id"
    echo "$id $version" >>"$next"
  done <"$drafts_file"
  mv "$next" "$drafts_file"
}

sum_versions() { awk '{ s += $2 } END { print s + 0 }' "$drafts_file"; }

lua="$repo/bench/lua"
names=(slug section revise)
labels=("GET /api/articles/{slug}" "GET /api/articles?section=" "PUT revise (1 event/request)")

scenario() { # NAME THREADS CONNECTIONS SCRIPT PATH
  if [ "$WARMUP" -gt 0 ]; then
    log "$1: warm-up ${WARMUP} s"
    [ "$1" = revise ] && refresh_drafts
    run_wrk "$1-warmup" "$WARMUP" "$2" "$3" "$4" "$5"
  fi
  log "$1: measuring ${DURATION} s (-t$2 -c$3)"
  [ "$1" = revise ] && refresh_drafts
  run_wrk "$1" "$DURATION" "$2" "$3" "$4" "$5"
}

scenario slug "$READ_THREADS" "$READ_CONNECTIONS" "$lua/report.lua" "/api/articles/$hot_slug"
scenario section "$READ_THREADS" "$READ_CONNECTIONS" "$lua/report.lua" "/api/articles?section=national"

scenario revise "$WRITE_CONNECTIONS" "$WRITE_CONNECTIONS" "$lua/revise.lua" "/api/newsroom/articles"
# refresh_drafts ran right before the measured run: events since then = versions now - versions then.
versions_measured_start="$(sum_versions)"
sleep 1 # requests wrk abandoned at the end may still be completing
refresh_drafts
events_stored=$(( $(sum_versions) - versions_measured_start ))

# ---------------------------------------------------------------------------------------------
# Report

fmt_ms() { awk -v us="$1" 'BEGIN { printf "%.2fms", us / 1000 }'; }

echo
printf '%-34s %10s %10s %10s %8s %8s\n' scenario "req/s" p50 p99 non-2xx "sock-err"
for i in "${!names[@]}"; do
  out="$work/${names[$i]}.txt"
  printf '%-34s %10s %10s %10s %8s %8s\n' "${labels[$i]}" \
    "$(field BENCH_RESULT "$out" rps)" \
    "$(fmt_ms "$(field BENCH_RESULT "$out" p50_us)")" \
    "$(fmt_ms "$(field BENCH_RESULT "$out" p99_us)")" \
    "$(field BENCH_RESULT "$out" non2xx)" \
    "$(field BENCH_RESULT "$out" socket_errors)"
done

revise_out="$work/revise.txt"
advanced="$(field BENCH_REVISE "$revise_out" advanced)"
unchanged="$(field BENCH_REVISE "$revise_out" unchanged)"
jumped="$(field BENCH_REVISE "$revise_out" jumped)"
other="$(field BENCH_REVISE "$revise_out" other)"
echo
echo "Settings: warm-up ${WARMUP}s, measured ${DURATION}s; GET -t$READ_THREADS -c$READ_CONNECTIONS; PUT -t$WRITE_CONNECTIONS -c$WRITE_CONNECTIONS (one draft per connection)."
echo "PUT check: $advanced responses 200 with version+1, $unchanged 200 without a new version, $jumped version jumps, $other failed;"
echo "           events appended in the store during the measured run: $events_stored (may exceed the 200s by up to $WRITE_CONNECTIONS requests in flight when wrk stopped)."

problems=0
for name in "${names[@]}"; do
  [ "$(field BENCH_RESULT "$work/$name.txt" non2xx)" = 0 ] || problems=1
  [ "$(field BENCH_RESULT "$work/$name.txt" socket_errors)" = 0 ] || problems=1
done
[ "$unchanged" = 0 ] && [ "$jumped" = 0 ] && [ "$other" = 0 ] || problems=1
[ "$events_stored" -ge "$advanced" ] && [ "$events_stored" -le $((advanced + WRITE_CONNECTIONS)) ] || problems=1
if [ "$problems" != 0 ]; then
  die "Some requests failed or did not append exactly one event (raw wrk output in $work)"
fi
succeeded=1
