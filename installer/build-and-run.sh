#!/usr/bin/env bash
# Installs what is missing, builds Hydra (release) and starts the gateway.
# Arguments go to `hydra gateway`, e.g. --keys-file keys.json --port 8000.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/installer/install-build-deps.sh"
cmake --preset default -S "$root" -DHYDRA_BUILD_TESTS=OFF >/dev/null
cmake --build "$root/build/default" --target hydra
exec "$root/build/default/src/hydra" gateway "$@"
