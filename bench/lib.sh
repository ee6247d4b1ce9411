# Helpers the benchmark scripts share; sourced after scripts/infrastructure.sh, from the repository root.
# The HTTP helpers read the last response that the script's own api() left in "$work".

die() { printf '\033[1;31mbench:\033[0m %s\n' "$*" >&2; exit 1; }

expect() { # expected-status actual-status what
  [ "$2" = "$1" ] || die "$3: HTTP $2, expected $1: $(head -c 600 "$work/body" 2>/dev/null)"
}

etag_version() { { grep -i '^etag:' "$work/headers" || true; } | tr -dc '0-9'; }
body_string() { { grep -o "\"$1\":\"[^\"]*\"" "$work/body" || true; } | head -n 1 | cut -d'"' -f4; }

# The whole platform as ./start.sh runs it (Development, demo articles), in Release and with throwaway data, for a
# benchmark through the gateway on localhost:5000. Extra AppHost settings come as environment variables (e.g.
# Overrides__gateway__…). Sets $apphost_pid; stop_platform stops it (call it from the script's EXIT trap).
start_platform() { # log-file [AppHost setting=value …]
  (exec 3<>/dev/tcp/127.0.0.1/5000) 2>/dev/null && die "something already listens on port 5000 (./start.sh?): stop it first"
  if [ "${BUILD:-1}" = 1 ]; then
    log "Building the platform (Release)"
    dotnet build AppHost -c Release -nologo -v quiet -clp:ErrorsOnly
  fi
  log "Starting the AppHost (Release, throwaway data)"
  export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
  local log_file="$1"; shift
  dotnet run --project AppHost -c Release --no-build --launch-profile http -- Infrastructure:Ephemeral=true "$@" >"$log_file" 2>&1 &
  apphost_pid=$!
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null http://localhost:5000/health && curl -fs -o /dev/null http://localhost:5000/ && break
    kill -0 "$apphost_pid" 2>/dev/null || { cat "$log_file"; die "the AppHost stopped"; }
    sleep 1
  done
  curl -fs -o /dev/null http://localhost:5000/ || die "the site did not answer within 4 minutes"
}

stop_platform() {
  if [ -n "${apphost_pid:-}" ] && kill -0 "$apphost_pid" 2>/dev/null; then
    kill -TERM "$apphost_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$apphost_pid" 2>/dev/null || break; sleep 0.5; done
  fi
}
