# Sourced by the Windows scripts (build-qt.sh, test-windows.sh): what they share about the cross
# build, so the Qt they build and the Hydra they build agree.

# Where the cross-built Qt and QtKeychain live, inside the roots (and in the tarball).
windows_prefix=/opt/hydra-win
# Qt's version is Debian 13's own; the host tools must be the same version.
windows_qt_version=6.8.2

# The cached tarball of that prefix: windows_qt_tarball CACHE_ROOT
windows_qt_tarball() { echo "$1/windows/qt-$windows_qt_version-mingw-x86_64.tar.gz"; }

# Debian 13's source packages that build-qt.sh cross-builds, in build order.
windows_qt_sources=(qt6-base qt6-svg qt6-websockets qt6-httpserver qt6-charts qtkeychain)

# The cross compiler (posix threads: std::thread and Qt need them), Qt's build tools, and the
# root's own Qt 6.8.2 as the host tools of the cross build.
windows_toolchain_packages=(
    g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 mingw-w64-x86-64-dev
    cmake ninja-build perl python3 pkgconf ca-certificates
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-websockets-dev qt6-httpserver-dev qt6-charts-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
)
