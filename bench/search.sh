#!/usr/bin/env bash
# Repeatable benchmark of the Search service on a large index.
#
# Usage (needs root or sudo for apt-get and the local servers):
#   bash bench/search.sh                  # 100,000 articles, all three engines, publish → searchable
#   ARTICLES=20000 bash bench/search.sh   # smaller and quicker
#   REUSE=1 bash bench/search.sh          # keep the articles loaded by the previous run
#
# What it does:
#   1. Installs and starts PostgreSQL (with the RUM extension) and RabbitMQ (scripts/infrastructure.sh);
#      builds Search, Articles, the gateway and bench/SearchBench in Release.
#   2. Loads $ARTICLES generated articles (bench/SearchBench/ArticleGenerator.cs, seed $SEED: same
#      seed, same articles) into a fresh Search database as stored article events.
#   3. Rebuilds the index from those events through the admin API, on RUM (the PostgreSQL search
#      tables, which the query mix is chosen from) and on Lucene: the rebuild rate (events/s).
#   4. Query latency for the fixed mix (rare, common ≈ a third of all articles, two words, phrase,
#      exclusion, OR), each relevance-ranked, filtered (section + one year) and newest-first: through
#      the HTTP API beside the same query code run in the benchmark's process (the engine floor: for
#      PostgreSQL the same database; for Lucene a copy of the index the benchmark fills from the same
#      event store), one client and four; then suggest latency. Once per engine in $ENGINES.
#   5. Publish → searchable through the real path: the gateway, Articles, RabbitMQ, Search (on
#      $PUBLISH_ENGINE), at $RATE publishes/s for $PUBLISHES articles after $WARMUP_PUBLISHES unmeasured
#      ones at the same rate: a minute of the same load, so that the services' code has been through the
#      JIT's optimising tier (measured: after 20 s of warm-up the JIT still took 10-30 % of the services'
#      CPU and the p99 was 2-3x higher), as it has in a service that has been up for a while; one
#      watcher searches the Search API every 5 ms for the words of the still-pending articles' headlines,
#      and an article counts once it is in the results. Then where the time went, from the timestamps
#      both services' event stores gave each publication.
# All services run in Production mode with development tokens (`Bearer dev:<sub>:<roles>`) on,
# on their own ports, databases and RabbitMQ virtual host; all are stopped on exit.
#
# Settings (environment variables, defaults in brackets):
#   ARTICLES [100000]  SEED [20261129]  ROUNDS [20]  RATE [20]  PUBLISHES [400]  WARMUP_PUBLISHES [1200]
#   REUSE [0]  BUILD [1]
#   PHASES ["rebuild queries publish"]  which of steps 3–5 to run (with REUSE=1, e.g. PHASES=publish)
#   ENGINES ["Lucene Rum Gin"]  the engines step 4 measures    PUBLISH_ENGINE [Lucene]  the engine step 5 runs on
#   REBUILD_ENGINES ["Rum Lucene"]  the engines step 3 rebuilds (RUM fills the tables the query mix is chosen from)
#   NP_PG_PASSWORD [newsplatform]  ports 5201 (search), 5202 (articles), 5203 (gateway)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"
source scripts/infrastructure.sh
source bench/lib.sh # die

ARTICLES="${ARTICLES:-100000}"
SEED="${SEED:-20261129}"
ROUNDS="${ROUNDS:-20}"
RATE="${RATE:-20}"
PUBLISHES="${PUBLISHES:-400}"
WARMUP_PUBLISHES="${WARMUP_PUBLISHES:-1200}"
REUSE="${REUSE:-0}"
BUILD="${BUILD:-1}"
PHASES="${PHASES:-rebuild queries publish}"
ENGINES="${ENGINES:-Lucene Rum Gin}"
PUBLISH_ENGINE="${PUBLISH_ENGINE:-Lucene}"
REBUILD_ENGINES="${REBUILD_ENGINES:-Rum Lucene}"
HOST=127.0.0.1
SEARCH="http://$HOST:5201" ARTICLES_URL="http://$HOST:5202" GATEWAY="http://$HOST:5203"
PG="Host=$HOST;Port=5432;Username=postgres;Password=$NP_PG_PASSWORD;SSL Mode=Disable" # loopback, like the AppHost's own cluster: no TLS
SEARCH_DB=bench_search ARTICLES_DB=bench_search_articles VHOST=bench-search
BUS="amqp://guest:guest@$HOST:5672/$VHOST"

for setting in ARTICLES SEED ROUNDS RATE PUBLISHES WARMUP_PUBLISHES; do
  [[ "${!setting}" =~ ^[0-9]+$ ]] && [ "${!setting}" -ge 1 ] || die "$setting must be a positive whole number"
done

work="$(mktemp -d -t newsplatform-search-bench.XXXXXX)"
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap 'stop_all; log "Logs: $work"' EXIT
trap 'exit 130' INT TERM

