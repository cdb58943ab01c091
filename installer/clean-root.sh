# Sourced by the tests that need a clean Debian system (test-deb.sh, test-fresh-build.sh): a
# throwaway root unpacked from the cached debootstrap tarball (debian-root.sh) into a tmpfs, with
# /proc, /dev and apt's caches mounted, commands run inside it, and everything undone afterwards.
#
#   root_open TARBALL CACHE_DIR SIZE   unpacks into a new tmpfs of SIZE (e.g. 2g); sets $rootfs
#   in_root SECONDS COMMAND...         runs COMMAND inside, clean environment, with a time limit
#   apt_in_root SECONDS ARGS...        apt-get inside, as root, without a pseudo-terminal
#   root_close                         stops what still runs inside, unmounts, deletes the root
#
# And the steps of such a test, tagged with $test_name and timed from $started (both set by the
# caller before it sources this file):
#   step TEXT                          a progress line
#   fail MESSAGE [LOG...]              says what failed, with the last lines of each log; exits 1
#   run COMMAND...                     a long step in the background, so that SIGINT and SIGTERM
#                                      reach the caller's trap at once (bash runs traps only after
#                                      a foreground command ends); $step_pid while it runs
#
# The caller owns the trap: it calls root_close from its EXIT handler (and stops $step_pid).

step() { printf '== %s: %s  [%ds]\n' "$test_name" "$1" $((SECONDS - started)); }

fail() {
    echo "$test_name: FAILED: $1" >&2
    shift
    local log
    for log in "$@"; do
        [ -s "$log" ] && { echo "--- last lines of $log:" >&2; tail -n 30 "$log" >&2; }
    done
    exit 1
}

step_pid=""
run() {
    "$@" &
    step_pid=$!
    local status=0
    wait "$step_pid" || status=$?
    step_pid=""
    return $status
}

rootfs=""
root_extra_mounts=() # mounted by the caller under $rootfs; unmounted (in reverse) by root_close

# Whatever still runs inside the root (apt's download helpers, a hydra) must go before the umount.
processes_in_root() {
    local proc
    for proc in /proc/[0-9]*; do
        [ "$(readlink "$proc/root" 2>/dev/null)" = "$rootfs" ] && echo "${proc#/proc/}"
    done
}

stop_processes_in_root() {
    local pids
    pids="$(processes_in_root)"
    [ -n "$pids" ] || return 0
    # shellcheck disable=SC2086 # one argument per pid
    kill $pids 2>/dev/null
    for _ in $(seq 25); do [ -n "$(processes_in_root)" ] || return 0; sleep 0.2; done
    pids="$(processes_in_root)"
    # shellcheck disable=SC2086
    [ -z "$pids" ] || kill -KILL $pids 2>/dev/null
    sleep 0.5
}

root_open() {
    local tarball="$1" cache="$2" size="$3"
    mkdir -p "$cache/apt-archives" "$cache/apt-lists"
    rootfs="$(mktemp -d "$cache/run.XXXXXX")"
    # In memory: unpacking is quick and the whole root is gone with one umount.
    mount -t tmpfs -o "size=$size,mode=0755" hydra-test-root "$rootfs"
    tar --numeric-owner -xzf "$tarball" -C "$rootfs"
    mount -t proc proc "$rootfs/proc"
    mount --bind /dev "$rootfs/dev"
    # apt's downloads and package lists survive between runs, so a re-run fetches almost nothing.
    mount --bind "$cache/apt-archives" "$rootfs/var/cache/apt/archives"
    mount --bind "$cache/apt-lists" "$rootfs/var/lib/apt/lists"
    cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
}

# Binds a folder of the host at PATH inside the root (made if missing): root_bind HOST_DIR PATH
root_bind() {
    mkdir -p "$1" "$rootfs/$2"
    mount --bind "$1" "$rootfs/$2"
    root_extra_mounts+=("$2")
}

in_root() {
    local seconds="$1"
    shift
    timeout "$seconds" chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

apt_in_root() { in_root "$1" apt-get -o APT::Sandbox::User=root -o Dpkg::Use-Pty=0 "${@:2}"; }

root_close() {
    [ -n "$rootfs" ] || return 0
    stop_processes_in_root
    local i mnt
    for ((i = ${#root_extra_mounts[@]} - 1; i >= 0; i--)); do
        mnt="${root_extra_mounts[$i]}"
        mountpoint -q "$rootfs/$mnt" && { umount "$rootfs/$mnt" || umount -l "$rootfs/$mnt"; }
    done
    for mnt in var/lib/apt/lists var/cache/apt/archives dev proc ""; do
        mountpoint -q "$rootfs/$mnt" && { umount "$rootfs/$mnt" || umount -l "$rootfs/$mnt"; }
    done
    if grep -q " ${rootfs}[ /]" /proc/mounts; then
        echo "clean root: something is still mounted under $rootfs; not deleting it" >&2
    else
        rmdir "$rootfs"
    fi
    rootfs=""
}
