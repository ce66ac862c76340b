#!/usr/bin/env bash
# README command 1: install what is missing, build, and start the console with demo stations.
#
# The demo runs on a database of its own (demo.db next to your real data, key in the 0600
# file demo.key), so it works where no desktop keychain runs and never touches real data:
#   - chargedesk-server listens on 127.0.0.1:${CHARGEDESK_DEMO_PORT:-9000} and admits the demo
#     stations (lab settings: unknown stations accepted, no station passwords);
#   - chargedesk-sim runs ${CHARGEDESK_DEMO_STATIONS:-10} simulated stations charging with the
#     demo fleet card DEMO-FLEET, ten times faster than real time;
#   - the console opens the same database. Closing the console stops the other two.
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
if ! "${CLI[@]}" tag list --search DEMO-FLEET | grep -q DEMO-FLEET; then
  "${CLI[@]}" tag add DEMO-FLEET --kind department --max-sessions 1000 --reason "demo fleet card" >/dev/null
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

"$BUILD/app/server/chargedesk-server" --db "$DB" --db-key-file "$KEY" --listen "127.0.0.1:$PORT" \
  --accept-unknown-stations --security-profile 0 >"$DATA/demo-server.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  grep -q "is running" "$DATA/demo-server.log" 2>/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$DATA/demo-server.log" >&2; exit 1; }
  sleep 0.2
done

"$BUILD/app/sim/chargedesk-sim" --url "ws://127.0.0.1:$PORT/ocpp" --stations "${CHARGEDESK_DEMO_STATIONS:-10}" \
  --prefix DEMO --id-tags DEMO-FLEET --time-scale 10 --status-interval 0 >"$DATA/demo-sim.log" 2>&1 &
pids+=($!)

echo "Demo: server on ws://127.0.0.1:$PORT/ocpp, stations DEMO-0001…, logs in $DATA/demo-*.log"
"${CHARGEDESK_DEMO_CONSOLE:-$BUILD/app/console/chargedesk}" --db "$DB" --db-key-file "$KEY" "$@"