psql_admin() { PGPASSWORD="$NP_PG_PASSWORD" PGOPTIONS="--client-min-messages=warning" psql -h "$HOST" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

# start NAME DLL URL ENV... : runs a service in the background and waits for /health (or /alive)
start() {
  local name="$1" dll="$2" url="$3"; shift 3
  # From its build folder, so it finds its appsettings.json (the gateway's routes live there).
  (cd "$(dirname "$dll")" && exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 Logging__LogLevel__Default=Warning \
    Authentication__DevelopmentTokens=true "$@" dotnet "$dll" --urls "$url") >>"$work/$name.log" 2>&1 &
  pids+=("$!")
  local deadline=$((SECONDS + 300))
  until curl -sf -o /dev/null --max-time 2 "$url/alive"; do
    kill -0 "${pids[-1]}" 2>/dev/null || { tail -n 30 "$work/$name.log" >&2; die "$name exited during start-up"; }
    [ "$SECONDS" -lt "$deadline" ] || die "$name did not start within 300 s"
    sleep 0.5
  done
}

# ready URL : waits until a service reports itself ready (a Lucene replica: once its copy of the index is filled)
ready() {
  local deadline=$((SECONDS + 900))
  until curl -sf -o /dev/null --max-time 5 "$1/health"; do
    [ "$SECONDS" -lt "$deadline" ] || die "$1 not ready within 900 s"
    sleep 1
  done
}

install_servers curl
start_postgres
start_rabbitmq
as_root rabbitmqctl -q add_vhost "$VHOST" 2>/dev/null || true
as_root rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bin() { echo "$repo/$1/bin/Release/net10.0/$2.dll"; }
if [ "$BUILD" != 0 ]; then
  log "Building (Release)"
  for project in services/Search services/Articles gateway/Gateway bench/SearchBench; do
    dotnet build -c Release "$project" -nologo -v quiet -clp:ErrorsOnly || die "build of $project failed"
  done
fi
bench() { dotnet "$(bin bench/SearchBench NewsPlatform.SearchBench)" "$@"; }
# A Lucene replica keeps its copy of the index in the machine's temporary folder, named after the
# database, and reuses it on the next run (it is refilled when the database is new).
search_env=("ConnectionStrings__searchdb=$PG;Database=$SEARCH_DB" "ConnectionStrings__messaging=$BUS")

if [ "$REUSE" = 1 ] && [ "$(psql_admin -c "select 1 from pg_database where datname = '$SEARCH_DB'")" = 1 ]; then
  log "Reusing the articles loaded in $SEARCH_DB"
else
  log "Loading $ARTICLES generated articles (seed $SEED)"
  psql_admin -c "drop database if exists $SEARCH_DB with (force)" -c "create database $SEARCH_DB"
  bench load --connection "$PG;Database=$SEARCH_DB" --count "$ARTICLES" --seed "$SEED" | tee -a "$work/results.md"
fi

phase() { [[ " $PHASES " == *" $1 "* ]]; }

if phase rebuild; then
  for engine in $REBUILD_ENGINES; do
    log "Search on $engine: rebuilding the index from the stored events"
    start search "$(bin services/Search NewsPlatform.Search)" "$SEARCH" "${search_env[@]}" Search__Engine=$engine
    ready "$SEARCH"
    printf '%s ' "$engine" | tee -a "$work/results.md"
    bench rebuild --api "$SEARCH" | tee -a "$work/results.md"
    stop_all
  done
fi

if phase queries; then
  for engine in $ENGINES; do
    log "Queries on $engine (a Lucene replica fills its copy of the index at start-up when it has none)"
    start search "$(bin services/Search NewsPlatform.Search)" "$SEARCH" "${search_env[@]}" Search__Engine=$engine
    ready "$SEARCH"
    psql_admin -d "$SEARCH_DB" -c "vacuum analyze search_article" -c "vacuum analyze search_article_text" -c "vacuum analyze search_lexicon"
    bench queries --api "$SEARCH" --connection "$PG;Database=$SEARCH_DB" --engine "$engine" --rounds "$ROUNDS" | tee -a "$work/results.md"
    stop_all
  done
fi

phase publish || { log "Results (also in $work/results.md)"; cat "$work/results.md"; exit 0; }

log "Publish → searchable at $RATE/s through gateway → Articles → RabbitMQ → Search ($PUBLISH_ENGINE)"
psql_admin -c "drop database if exists $ARTICLES_DB with (force)"
start search "$(bin services/Search NewsPlatform.Search)" "$SEARCH" "${search_env[@]}" Search__Engine=$PUBLISH_ENGINE
ready "$SEARCH"
start articles "$(bin services/Articles NewsPlatform.Articles)" "$ARTICLES_URL" Demo__Seed=false \
  "ConnectionStrings__articlesdb=$PG;Database=$ARTICLES_DB" "ConnectionStrings__messaging=$BUS"
start gateway "$(bin gateway/Gateway NewsPlatform.Gateway)" "$GATEWAY" \
  "services__articles__http__0=$ARTICLES_URL" "services__search__http__0=$SEARCH" \
  "services__subscriptions__http__0=http://$HOST:9"
bench publish --gateway "$GATEWAY" --api "$SEARCH" --rate "$RATE" --count "$PUBLISHES" --warmup "$WARMUP_PUBLISHES" \
  --articles-connection "$PG;Database=$ARTICLES_DB" --search-connection "$PG;Database=$SEARCH_DB" | tee -a "$work/results.md"
stop_all

log "Results (also in $work/results.md)"
cat "$work/results.md"
