# Helpers the benchmark scripts share; sourced after scripts/infrastructure.sh, from the repository root.
# The HTTP helpers read the last response that the script's own api() left in "$work".

die() { printf '\033[1;31mbench:\033[0m %s\n' "$*" >&2; exit 1; }

expect() { # expected-status actual-status what
  [ "$2" = "$1" ] || die "$3: HTTP $2, expected $1: $(head -c 600 "$work/body" 2>/dev/null)"
}

etag_version() { { grep -i '^etag:' "$work/headers" || true; } | tr -dc '0-9'; }
body_string() { { grep -o "\"$1\":\"[^\"]*\"" "$work/body" || true; } | head -n 1 | cut -d'"' -f4; }
