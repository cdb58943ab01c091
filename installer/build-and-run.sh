#!/usr/bin/env bash
# Installs what is missing, builds Hydra (release) and starts the gateway.
# Arguments go to `hydra gateway`, e.g. --keys-file keys.json --port 8000.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/installer/install-build-deps.sh"
# A build folder of its own (preset "release", no tests): tests/run-all.sh builds build/default
# with every test, and neither may change what the other builds.
cd "$root"
cmake --preset release >/dev/null
cmake --build build/release --target hydra
exec build/release/src/hydra gateway "$@"
