#!/bin/sh
# Runs a command with a real, unlocked Secret Service (gnome-keyring) of its own.
# Usage: dbus-run-session -- sh tests/with-keyring.sh <command...>
#
# dbus-run-session gives the command a private session bus; this starts gnome-keyring's
# secrets component on it with a 'login' keyring created and unlocked non-interactively
# (the password comes on stdin; it must not be empty, or gnome-keyring wants a prompt).
# Keyrings and the daemon's control socket live in temporary directories, so the
# user's own keyring is never touched and parallel runs do not see each other. When
# dbus-run-session ends, the bus and the daemon end with it.
set -eu

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    echo "with-keyring.sh: no session bus; run it as: dbus-run-session -- sh $0 <command...>" >&2
    exit 2
fi
scratch="$(mktemp -d "${TMPDIR:-/tmp}/hydra-keyring.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir -m 700 "$scratch/data" "$scratch/runtime"
export XDG_DATA_HOME="$scratch/data"       # keyrings: $XDG_DATA_HOME/keyrings
export XDG_RUNTIME_DIR="$scratch/runtime"  # control socket: never another session's daemon

printf '%s' "hydra-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null

status=0
"$@" || status=$?
exit "$status"
