#!/usr/bin/env bash
# Installs what is missing, builds Hydra with its tests, and runs every test:
#   1. the README's first command (build-and-run.sh) up to a listening gateway, as a newcomer runs it;
#   2. the default build with every test, then the suite again on Qt's own event dispatcher (what
#      Windows and macOS users get), the .deb in a clean Debian 12 root, the Windows installer script;
#   3. the README's installer alone in a clean Debian 12 root, then the release build there;
#   4. Debian 13 with Qt 6.8 and GCC 14, in a clean root: the README's installer, every source with
#      clang and libc++ (the closest to Apple's toolchain), the whole suite, its .deb proven in a
#      second clean Debian 13 root;
#   5. every libFuzzer target for 60 s (clang, ASan + UBSan), then the suite under ASan + UBSan.
# Usage: tests/run-all.sh [--quick]   (--quick stops after step 2)
# Caches, outside the checkout so that a fresh clone reuses them: $HYDRA_CACHE_DIR, else
# ~/.cache/hydra (clean Debian roots, apt downloads, and one ccache for every build of the tree).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
started=$SECONDS
stage() { echo "== [$(((SECONDS - started) / 60)) min] $*"; }

installer/install-build-deps.sh
(cd tests/clients && npm ci --no-audit --no-fund --loglevel=error)

cache_root="${HYDRA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hydra}"
# Paths relative to the checkout, so a fresh clone elsewhere still finds its objects.
export CCACHE_DIR="$cache_root/ccache" CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE=8G
mkdir -p "$CCACHE_DIR"

jobs="$(nproc)"
run_suite() {
    local preset="$1"
    stage "$preset: configure and build"
    cmake --preset "$preset" >/dev/null
    cmake --build "build/$preset" -j "$jobs"
    stage "$preset: test"
    ctest --preset "$preset" -j "$jobs"
}

stage "the README's first command, up to a listening gateway"
installer/test-readme-first-command.sh
run_suite default
stage "default: test again on Qt's own event dispatcher (HYDRA_EVENT_DISPATCHER=qt)"
HYDRA_EVENT_DISPATCHER=qt ctest --preset default -j "$jobs" -L "e2e|app|tunnel|client"
stage "installers: the .deb in a clean Debian 12 root, the Windows installer script"
installer/test-deb.sh build/default
installer/test-nsis.sh
[ "${1:-}" = "--quick" ] && exit 0
stage "a clean Debian 12: the README's installer alone, then the release build"
installer/test-fresh-build.sh bookworm
stage "Debian 13 (Qt 6.8, GCC 14): the README's installer, libc++, the whole suite, the .deb"
installer/test-fresh-build.sh trixie --tests --libcxx
installer/test-deb.sh build/default --suite trixie --deb build/fresh-trixie/packages/hydra_*.deb
stage "fuzzing: every target for 60 s (tests/fuzz/README.md)"
tests/fuzz/run.sh --no-install --seconds 60 --parallel "$jobs"
run_suite asan
stage "all passed"
