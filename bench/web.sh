#!/usr/bin/env bash
# Benchmark of the reader's site through the gateway: throughput and latency of the home page, a
# section front and an article page, from the gateway's cache (anonymous readers) and made fresh for a
# logged-in reader; a logged-in reader's article page with one client (target p99 <= 50 ms); and
# Lighthouse (12.2.3, mobile defaults: simulated slow 4G and a 4x slower CPU) for the home page, a section
# front, an article page and the search page: the four scores (target >= 95 each), Largest Contentful
# Paint, and what an article page weighs over the wire (target <= 100 KB compressed without photos, of
# which <= 30 KB JavaScript).
#
# Usage (from anywhere; needs root or sudo for apt-get; nothing else may listen on 5000 and 18888):
#   bash bench/web.sh
#   WARMUP=3 DURATION=5 bash bench/web.sh        # a quick check that it works
#   PHASES=lighthouse bash bench/web.sh          # only Lighthouse (or: load)
#
# What it does:
#   1. Installs what is missing from Debian's packages (PostgreSQL, RabbitMQ, wrk, chromium) and Lighthouse
#      from npm into .run/bench/lighthouse (ignored by git), builds the platform in Release and starts the
#      whole AppHost as ./start.sh does (Development: the 40 demo articles), with throwaway data and the
#      gateway's anonymous rate limit raised (Overrides__gateway__…) so one wrk client is never throttled.
#   2. Registers a reader through the API and logs in through the site's form (antiforgery token and all),
#      keeping the session cookie the browser would get.
#   3. For each page: wrk -t$THREADS -c$CONNECTIONS, $WARMUP s of warm-up then $DURATION s measured,
#      anonymous (the gateway's cache) and with the session cookie (made for the reader each time);
#      then the logged-in article page with one connection (-t1 -c1).
#   4. Lighthouse on the four page types, $LIGHTHOUSE_RUNS runs each, the median scores.
#   5. Prints markdown tables. The AppHost and every process it started are stopped on exit.
#
# Settings (environment variables, defaults in brackets):
#   WARMUP [10]  DURATION [20]  THREADS [2]  CONNECTIONS [16]  LIGHTHOUSE_RUNS [3]  PHASES [load,lighthouse]
#   BUILD [1]    0 uses the existing Release build
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"
source scripts/infrastructure.sh # log, as_root, install_servers
source bench/lib.sh              # die, start_platform, stop_platform

WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-20}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
LIGHTHOUSE_RUNS="${LIGHTHOUSE_RUNS:-3}"
PHASES="${PHASES:-load,lighthouse}"
BUILD="${BUILD:-1}"
site="http://localhost:5000"
work="$(mktemp -d)"

cleanup() {
  stop_platform
  rm -rf "$work"
}
trap cleanup EXIT

install_servers wrk chromium
chromium_path="$(command -v chromium || command -v chromium-browser)" || die "no chromium"
lighthouse_dir="$repo/.run/bench/lighthouse"
if [[ "$PHASES" == *lighthouse* ]] && [ ! -x "$lighthouse_dir/node_modules/.bin/lighthouse" ]; then
  log "Installing Lighthouse 12.2.3 (npm) into .run/bench/lighthouse"
  mkdir -p "$lighthouse_dir"
  (cd "$lighthouse_dir" && npm init -y >/dev/null && npm i -E lighthouse@12.2.3 --no-audit --no-fund --loglevel=error >/dev/null)
fi

export Overrides__gateway__RateLimits__Anonymous__Burst=10000000 Overrides__gateway__RateLimits__Anonymous__PerSecond=10000000
export Overrides__gateway__RateLimits__Reader__Burst=10000000 Overrides__gateway__RateLimits__Reader__PerSecond=10000000
start_platform "$work/apphost.log"
# The demo articles are seeded at start: wait for a front with articles, then pick the newest article.
for _ in $(seq 1 60); do
  slug="$(curl -fs "$site/api/articles?section=national&pageSize=1" | grep -o '"slug":"[^"]*"' | head -1 | cut -d'"' -f4 || true)"
  [ -n "$slug" ] && break
  sleep 1
done
[ -n "$slug" ] || die "no demo article appeared"
log "Article page: /articles/$slug"

# A reader's session, as a browser gets it: register through the API, log in through the form.
email="bench.$RANDOM$RANDOM@example.org"
password="bench-reader-password-1"
curl -fs -o /dev/null -X POST "$site/api/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Bench Reader\"}" || die "registration failed"
jar="$work/cookies"
token="$(curl -fs -c "$jar" -b "$jar" "$site/login" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
status="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -X POST "$site/login" \
  --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Form.Email=$email" --data-urlencode "Form.Password=$password" --data-urlencode "Form.Remember=true")"
[ "$status" = 302 ] || die "login through the form answered $status"
session="$(awk '$6 == "np_session" { print $7 }' "$jar")"
[ -n "$session" ] || die "no session cookie after logging in"
curl -fs -b "np_session=$session" "$site/account" | grep -q "Bench Reader" || die "the session cookie does not log the reader in"

pages=("/" "/national" "/articles/$slug")
names=("home page" "section front" "article page")

