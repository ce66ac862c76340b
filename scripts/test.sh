#!/usr/bin/env bash
# README command 2: install what is missing, build, and run every test (both database backends).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

PG_URL="$(scripts/postgres-test-server.sh start)"
trap 'scripts/postgres-test-server.sh stop' EXIT
echo "Test PostgreSQL server: ${PG_URL}"

cmake --preset ci -DCHARGEDESK_TEST_PG_URL="${PG_URL}"
cmake --build --preset ci
ctest --preset ci --parallel 2 --timeout 600
