#!/usr/bin/env bash
# The benchmark (README "Performance"): builds the release preset's chargedesk-server,
# chargedesk-cli and chargedesk-bench, installs the reference server's npm packages into the
# build tree, and runs the same simulated fleet against ChargeDesk and against a minimal npm
# ocpp-rpc server. Arguments go to chargedesk-bench, e.g.
#   scripts/bench.sh --runs 3
#   scripts/bench.sh --stations 2000 --rate 300 --duration 120
#   scripts/bench.sh --postgres postgresql://user:password@127.0.0.1:5432/bench
# Run it on an otherwise idle machine: the servers and the simulator share its cores.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

cmake --preset release
cmake --build --preset release --parallel 2 \
    --target chargedesk-bench chargedesk-server chargedesk-cli chargedesk-bench-reference
exec build/release/bench/chargedesk-bench "$@"
