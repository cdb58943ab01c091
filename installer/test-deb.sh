#!/usr/bin/env bash
# Proves the .deb from a clean system:
#   1. cpack -G DEB in a built tree (or the .deb given), and lintian on the result (any error fails);
#   2. a fresh Debian 12 (or 13) root (debootstrap minbase, cached as a tarball, debian-root.sh);
#   3. apt installs the .deb there, resolving the dependencies dpkg-shlibdeps computed;
#   4. inside the root: `hydra --version`, then `hydra gateway` against the fake Gemini, which runs
#      outside on loopback (a chroot shares the network), answers one chat completion sent with curl.
# Mounts (/proc, /dev, apt caches) are undone on exit, also after a failure or Ctrl-C.
#
# Usage: installer/test-deb.sh [BUILD_DIR] [--suite bookworm|trixie] [--deb FILE]   (as root)
#   BUILD_DIR  default build/default, built with its tests (its fake_gemini serves the test)
#   --suite    the Debian release of the root (default bookworm, Debian 12)
#   --deb      a package built elsewhere (test-fresh-build.sh trixie --tests makes Debian 13's)
# Mirror: see installer/debian-root.sh. Timing: 20-40 s with a warm cache; the first run adds
# about 2 minutes of debootstrap.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ "$(id -u)" -eq 0 ] || exec sudo -- "$0" "$@"

build="$root/build/default"
suite=bookworm
given_deb=""
while [ $# -gt 0 ]; do
    case "$1" in
    --suite) suite="${2:?--suite needs bookworm or trixie}"; shift 2 ;;
    --deb) given_deb="$(realpath "${2:?--deb needs a file}")"; shift 2 ;;
    -*) echo "usage: $0 [BUILD_DIR] [--suite bookworm|trixie] [--deb FILE]" >&2; exit 2 ;;
    *) build="$1"; shift ;;
    esac
done
build="$(cd "$build" && pwd)"
# The root tarball and apt's downloads are kept outside the checkout, so that a fresh clone (CI)
# does not bootstrap again: $HYDRA_CACHE_DIR, else ~/.cache/hydra.
cache="${HYDRA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hydra}/$suite-root"
logs="$root/build/test-deb-$suite" # kept after the run for a look at what happened
fake="$build/tests/fakes/fake_gemini"
started=$SECONDS
test_name="test-deb $suite"
# shellcheck source=installer/clean-root.sh
source "$root/installer/clean-root.sh"

for tool in cpack lintian debootstrap chroot curl python3 appstreamcli desktop-file-validate; do
    command -v "$tool" >/dev/null || fail "$tool is missing (installer/install-build-deps.sh installs it)"
done
if [ ! -x "$build/src/hydra" ] || [ ! -x "$fake" ]; then
    fail "$build has no hydra or tests/fakes/fake_gemini: build it first (tests/run-all.sh does)"
fi
rm -rf "$logs"
mkdir -p "$logs" "$cache/apt-archives" "$cache/apt-lists"

