#!/usr/bin/env bash
# Proves the README's build on a machine that has nothing: in a clean Debian minbase root (the
# cached debootstrap tarball of debian-root.sh), a copy of this checkout, then
#   1. installer/install-build-deps.sh, the README's dependency installer, alone;
#   2. `cmake --preset release` and the build of hydra, as installer/build-and-run.sh does;
#   3. `hydra --version` from that build.
# A package the installer forgets fails here, whatever this machine has installed.
# With --tests it goes on like the README's test command: the default build with every test and
# ctest (the keychain tests on a real keyring, the real-client suites), then the .deb (cpack).
# With --libcxx (Debian 13): every product and test source compiled with clang and libc++, the
# closest this machine gets to Apple's toolchain (preset libcxx). Debian's Qt is built against
# libstdc++, so executables are not linked (their link step only marks them built): nothing may
# depend on libstdc++ in the sources.
#
# Usage: installer/test-fresh-build.sh [bookworm|trixie] [--tests] [--libcxx]   (as root)
# Caches (outside the checkout): $HYDRA_CACHE_DIR (else ~/.cache/hydra): the root tarballs, apt's
# downloads, and the ccache every build of the tree shares. Logs: build/fresh-<suite>/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ "$(id -u)" -eq 0 ] || exec sudo -- "$0" "$@"

suite=bookworm
with_tests=0
with_libcxx=0
for argument in "$@"; do
    case "$argument" in
    bookworm | trixie) suite="$argument" ;;
    --tests) with_tests=1 ;;
    --libcxx) with_libcxx=1 ;;
    *) echo "usage: $0 [bookworm|trixie] [--tests] [--libcxx]" >&2; exit 2 ;;
    esac
done
cache_root="${HYDRA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hydra}"
cache="$cache_root/$suite-root"
logs="$root/build/fresh-$suite"
started=$SECONDS
test_name="fresh $suite"
# shellcheck source=installer/clean-root.sh
source "$root/installer/clean-root.sh"
cleanup() {
    local status=$?
    set +e
    if [ -n "$step_pid" ]; then
        kill "$step_pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$step_pid" 2>/dev/null || break; sleep 0.2; done
    fi
    root_close
    echo "== fresh $suite: $([ $status -eq 0 ] && echo passed || echo failed) in $((SECONDS - started))s (logs: $logs)"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
rm -rf "$logs"
mkdir -p "$logs"

step "clean root"
run "$root/installer/debian-root.sh" "$cache" "$suite" >"$logs/root-tarball.txt" ||
    fail "cannot make the $suite root" "$cache/debootstrap-$suite.log"
# The build and, with --tests, the test suite's own roots and node_modules: a few GB.
root_open "$(cat "$logs/root-tarball.txt")" "$cache" 12g
# The sources as a fresh clone has them: tracked files (and new ones not ignored), no build output.
mkdir -p "$rootfs/src"
git -C "$root" ls-files -z --cached --others --exclude-standard |
    (cd "$root" && tar --null -T - -cf - 2>/dev/null) | tar -xf - -C "$rootfs/src"
# One ccache for every build of the tree, inside and outside roots (paths relative to the source).
root_bind "$cache_root/ccache" /root/.cache/ccache
ccache_env=(CCACHE_DIR=/root/.cache/ccache CCACHE_BASEDIR=/src CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE=8G)

step "installer/install-build-deps.sh (the README's installer, alone)"
run in_root 2400 sh -c 'cd /src && installer/install-build-deps.sh' >"$logs/install-build-deps.log" 2>&1 ||
    fail "the README's dependency installer failed in a clean $suite" "$logs/install-build-deps.log"
echo "   installed $(grep -c '^Setting up ' "$logs/install-build-deps.log" || true) packages"

jobs="$(nproc)"
step "cmake --preset release and the build of hydra"
run in_root 3600 env "${ccache_env[@]}" sh -c \
    "cd /src && cmake --preset release && cmake --build build/release -j $jobs --target hydra" \
    >"$logs/build-release.log" 2>&1 || fail "the release build failed in a clean $suite" "$logs/build-release.log"
version="$(in_root 30 /src/build/release/src/hydra --version 2>&1)" || fail "hydra --version failed: $version"
echo "   $version"

if [ "$with_libcxx" -eq 1 ]; then
    step "clang and libc++: every source compiled (executables are not linked)"
    run in_root 3600 env "${ccache_env[@]}" sh -c \
        "cd /src && cmake --preset libcxx && cmake --build build/libcxx -j $jobs -- -k 0" \
        >"$logs/libcxx.log" 2>&1 || fail "a source does not compile with clang and libc++" "$logs/libcxx.log"
    echo "   $(find "$rootfs/src/build/libcxx" -name '*.o' | wc -l) object files"
fi

[ "$with_tests" -eq 1 ] || exit 0

step "the default build with every test"
# The network here may present its own certificate authority (an egress proxy): the root trusts
# what this machine trusts, as a fresh machine on the same network would be set up to.
cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/host-ca-certificates.crt"
run in_root 5400 env "${ccache_env[@]}" NODE_EXTRA_CA_CERTS=/etc/ssl/host-ca-certificates.crt sh -c \
    "cd /src && (cd tests/clients && npm ci --no-audit --no-fund --loglevel=error) &&
     cmake --preset default && cmake --build build/default -j $jobs -- -k 0" \
    >"$logs/build-default.log" 2>&1 || fail "the default build failed in $suite" "$logs/build-default.log"
step "ctest"
run in_root 3600 sh -c "cd /src && ctest --preset default -j $jobs" >"$logs/ctest.log" 2>&1 ||
    fail "tests failed in $suite" "$logs/ctest.log"
grep -E "tests passed|tests failed" "$logs/ctest.log" | sed 's/^/   /'
step "the .deb (cpack)"
run in_root 600 sh -c "cd /src/build/default && cpack -G DEB" >"$logs/cpack.log" 2>&1 ||
    fail "cpack -G DEB failed in $suite" "$logs/cpack.log"
mkdir -p "$logs/packages"
cp "$rootfs"/src/build/default/packages/hydra_*.deb "$logs/packages/"
ls "$logs/packages"
