#!/usr/bin/env bash
# Compiles the Windows installer here, with Debian's makensis, so a mistake in
# installer/windows/NSIS.template.in or nsis.cmake shows up before a Windows release build.
# A tiny CMake project installs a dummy payload in the layout the real one has (bin/hydra.exe,
# Qt DLLs, plugins, translations) and runs the real CPack configuration: `cpack -G NSIS`.
# Then checks: makensis reported no warning, the result is a Windows executable, and the
# uninstaller deletes every installed file and the start-at-login entry.
#
# Usage: installer/test-nsis.sh   (needs cmake and nsis; takes a few seconds)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
started=$SECONDS
fail() { echo "test-nsis: FAILED: $*" >&2; exit 1; }
for tool in cmake cpack makensis; do
    command -v "$tool" >/dev/null || fail "$tool is missing (installer/install-build-deps.sh installs it)"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="$(sed -n 's/^project(Hydra VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")"
[ -n "$version" ] || fail "cannot read the project version from CMakeLists.txt"

# The payload: what windeployqt leaves next to hydra.exe, as empty stand-ins.
payload=(bin/hydra.exe bin/Qt6Core.dll bin/Qt6Network.dll bin/qt.conf
         plugins/platforms/qwindows.dll plugins/tls/qschannelbackend.dll
         plugins/iconengines/qsvgicon.dll translations/qt_de.qm licenses/cloudflared-LICENSE.txt)
mkdir -p "$work/src"
for file in "${payload[@]}"; do
    mkdir -p "$work/src/payload/$(dirname "$file")"
    echo "dummy $file" >"$work/src/payload/$file"
done
cat >"$work/src/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.21)
project(Hydra VERSION $version LANGUAGES NONE)
set(HYDRA_HOMEPAGE "https://github.com/hydra/hydra")
set(HYDRA_MAINTAINER "Hydra maintainers <hydra@users.noreply.github.com>")
install(DIRECTORY payload/ DESTINATION .)
include("$root/installer/cpack.cmake")
EOF

cmake -S "$work/src" -B "$work/build" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure failed"; }
if ! (cd "$work/build" && cpack -G NSIS) >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    find "$work/build/_CPack_Packages" -name NSISOutput.log -exec tail -n 40 {} \;
    fail "cpack -G NSIS (makensis) failed"
fi

nsi="$(find "$work/build/_CPack_Packages" -name project.nsi)"
# CPack accepts warnings; compile its script once more with warnings as errors.
makensis -WX -V2 "$nsi" >"$work/makensis-wx.log" 2>&1 || { cat "$work/makensis-wx.log"; fail "makensis warned"; }

installers=("$work/build/packages/Hydra-$version-"*.exe)
installer="${installers[0]}"
[ -f "$installer" ] || fail "no installer; cpack made: $(ls "$work/build/packages")"
[ "$(head -c 2 "$installer")" = "MZ" ] || fail "$installer is not a Windows executable"

# A clean uninstall: each installed file is deleted, and so are the entries the installer made.
for file in "${payload[@]}"; do
    grep -qF "Delete \"\$INSTDIR\\${file//\//\\}\"" "$nsi" || fail "the uninstaller does not delete $file"
done
uninstall_section="$(sed -n '/^Section "Uninstall"/,/^SectionEnd/p' "$nsi")"
for entry in 'DeleteRegValue HKCU "${RUN_KEY}" "${RUN_VALUE}"' 'Delete "${SHORTCUT}"' 'DeleteRegKey HKCU "${UNINSTALL_KEY}"'; do
    grep -qF "$entry" <<<"$uninstall_section" || fail "the uninstaller lacks: $entry"
done
grep -qx 'RequestExecutionLevel user' "$nsi" || fail "the installer asks for administrator rights"
grep -qF 'InstallDir "$LOCALAPPDATA\Programs\Hydra"' "$nsi" || fail "the installer does not install per user"

echo "== test-nsis: passed in $((SECONDS - started))s ($(basename "$installer"), $(stat -c %s "$installer") bytes)"
