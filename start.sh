#!/usr/bin/env bash
# Starts the whole platform: PostgreSQL, RabbitMQ, an SMTP catcher, the three services, the site and the gateway, under the
# .NET Aspire AppHost. Gateway: http://localhost:5000 · dashboard: http://localhost:18888
set -euo pipefail
cd "$(dirname "$0")"
source scripts/infrastructure.sh

if container_runtime_answers; then
  log "A container runtime answers: PostgreSQL and RabbitMQ will run as containers"
else
  # The AppHost runs these installed servers itself, with their data under .run/.
  install_servers
  install_smtp4dev
fi

install_node

export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
exec dotnet run --project AppHost --launch-profile http "$@"
