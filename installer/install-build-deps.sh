#!/usr/bin/env bash
# Installs what building and testing Hydra needs on Debian 12 (bookworm) or 13 (trixie), and
# nothing when it is all there already. Safe to run again. installer/test-fresh-build.sh proves
# it in clean roots of both.
set -euo pipefail

codename="$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")"
case "$codename" in
bookworm)
    # clang 14: libFuzzer and the sanitizer runtimes are only recommended by clang.
    # The SVG icon engine (tray and app icons) comes with libqt6svg6, which qt6-svg-dev pulls in.
    release_packages=(libclang-rt-14-dev)
    ;;
trixie)
    # clang 19; Qt 6.8 ships the SVG icon engine in a package of its own: without it every tray
    # icon is blank. libc++ for the build that stands in for Apple's toolchain (tests/run-all.sh).
    release_packages=(libclang-rt-19-dev qt6-svg-plugins libc++-19-dev libc++abi-19-dev)
    ;;
*)
    echo "install-build-deps.sh: this is not Debian 12 or 13 (${codename:-unknown}); install the equivalent of" \
        "the packages listed in $0 yourself" >&2
    exit 1
    ;;
esac

packages=(
    g++ cmake ninja-build pkg-config ccache
    clang "${release_packages[@]}"  # tests/fuzz
    qt6-base-dev qt6-httpserver-dev
    qt6-websockets-dev   # Debian's qt6-httpserver-dev needs it but does not depend on it
    qt6-charts-dev libqt6opengl6-dev  # Qt6Charts's CMake config needs Qt6OpenGL, which it does not depend on
    qt6-svg-dev qt6-tools-dev qt6-l10n-tools
    qtkeychain-qt6-dev libsecret-1-0 gnome-keyring dbus-daemon
    nlohmann-json3-dev
    nodejs npm           # the real openai SDK client tests
    wrk                  # benchmarks
    xvfb xauth           # screenshots of the desktop app
    dpkg-dev lintian debootstrap curl python3 appstream desktop-file-utils  # installer/test-deb.sh
    nsis                 # installer/test-nsis.sh
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# A machine that already has Node.js from elsewhere does not need Debian's.
if command -v node >/dev/null && command -v npm >/dev/null; then
    missing=("${missing[@]/nodejs/}")
    missing=("${missing[@]/npm/}")
fi
read -r -a missing <<<"${missing[*]}"
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
