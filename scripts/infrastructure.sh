#!/usr/bin/env bash
# Installs and starts the servers NewsPlatform needs on a Debian machine without a container
# runtime: PostgreSQL 15 (with the RUM index extension), RabbitMQ and Redis from Debian packages. Sourced by start.sh and test.sh.
set -euo pipefail

NP_PG_PASSWORD="${NP_PG_PASSWORD:-newsplatform}"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

container_runtime_answers() {
  command -v docker >/dev/null 2>&1 && timeout 5 docker info >/dev/null 2>&1 && return 0
  command -v podman >/dev/null 2>&1 && timeout 5 podman info >/dev/null 2>&1 && return 0
  return 1
}

# The build bundles the newsroom's rich-text editor from npm (services/Web/package.json): Node and npm, from Debian if missing.
install_node() {
  command -v npm >/dev/null 2>&1 && return 0
  log "Installing nodejs and npm"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
}

# A .NET tool at a pinned version, into .run/tools (ignored by git).
install_dotnet_tool() { # package version
  local tools="$PWD/.run/tools" package="$1" version="$2"
  if dotnet tool list --tool-path "$tools" 2>/dev/null | grep -qi "^$package  *$version "; then return 0; fi
  log "Installing $package $version"
  mkdir -p "$tools"
  dotnet tool uninstall "$package" --tool-path "$tools" >/dev/null 2>&1 || true
  dotnet tool install "$package" --version "$version" --tool-path "$tools" >/dev/null
}

# The local SMTP server with a web inbox that mail goes to (the AppHost runs it; tests start their own).
SMTP4DEV_VERSION=3.15.0
install_smtp4dev() { install_dotnet_tool Rnwood.Smtp4dev "$SMTP4DEV_VERSION"; }

# Installs the Debian packages that are missing (PostgreSQL, RabbitMQ, Redis, and extras passed as arguments, e.g. chromium).
install_servers() {
  local wanted=(postgresql rabbitmq-server redis-server "$@") missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "Installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # Search ranks with the RUM index extension, packaged per PostgreSQL major version.
  local major rum
  major="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  rum="postgresql-${major}-rum"
  if ! dpkg-query -W -f='${Status}' "$rum" 2>/dev/null | grep -q "install ok installed"; then
    log "Installing $rum"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$rum" >/dev/null \
      || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$rum" >/dev/null; }
  fi
}

wait_for_port() { # host port seconds
  local deadline=$((SECONDS + $3))
  until (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || { log "Port $1:$2 did not open within $3 s"; return 1; }
    sleep 0.3
  done
}

# The machine's PostgreSQL cluster on 127.0.0.1:5432, user postgres with a known password.
start_postgres() {
  as_root service postgresql start >/dev/null
  local deadline=$((SECONDS + 60))
  until pg_isready -q -h 127.0.0.1 -p 5432; do
    [ "$SECONDS" -lt "$deadline" ] || { log "PostgreSQL did not become ready"; return 1; }
    sleep 0.3
  done
  as_root runuser -u postgres -- psql -q -c "ALTER USER postgres PASSWORD '${NP_PG_PASSWORD}'" >/dev/null
  log "PostgreSQL ready on 127.0.0.1:5432"
}

# The machine's RabbitMQ node on 127.0.0.1:5672 with the management API on 15672 (tests make
# one virtual host per test class through it).
start_rabbitmq() {
  if ! grep -qs '^NODENAME=rabbit@localhost' /etc/rabbitmq/rabbitmq-env.conf; then
    echo 'NODENAME=rabbit@localhost' | as_root tee -a /etc/rabbitmq/rabbitmq-env.conf >/dev/null
  fi
  as_root rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
  if ! as_root rabbitmqctl -q status >/dev/null 2>&1; then
    as_root rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
  wait_for_port 127.0.0.1 5672 90
  as_root rabbitmqctl -q await_startup --timeout 60 >/dev/null
  wait_for_port 127.0.0.1 15672 30
  log "RabbitMQ ready on 127.0.0.1:5672 (management on :15672)"
}

# A Redis on 127.0.0.1:6379 for the tests of the gateway's shared edge state (each test names its own key prefix).
# Nothing is kept on disk: the edge's state is only ever a few seconds' worth of buckets and cached answers.
start_redis() {
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    redis-server --port 6379 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null
  fi
  local deadline=$((SECONDS + 30))
  until redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || { log "Redis did not become ready"; return 1; }
    sleep 0.2
  done
  log "Redis ready on 127.0.0.1:6379"
}
