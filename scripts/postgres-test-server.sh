#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server on loopback for the tests.
#   scripts/postgres-test-server.sh start   prints the postgresql:// URL on stdout
#   scripts/postgres-test-server.sh stop
# The server runs from a temporary data directory, listens on 127.0.0.1 only, and trusts
# local connections: it is for tests, never for data.
set -euo pipefail

PORT="${CHARGEDESK_TEST_PG_PORT:-54329}"
STATE="${TMPDIR:-/tmp}/chargedesk-pg-test-${PORT}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server binaries not found; run scripts/install-deps.sh" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -f "$STATE/data/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then
      echo "postgresql://chargedesk@127.0.0.1:${PORT}/postgres"; exit 0
    fi
    rm -rf "$STATE"; mkdir -p "$STATE"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$STATE"
    as_pg "$PGBIN/initdb" -D "$STATE/data" -U chargedesk --auth=trust -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 \
      || { cat "$STATE/initdb.log" >&2; exit 1; }
    as_pg "$PGBIN/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p ${PORT} -k ${STATE} -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$STATE/server.log" >&2; exit 1; }
    echo "postgresql://chargedesk@127.0.0.1:${PORT}/postgres"
    ;;
  stop)
    if [ -d "$STATE/data" ]; then
      as_pg "$PGBIN/pg_ctl" -D "$STATE/data" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$STATE"
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