# --- cleanup: whatever happened, stop our processes, unmount, delete the throwaway root -----------
exec 3>&1 4>&2
gateway_pid=""
fake_pid=""
cleanup() {
    local status=$?
    set +e
    exec 1>&3 2>&4 # a signal may arrive while a step's output goes to its log
    # A step still running was interrupted: stop it (timeout passes the signal on to apt & co.)
    # and give it a moment to leave the root before it is unmounted.
    if [ -n "$step_pid" ]; then
        kill "$step_pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$step_pid" 2>/dev/null || break; sleep 0.2; done
    fi
    for pid in $gateway_pid $fake_pid; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    [ -z "$rootfs" ] || echo "== $test_name: cleaning up  [$((SECONDS - started))s]"
    root_close
    echo "== $test_name: $([ $status -eq 0 ] && echo passed || echo failed) in $((SECONDS - started))s (logs: $logs)"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM


# --- 1. the package and lintian --------------------------------------------------------------------
if [ -n "$given_deb" ]; then
    step "the package given: $given_deb"
    deb="$given_deb"
else
    step "cpack -G DEB in $build"
    rm -f "$build"/packages/hydra_*.deb
    run env -C "$build" cpack -G DEB >"$logs/cpack.log" 2>&1 || fail "cpack -G DEB failed" "$logs/cpack.log"
    debs=("$build"/packages/hydra_*.deb)
    if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
        fail "expected one hydra_*.deb in $build/packages" "$logs/cpack.log"
    fi
    deb="${debs[0]}"
fi
version="$(dpkg-deb -f "$deb" Version)"
echo "   $(basename "$deb"): Depends: $(dpkg-deb -f "$deb" Depends)"

step "lintian (errors fail; warnings and infos are listed)"
lintian_status=0
run lintian --fail-on error --display-info --pedantic "$deb" >"$logs/lintian.log" 2>&1 || lintian_status=$?
grep -v "running with root privileges" "$logs/lintian.log" | sed 's/^/   /' || true
[ $lintian_status -eq 0 ] || fail "lintian found errors in $(basename "$deb")"

dpkg-deb -x "$deb" "$logs/contents"
appstreamcli validate --no-net "$logs/contents"/usr/share/metainfo/*.metainfo.xml >"$logs/appstream.log" 2>&1 ||
    fail "the AppStream metainfo does not validate" "$logs/appstream.log"
desktop-file-validate "$logs/contents"/usr/share/applications/*.desktop >"$logs/desktop-file.log" 2>&1 ||
    fail "the desktop entry does not validate" "$logs/desktop-file.log"
[ ! -s "$logs/desktop-file.log" ] || fail "desktop-file-validate complains" "$logs/desktop-file.log"
rm -rf "$logs/contents"

# --- 2. a fresh Debian root -------------------------------------------------------------------------
step "clean Debian $suite root"
run "$root/installer/debian-root.sh" "$cache" "$suite" >"$logs/root-tarball.txt" ||
    fail "cannot make the Debian $suite root" "$cache/debootstrap-$suite.log"
tarball="$(cat "$logs/root-tarball.txt")"
root_open "$tarball" "$cache" 2g # about 400 MB are used

# --- 3. apt installs the package with its computed dependencies -----------------------------------
step "apt-get install ./$(basename "$deb") in the root"
cp "$deb" "$rootfs/tmp/hydra.deb"
run apt_in_root 600 -q update >"$logs/apt-update.log" 2>&1 || fail "apt-get update failed in the root" "$logs/apt-update.log"
run apt_in_root 900 install -y --no-install-recommends /tmp/hydra.deb >"$logs/apt-install.log" 2>&1 ||
    fail "apt-get could not install the package (missing or wrong dependencies?)" "$logs/apt-install.log"
in_root 30 dpkg-query -W -f='${Status} ${Version}\n' hydra | grep -qx "install ok installed $version" ||
    fail "dpkg does not list hydra $version as installed"
echo "   installed with $(grep -c '^Setting up ' "$logs/apt-install.log") packages"
# What dpkg-shlibdeps cannot see must be there too: Qt's TLS backend and the OpenSSL it loads.
in_root 30 sh -c 'ls /usr/lib/*/qt6/plugins/tls/libqopensslbackend.so && ldconfig -p | grep -q "libssl.so.3 "' \
    >/dev/null 2>&1 || fail "Qt's OpenSSL TLS backend or libssl3 is missing in the root"
# The tray and app icons are SVG: Qt loads them through its SVG icon-engine plugin.
in_root 30 sh -c 'ls /usr/lib/*/qt6/plugins/iconengines/libqsvgicon.so' >/dev/null 2>&1 ||
    fail "Qt's SVG icon engine is missing in the root (libqt6svg6, qt6-svg-plugins on Debian 13): the tray icons would be blank"
for file in /usr/bin/hydra /usr/share/doc/hydra/copyright /usr/share/applications/io.github.hydra.Hydra.desktop \
    /usr/share/icons/hicolor/scalable/apps/io.github.hydra.Hydra.svg /usr/share/man/man1/hydra.1.gz; do
    [ -e "$rootfs$file" ] || fail "the installed package lacks $file"
done

# --- 4. hydra runs there ---------------------------------------------------------------------------
step "hydra --version in the root"
reported="$(in_root 30 hydra --version 2>&1)" || fail "hydra --version failed in the root: $reported"
[ "$reported" = "Hydra ${version%-*}" ] || fail "hydra --version says '$reported', expected 'Hydra ${version%-*}'"
echo "   $reported"

step "hydra gateway in the root against the fake Gemini outside"
"$fake" --port 0 >"$logs/fake.out" 2>"$logs/fake.err" &
fake_pid=$!
wait_for_line() { # file pattern seconds pid: wait until a line matches, or fail when pid dies
    local deadline=$((SECONDS + $3))
    until grep -q "$2" "$1" 2>/dev/null; do
        kill -0 "$4" 2>/dev/null || return 1
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}
wait_for_line "$logs/fake.out" '^FAKE_GEMINI_PORT=' 20 "$fake_pid" || fail "the fake Gemini did not start" "$logs/fake.err"
fake_port="$(sed -n 's/^FAKE_GEMINI_PORT=//p' "$logs/fake.out")"

echo '[{"api_key": "package-test-key", "email": "deb@example.com"}]' >"$rootfs/tmp/keys.json"
# Started as one simple command so $! is hydra itself (chroot and env exec it).
chroot "$rootfs" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    hydra gateway --port 0 --keys-file /tmp/keys.json --config-dir /tmp/hydra-config \
    --upstream "http://127.0.0.1:$fake_port" >"$logs/gateway.out" 2>"$logs/gateway.err" &
gateway_pid=$!
wait_for_line "$logs/gateway.out" 'listening on http://127\.0\.0\.1:[0-9]*/v1' 30 "$gateway_pid" ||
    fail "hydra gateway did not start listening within 30 s" "$logs/gateway.out" "$logs/gateway.err"
base_url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/v1' "$logs/gateway.out" | head -n 1)"
echo "   gateway at $base_url, upstream fake at port $fake_port"

status="$(curl -sS -m 30 -o "$logs/answer.json" -w '%{http_code}' "$base_url/chat/completions" \
    -H 'Content-Type: application/json' \
    -d '{"model": "gemini-2.5-flash", "messages": [{"role": "user", "content": "Say hello"}]}')" ||
    fail "curl could not talk to the gateway" "$logs/gateway.err"
[ "$status" = 200 ] || fail "the gateway answered HTTP $status" "$logs/answer.json" "$logs/gateway.err"
content="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["choices"][0]["message"]["content"])' \
    "$logs/answer.json" 2>&1)" || fail "the answer is not a chat completion" "$logs/answer.json"
[ "$content" = "Hello from fake Gemini." ] || fail "unexpected answer: $content" "$logs/answer.json"
echo "   answer: $content"
# The request log is written in batches (every 100 ms): give it a moment.
logged=""
for _ in $(seq 1 30); do
    grep -q 'chat gemini-2.5-flash key=deb@example.com token=- status=200' "$logs/gateway.err" && { logged=1; break; }
    sleep 0.1
done
[ -n "$logged" ] || fail "the gateway did not log the request as served by the key" "$logs/gateway.err"

step "stop hydra (SIGTERM)"
kill -TERM "$gateway_pid"
for _ in $(seq 50); do kill -0 "$gateway_pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$gateway_pid" 2>/dev/null && fail "hydra did not stop within 10 s of SIGTERM" "$logs/gateway.err"
gateway_status=0
wait "$gateway_pid" || gateway_status=$?
gateway_pid=""
[ $gateway_status -eq 0 ] || fail "hydra exited with $gateway_status after SIGTERM" "$logs/gateway.err"
