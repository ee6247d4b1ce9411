#!/usr/bin/env bash
# Benchmark of the edge's purging: how long after a change an anonymous reader of the gateway's cached answers
# sees it. Targets: takedown → 404 (the article's API answer and its page) p99 <= 1 s; correction → the new text
# (answer and page) p99 <= 1 s; publication → found by a search that was asked and cached before (the API's and
# the site's search page) p99 <= 1 s. The gateway keeps answers 10 s, so without purging each would take up to 10 s.
#
# Usage (from anywhere; needs root or sudo for apt-get; nothing else may listen on 5000 and 18888):
#   bash bench/purge.sh
#   ROUNDS=5 bash bench/purge.sh        # a quick check that it works
#
# What it does: starts the whole AppHost in Release as ./start.sh runs it (throwaway data, the anonymous limit
# raised), makes an editor (the initial admin grants the role), then for each of $ROUNDS rounds: publishes an
# article, reads its answer and page twice (now cached), unpublishes it and polls both every 5 ms until both are
# 404; the same for a correction (until both show the new text) and for a publication found by a search asked
# twice before (until both the API and the search page find it). Prints p50, p99 and max of each, and whether the
# targets are met. The AppHost and everything it started are stopped on exit.
#
# Settings: ROUNDS [30]  BUILD [1] (0 uses the existing Release build)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/infrastructure.sh # log, install_servers
source bench/lib.sh              # die, start_platform, stop_platform

ROUNDS="${ROUNDS:-30}"
site="http://localhost:5000"
work="$(mktemp -d)"
trap 'stop_platform; rm -rf "$work"' EXIT

install_servers
command -v node >/dev/null || die "node is needed (Node.js 20 or newer)"
admin_password="bench-admin-password-2026"
export Overrides__gateway__RateLimits__Anonymous__Burst=10000000 Overrides__gateway__RateLimits__Anonymous__PerSecond=10000000
export Overrides__gateway__RateLimits__Reader__Burst=10000000 Overrides__gateway__RateLimits__Reader__PerSecond=10000000
start_platform "$work/apphost.log" "Parameters:initial-admin-password=$admin_password"

json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s)$1))"; }
login() { curl -fs -X POST "$site/api/auth/login" -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" | json .accessToken; }
admin="$(login admin@newsplatform.local "$admin_password")" || die "the initial admin cannot log in"
email="purge.$RANDOM$RANDOM@example.org"
id="$(curl -fs -X POST "$site/api/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"purge-bench-editor-1\",\"displayName\":\"Purge desk\"}" | json .id)"
curl -fs -o /dev/null -X POST "$site/api/admin/users/$id/roles" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"role":"editor"}'
editor="$(login "$email" purge-bench-editor-1)"

log "Measuring $ROUNDS rounds of takedown, correction and publication → cached search"
node bench/purge.mjs "$site" "$editor" "$ROUNDS" > "$work/results.json"
node - "$work/results.json" "$ROUNDS" <<'JS'
const results = require(process.argv[2]);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)]; };
const rows = [["takedown → 404 (answer and page)", results.takedown], ["correction → new text (answer and page)", results.correction],
  ["publication → found by a cached search (API and page)", results.publishToCachedSearch],
  ["(beside it: publication → searchable, a query nobody asked before)", results.searchable]];
console.log("\n| change | rounds | p50 | p99 | max | target p99 <= 1 s |\n| --- | --- | --- | --- | --- | --- |");
for (const [name, xs] of rows)
  console.log(`| ${name} | ${xs.length} | ${pct(xs, 50).toFixed(0)} ms | ${pct(xs, 99).toFixed(0)} ms | ${Math.max(...xs).toFixed(0)} ms | ${pct(xs, 99) <= 1000 ? "met" : "NOT met"} |`);
if (results.failed) console.log(`\n${results.failed} rounds did not show the change within 15 s`);
JS
