#!/usr/bin/env bash
# Installs what is missing, builds Hydra with its tests, and runs every test:
# first a normal build and its installers, then every libFuzzer target for 60 s (clang, ASan +
# UBSan), then the same suite under AddressSanitizer + UBSan.
# Usage: tests/run-all.sh [--quick]   (--quick skips the fuzzing and the sanitizer pass)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

installer/install-build-deps.sh
(cd tests/clients && npm ci --no-audit --no-fund --loglevel=error)

jobs="$(nproc)"
run_suite() {
    local preset="$1"
    echo "== $preset: configure and build"
    cmake --preset "$preset" >/dev/null
    cmake --build "build/$preset" -j "$jobs"
    echo "== $preset: test"
    ctest --preset "$preset" -j "$jobs"
}

run_suite default
echo "== installers: the .deb in a clean Debian 12 root, the Windows installer script"
installer/test-deb.sh build/default
installer/test-nsis.sh
[ "${1:-}" = "--quick" ] && exit 0
echo "== fuzzing: every target for 60 s (tests/fuzz/README.md)"
tests/fuzz/run.sh --no-install --seconds 60 --parallel "$jobs"
run_suite asan