run_wrk() { # threads connections seconds url cookie -> BENCH_RESULT line
  BENCH_COOKIE="$5" wrk -t"$1" -c"$2" -d"$3"s --latency -s bench/lua/cookie.lua "$4" | grep BENCH_RESULT
}
field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }

if [[ "$PHASES" == *load* ]]; then
  log "Load: $WARMUP s warm-up, $DURATION s measured, -t$THREADS -c$CONNECTIONS"
  table="| page | who | req/s | p50 | p99 | errors |\n| --- | --- | --- | --- | --- | --- |\n"
  for i in "${!pages[@]}"; do
    for who in anonymous reader; do
      cookie=""; label="anonymous (gateway cache)"
      if [ "$who" = reader ]; then cookie="np_session=$session"; label="logged-in reader (uncached)"; fi
      run_wrk "$THREADS" "$CONNECTIONS" "$WARMUP" "$site${pages[$i]}" "$cookie" >/dev/null
      result="$(run_wrk "$THREADS" "$CONNECTIONS" "$DURATION" "$site${pages[$i]}" "$cookie")"
      table+="| ${names[$i]} | $label | $(field "$result" rps) | $(ms "$(field "$result" p50_us)") ms | $(ms "$(field "$result" p99_us)") ms | $(( $(field "$result" non2xx) + $(field "$result" socket_errors) )) |\n"
    done
  done
  run_wrk 1 1 "$WARMUP" "$site/articles/$slug" "np_session=$session" >/dev/null
  single="$(run_wrk 1 1 "$DURATION" "$site/articles/$slug" "np_session=$session")"
  table+="| article page | logged-in reader, one client | $(field "$single" rps) | $(ms "$(field "$single" p50_us)") ms | $(ms "$(field "$single" p99_us)") ms | $(( $(field "$single" non2xx) + $(field "$single" socket_errors) )) |\n"
  printf '\n%b' "$table"
  p99_single="$(field "$single" p99_us)"
  if [ "$p99_single" -le 50000 ]; then echo "Target met: a logged-in reader's article page p99 $(ms "$p99_single") ms <= 50 ms with one client"
  else echo "Target NOT met: a logged-in reader's article page p99 $(ms "$p99_single") ms > 50 ms with one client"; fi
fi

if [[ "$PHASES" == *lighthouse* ]]; then
  log "Lighthouse 12.2.3, $LIGHTHOUSE_RUNS runs per page (mobile defaults)"
  lh_pages=("/" "/national" "/articles/$slug" "/search?q=seoul")
  lh_names=("home page" "section front" "article page" "search page")
  lh_table="| page | performance | accessibility | best practices | SEO | LCP |\n| --- | --- | --- | --- | --- | --- |\n"
  for i in "${!lh_pages[@]}"; do
    for run in $(seq 1 "$LIGHTHOUSE_RUNS"); do
      CHROME_PATH="$chromium_path" "$lighthouse_dir/node_modules/.bin/lighthouse" "$site${lh_pages[$i]}" --quiet \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run" \
        --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$work/lh-$i-$run.json" \
        || die "Lighthouse failed on ${lh_pages[$i]}"
    done
    lh_table+="$(node - "$work" "$i" "$LIGHTHOUSE_RUNS" "${lh_names[$i]}" <<'JS'
const [work, page, runs, name] = process.argv.slice(2);
const reports = Array.from({ length: Number(runs) }, (_, r) => require(`${work}/lh-${page}-${r + 1}.json`));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const score = (id) => Math.round(median(reports.map((r) => r.categories[id].score * 100)));
const lcp = median(reports.map((r) => r.audits["largest-contentful-paint"].numericValue));
process.stdout.write(`| ${name} | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${score("seo")} | ${(lcp / 1000).toFixed(2)} s |\\n`);
JS
)"
  done
  printf '\n%b' "$lh_table"
  node - "$work" <<'JS'
const report = require(`${process.argv[2]}/lh-2-1.json`);
const items = report.audits["resource-summary"].details.items;
const kb = (type) => ((items.find((i) => i.resourceType === type)?.transferSize ?? 0) / 1024);
const total = kb("total"), script = kb("script"), images = kb("image");
console.log(`\nArticle page over the wire (Lighthouse's resource summary, compressed): ${total.toFixed(1)} KB in all, ` +
  `${script.toFixed(1)} KB JavaScript, ${images.toFixed(1)} KB images; document ${kb("document").toFixed(1)} KB, stylesheets ${kb("stylesheet").toFixed(1)} KB.`);
console.log(total - images <= 100 && script <= 30 ? "Target met: <= 100 KB without photos, <= 30 KB JavaScript" : "Target NOT met");
JS
  for i in 0 1 2 3; do
    node -e "const r=require('$work/lh-$i-1.json'); for (const [k,c] of Object.entries(r.categories)) for (const ref of c.auditRefs) { const a=r.audits[ref.id]; if (ref.weight>0 && a.score!==null && a.score<1) console.log('  ${lh_names[$i]}: '+k+' / '+a.id+' '+Math.round(a.score*100)) }" | head -12
  done
fi
