#!/usr/bin/env bash
# README command 1: install what is missing, build, and start the console with demo stations.
#
# The demo runs on a database of its own (demo.db next to your real data, key in the 0600
# file demo.key), so it works where no desktop keychain runs and never touches real data.
# The console runs in demo mode (--demo): its own station server listens on
# 127.0.0.1:${CHARGEDESK_DEMO_PORT:-9000} and admits the demo stations (lab settings: unknown
# stations accepted, no station passwords), and ${CHARGEDESK_DEMO_STATIONS:-10} simulated stations
# charge against it with the demo fleet card DEMO-FLEET in real time (short sessions, so bills come
# within minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD="${CHARGEDESK_BUILD_DIR:-build/release}"
if [ -z "${CHARGEDESK_BUILD_DIR:-}" ]; then
  scripts/install-deps.sh
  cmake --preset release
  cmake --build --preset release
fi

DATA="${XDG_DATA_HOME:-$HOME/.local/share}/ChargeDesk"
DB="$DATA/demo.db"
KEY="$DATA/demo.key"
PORT="${CHARGEDESK_DEMO_PORT:-9000}"
mkdir -p "$DATA"
[ -f "$KEY" ] || "$BUILD/app/cli/chargedesk-cli" key generate --out "$KEY"
CLI=("$BUILD/app/cli/chargedesk-cli" --db "$DB" --db-key-file "$KEY" --operator quickstart)

"${CLI[@]}" db migrate >/dev/null

echo "Demo: the console serves ws://127.0.0.1:$PORT/ocpp; ${CHARGEDESK_DEMO_STATIONS:-10} simulated stations DEMO-0001… connect to it."
exec "${CHARGEDESK_DEMO_CONSOLE:-$BUILD/app/console/chargedesk}" --db "$DB" --db-key-file "$KEY" \
  --demo --demo-stations "${CHARGEDESK_DEMO_STATIONS:-10}" --listen "127.0.0.1:$PORT" "$@"
