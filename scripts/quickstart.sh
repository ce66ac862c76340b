#!/usr/bin/env bash
# README command 1: install what is missing, build, and start the console.
# The demo uses its own database (demo.db next to your real data) whose key is kept in a
# 0600 key file, so it works on machines without a desktop keychain. Your real database
# (chargedesk.db) keeps its key in the OS keychain.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release
cmake --build --preset release

DATA="${XDG_DATA_HOME:-$HOME/.local/share}/ChargeDesk"
mkdir -p "$DATA"
[ -f "$DATA/demo.key" ] || build/release/app/cli/chargedesk-cli key generate --out "$DATA/demo.key"
exec build/release/app/console/chargedesk --db "$DATA/demo.db" --db-key-file "$DATA/demo.key" "$@"
