#!/usr/bin/env bash
# Makes (once) a clean Debian minbase root with debootstrap and keeps it as a tarball, so the
# tests that need a fresh system (the .deb, the README's installer, Debian 13 with Qt 6.8)
# unpack one in seconds instead of bootstrapping one every run.
# Prints the tarball's path. Needs root (debootstrap creates device nodes and chowns files).
#
# Usage: installer/debian-root.sh CACHE_DIR [SUITE]   (SUITE: bookworm (Debian 12, the default)
#                                                      or trixie (Debian 13))
# Mirror: $HYDRA_DEBIAN_MIRROR, else the first Debian mirror in this machine's apt sources, else
# http://deb.debian.org/debian. Delete the tarball to rebuild it.
set -euo pipefail

cache="${1:?usage: $0 CACHE_DIR [bookworm|trixie]}"
suite="${2:-bookworm}"
case "$suite" in bookworm | trixie) ;; *) echo "$0: unknown suite $suite (bookworm or trixie)" >&2; exit 2 ;; esac
arch="$(dpkg --print-architecture)"
tarball="$cache/$suite-minbase-$arch.tar.gz"

# The mirror this machine uses for its own Debian 12 (deb822 .sources or one-line sources.list);
# a Debian mirror serves every suite.
host_mirror() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        # A stanza whose Suites name bookworm (not only bookworm-security) gives its first URI.
        awk -v RS= '/Suites:[^\n]*bookworm( |\n|$)/ { if (match($0, /URIs:[ \t]*[^ \t\n]+/)) {
                 u = substr($0, RSTART, RLENGTH); sub(/URIs:[ \t]*/, "", u); print u; exit } }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk '$1 == "deb" && $0 ~ / bookworm / { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' "$f"
    done
}

mirror="${HYDRA_DEBIAN_MIRROR:-$(host_mirror | head -n 1)}"
mirror="${mirror:-http://deb.debian.org/debian}"

if [ -s "$tarball" ]; then
    echo "$tarball"
    exit 0
fi

command -v debootstrap >/dev/null || { echo "debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }
mkdir -p "$cache"
stage="$(mktemp -d "$cache/stage.XXXXXX")"
trap 'rm -rf --one-file-system "$stage" "$tarball.part"' EXIT

echo "debootstrap: Debian $suite (minbase, $arch) from $mirror; this takes a few minutes once" >&2
log="$cache/debootstrap-$suite.log"
if ! timeout 1200 debootstrap --variant=minbase --arch="$arch" "$suite" "$stage" "$mirror" >"$log" 2>&1; then
    echo "debootstrap failed (log: $log); last lines:" >&2
    tail -n 15 "$log" >&2
    echo "Set HYDRA_DEBIAN_MIRROR to a reachable Debian mirror and try again." >&2
    exit 1
fi

# The tests install packages from the same mirror, with point-release updates.
cat >"$stage/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
EOF
rm -rf "$stage/var/cache/apt/archives/"*.deb "$stage/var/lib/apt/lists/"*_Packages 2>/dev/null || true

tar --numeric-owner -C "$stage" -czf "$tarball.part" .
mv "$tarball.part" "$tarball"
echo "$tarball"
