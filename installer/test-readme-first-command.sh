#!/usr/bin/env bash
# Runs the README's first command as a newcomer does, before the test command: it installs what is
# missing, builds the release in build/release and starts the gateway. This waits for the gateway
# to listen, asks it for /health, and stops it. tests/run-all.sh runs it first, so that the test
# command then proves it still builds and runs every test after it (the two shared a build folder
# once, and the second then built nothing).
#
# Usage: installer/test-readme-first-command.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
gateway=""
cleanup() {
    [ -z "$gateway" ] || { kill "$gateway" 2>/dev/null; wait "$gateway" 2>/dev/null; }
    rm -rf "$work"
}
trap cleanup EXIT

echo '[{"api_key": "readme-first-command-key"}]' >"$work/keys.json"
# As the README has it, plus a free port and a config folder of its own.
"$root/installer/build-and-run.sh" --keys-file "$work/keys.json" --port 0 --config-dir "$work/config" \
    >"$work/out" 2>"$work/err" &
gateway=$!
for _ in $(seq 1 1800); do # the build comes first: up to 30 minutes on a cold cache
    grep -q 'listening on http://127\.0\.0\.1:[0-9]*/v1' "$work/out" && break
    kill -0 "$gateway" 2>/dev/null || { tail -n 30 "$work/err" >&2; echo "the README's first command failed" >&2; exit 1; }
    sleep 1
done
base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/out" | head -n 1)"
[ -n "$base" ] || { tail -n 30 "$work/err" >&2; echo "the gateway never said it was listening" >&2; exit 1; }
curl -fsS -m 10 "$base/health" >/dev/null || { echo "the gateway does not answer /health" >&2; exit 1; }
echo "   the README's first command: $(grep -o 'listening on .*' "$work/out")"
