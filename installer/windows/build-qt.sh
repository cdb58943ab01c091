#!/usr/bin/env bash
# Builds, once per machine, what a Windows build of Hydra needs and Debian does not ship: Qt 6.8.2
# (qtbase, qtsvg, qtcharts, qtwebsockets, qthttpserver) and QtKeychain, cross-compiled for 64-bit
# Windows with MinGW-w64 (GCC 14, posix threads) from Debian 13's own source packages, in a clean
# Debian 13 root (debian-root.sh). The host tools (moc, rcc, uic, syncqt) are that root's own
# Qt 6.8.2, the same version, as Qt's cross builds require (-qt-host-path).
#
# The result is one tarball in the cache: $HYDRA_CACHE_DIR (else ~/.cache/hydra)/windows/
# qt-<version>-mingw-x86_64.tar.gz, holding the prefix /opt/hydra-win (Qt and QtKeychain) that
# installer/windows/test-windows.sh unpacks into its own root. With the tarball present this
# script does nothing; delete it to build again. On 2 cores it takes about two hours (see
# installer/windows/README.md for the measured time); the sources and the build stay in
# <cache>/windows/work until it succeeds, so a rerun after a failure resumes.
#
# Usage: installer/windows/build-qt.sh   (as root; prints the tarball's path when done)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
[ "$(id -u)" -eq 0 ] || exec sudo -- "$0" "$@"

cache_root="${HYDRA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hydra}"
# shellcheck source=installer/windows/toolchain.sh
source "$root/installer/windows/toolchain.sh"
windows_cache="$cache_root/windows"
tarball="$(windows_qt_tarball "$cache_root")"
work="$windows_cache/work"
logs="$work/logs"
started=$SECONDS
test_name="windows qt"
# shellcheck source=installer/clean-root.sh
source "$root/installer/clean-root.sh"

if [ -s "$tarball" ]; then
    echo "$tarball"
    exit 0
fi

cleanup() {
    local status=$?
    set +e
    if [ -n "$step_pid" ]; then
        kill "$step_pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$step_pid" 2>/dev/null || break; sleep 0.2; done
    fi
    root_close
    echo "== windows qt: $([ $status -eq 0 ] && echo built || echo failed) in $((SECONDS - started))s (logs: $logs)" >&2
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$work/src" "$work/build" "$work/prefix" "$logs"

step "clean Debian 13 root" >&2
run "$root/installer/debian-root.sh" "$cache_root/trixie-root" trixie >"$logs/root-tarball.txt" ||
    fail "cannot make the trixie root" "$cache_root/trixie-root/debootstrap-trixie.log"
root_open "$(cat "$logs/root-tarball.txt")" "$cache_root/trixie-root" 6g
# Sources and build trees on disk (several GB), and the prefix where the tarball is made from.
root_bind "$work/src" /work/src
root_bind "$work/build" /work/build
root_bind "$work/prefix" "$windows_prefix"
# In the prefix: Qt records this path and chain-loads it for everything built against this Qt.
cp "$root/installer/windows/mingw-toolchain.cmake" "$work/prefix/"
echo "deb-src $(awk '$1 == "deb" { print $2; exit }' "$rootfs/etc/apt/sources.list") trixie main" \
    >>"$rootfs/etc/apt/sources.list"

step "the cross toolchain and Qt's host tools" >&2
run apt_in_root 1200 update >"$logs/apt.log" 2>&1 || fail "apt-get update failed" "$logs/apt.log"
run apt_in_root 2400 install -y --no-install-recommends "${windows_toolchain_packages[@]}" dpkg-dev \
    >>"$logs/apt.log" 2>&1 || fail "cannot install the toolchain" "$logs/apt.log"

step "Debian 13's sources: ${windows_qt_sources[*]}" >&2
for package in "${windows_qt_sources[@]}"; do
    compgen -G "$work/src/$package-*/" >/dev/null && continue
    run in_root 1200 sh -c "cd /work/src && apt-get source --download-only $package && dpkg-source -x ${package}_*.dsc" \
        >>"$logs/sources.log" 2>&1 || fail "apt-get source $package failed" "$logs/sources.log"
done

jobs="$(nproc)"
# Each module: configured once, built, installed into the prefix; a rerun skips what is installed.
build_module() {
    local package="$1" module="$2"
    shift 2
    [ -e "$work/build/$module.installed" ] && return 0
    local source
    source="$(cd "$work/src" && compgen -G "$package-*/" | head -n 1)"
    step "$module ($source)" >&2
    run in_root 14400 sh -c "mkdir -p /work/build/$module && cd /work/build/$module &&
        cmake -S /work/src/$source -G Ninja $* &&
        cmake --build . -j $jobs && cmake --install ." >"$logs/$module.log" 2>&1 ||
        fail "$module failed" "$logs/$module.log"
    touch "$work/build/$module.installed"
}

qt_common="-DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=$windows_prefix -DQT_HOST_PATH=/usr
    -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake -DBUILD_SHARED_LIBS=ON
    -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF"
# qtbase: the Windows platform and styles, Schannel for TLS, Qt's bundled image and text libraries
# (Windows has none); off what Hydra does not use, and wintab, whose header Debian's dfsg source drops.
build_module qt6-base qtbase "$qt_common -DCMAKE_TOOLCHAIN_FILE=$windows_prefix/mingw-toolchain.cmake
    -DQT_QMAKE_TARGET_MKSPEC=win32-g++ -DFEATURE_schannel=ON -DFEATURE_openssl=OFF
    -DFEATURE_sql=OFF -DFEATURE_dbus=OFF -DFEATURE_tabletevent=OFF -DFEATURE_printsupport=OFF
    -DFEATURE_system_zlib=OFF -DFEATURE_system_pcre2=OFF -DFEATURE_system_png=OFF -DFEATURE_system_jpeg=OFF
    -DFEATURE_system_freetype=OFF -DFEATURE_system_harfbuzz=OFF -DFEATURE_system_doubleconversion=OFF
    -DFEATURE_system_libb2=OFF -DINPUT_opengl=desktop"
qt_module="$qt_common -DCMAKE_TOOLCHAIN_FILE=$windows_prefix/lib/cmake/Qt6/qt.toolchain.cmake"
build_module qt6-svg qtsvg "$qt_module"
build_module qt6-websockets qtwebsockets "$qt_module"
build_module qt6-httpserver qthttpserver "$qt_module"
build_module qt6-charts qtcharts "$qt_module"
# QtKeychain: its Windows backend is the Credential Manager (wincred), built as a DLL.
build_module qtkeychain qtkeychain "-DCMAKE_TOOLCHAIN_FILE=$windows_prefix/mingw-toolchain.cmake
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=$windows_prefix -DCMAKE_PREFIX_PATH=$windows_prefix
    -DQT_HOST_PATH=/usr -DBUILD_WITH_QT6=ON -DBUILD_TRANSLATIONS=OFF -DBUILD_TEST_APPLICATION=OFF"

step "the tarball" >&2
tar --numeric-owner -C "$work/prefix" -czf "$tarball.partial" . && mv "$tarball.partial" "$tarball"
echo "$((SECONDS - started)) s on $(nproc) cores, $(date -u +%Y-%m-%d)" >"$tarball.built"
rm -rf "$work"
echo "$tarball"
