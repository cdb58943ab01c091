#!/usr/bin/env bash
# Hydra's soak test: the real gateway in front of the fake Gemini, a steady mixed load for an
# hour while the fake injects faults, then one table per minute and a verdict. Run by hand (it is
# not part of the test suite):
#
#   bench/soak.sh [--minutes 60] [--rate 5] [--keys 10] [--fault-rate 0.05] [--abort-rate 0.05]
#                 [--seed 1] [--fault-mix NAME=W,...] [--signatures 20000] [--from-minute M]
#                 [--build-dir DIR] [--no-build]
#
# What it does (loopback only; see bench/README.md, "Soak"):
#   1. builds hydra and fake_gemini (RelWithDebInfo, build/soak) unless --no-build;
#   2. starts fake_gemini with --fault-rate: each generate/stream request gets, with that
#      probability, one of: a per-minute 429, a 429 as the stream's first event, 503 overloaded,
#      the connection dropped before the first event, the stream cut after its first event, an
#      error event after the first event, or slow events (2 s) (--fault-mix: fake_gemini's weights);
#      tool requests get a function call;
#   3. starts `hydra gateway` with a keys file of --keys keys and a config dir of its own, whose
#      thought-signatures.json already holds --signatures entries (the store's cap: a gateway
#      that has run for days has a full store; 0 starts empty, and then RSS grows by about
#      1.6 KB per tool call until the cap, which takes hours at 5 req/s);
#   4. runs bench/soak.mjs: --rate requests/s (chat with and without stream, function calling in
#      two turns, an image as a data: URL; --abort-rate of them aborted by the client) for
#      --minutes, sampling the gateway's RSS and open descriptors every 10 s;
#   5. prints the per-minute table and the verdict: no error Hydra could have hidden; RSS and
#      the descriptors the gateway holds for itself flat within 5 % from minute --from-minute
#      (10; 1 for runs of 10 minutes or less) to the end; and, once the load stops, every
#      connection closed within 45 s. Exits 1 on FAIL.
# The table, the JSON behind it, the fault log and Hydra's request log stay in $BUILD/soak-results.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source "$here/ports.sh"
root="$(dirname "$here")"
build="$root/build/soak"
minutes=60
rate=5
keys=10
fault_rate=0.05
abort_rate=0.05
seed=1
from_minute=""
fault_mix=""
signatures=20000
do_build=1

usage() { sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) minutes="$2"; shift 2 ;;
        --rate) rate="$2"; shift 2 ;;
        --keys) keys="$2"; shift 2 ;;
        --fault-rate) fault_rate="$2"; shift 2 ;;
        --abort-rate) abort_rate="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --fault-mix) fault_mix="$2"; shift 2 ;;
        --signatures) signatures="$2"; shift 2 ;;
        --from-minute) from_minute="$2"; shift 2 ;;
        --build-dir) build="$(realpath -m "$2")"; shift 2 ;;
        --no-build) do_build=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench/soak.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

log() { printf '== %s\n' "$*" >&2; }

# ---- children and cleanup -------------------------------------------------------------------
work="$(mktemp -d /tmp/hydra-soak.XXXXXX)"
pids=()
CHILD=""
cleanup() {
    local pid
    [ -n "$CHILD" ] && kill "$CHILD" 2>/dev/null
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- build ----------------------------------------------------------------------------------
hydra_bin="$build/src/hydra"
fake_bin="$build/tests/fakes/fake_gemini"
if [ "$do_build" = 1 ]; then
    log "building hydra and fake_gemini (RelWithDebInfo, $build)"
    [ -f "$build/build.ninja" ] ||
        cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHYDRA_BUILD_TESTS=ON >/dev/null
    cmake --build "$build" --target hydra fake_gemini >/dev/null
fi
for bin in "$hydra_bin" "$fake_bin"; do
    [ -x "$bin" ] || { echo "bench/soak.sh: $bin is missing (build it, or drop --no-build)" >&2; exit 1; }
done

# ---- the fake and the gateway -----------------------------------------------------------------
printf '[' >"$work/keys.json"
for i in $(seq 1 "$keys"); do
    [ "$i" -gt 1 ] && printf ',' >>"$work/keys.json"
    printf '{"api_key":"soak-key-%02d"}' "$i" >>"$work/keys.json"
done
printf ']\n' >>"$work/keys.json"

: >"$work/fake.out"
: >"$work/faults.log"
# 6 events 25 ms apart: a stream lasts about 150 ms, long enough to be cut or aborted midway.
"$fake_bin" --port 0 --event-delay-ms 25 --chunks 6 --call-functions --fault-rate "$fault_rate" \
    --fault-seed "$seed" ${fault_mix:+--fault-mix "$fault_mix"} --fault-log "$work/faults.log" >"$work/fake.out" 2>"$work/fake.err" &
fake_pid=$!; pids+=("$fake_pid")
fake_port="$(port_from "$work/fake.out" "$fake_port_line" "fake_gemini")" || exit 1

# A full signature store, shaped like the ones Hydra writes (ids, key fingerprints and signatures
# of the same lengths), so its growth to the cap is not mistaken for a leak.
mkdir -p "$work/config"
if [ "$signatures" -gt 0 ]; then
    node -e '
        const crypto = require("node:crypto");
        const n = Number(process.argv[1]);
        const id = () => "call_" + crypto.randomBytes(18).toString("base64").replace(/[+/]/g, "x").slice(0, 24);
        const entries = [];
        for (let i = 0; i < n; i++)
            entries.push({ id: id(), key: crypto.randomBytes(8).toString("hex"), signature: crypto.randomBytes(66).toString("base64") });
        process.stdout.write(JSON.stringify({ version: 1, entries }));
    ' "$signatures" >"$work/config/thought-signatures.json"
fi

: >"$work/hydra.out"
"$hydra_bin" gateway --port 0 --keys-file "$work/keys.json" --upstream "http://127.0.0.1:$fake_port" \
    --config-dir "$work/config" >"$work/hydra.out" 2>"$work/hydra.log" &
hydra_pid=$!; pids+=("$hydra_pid")
hydra_port="$(port_from "$work/hydra.out" "$hydra_port_line" "hydra")" || exit 1
log "fake_gemini on $fake_port (fault rate $fault_rate, seed $seed), hydra on $hydra_port (pid $hydra_pid, $keys keys)"

# ---- the load ---------------------------------------------------------------------------------
log "soaking for $minutes min at $rate req/s"
results="$build/soak-results"
rm -rf "$results"; mkdir -p "$results"
node "$here/soak.mjs" --url "http://127.0.0.1:$hydra_port/v1" --pid "$hydra_pid" --minutes "$minutes" --rate "$rate" \
    --abort-rate "$abort_rate" --seed "$seed" --keys "$keys" --fault-log "$work/faults.log" \
    ${from_minute:+--from-minute "$from_minute"} --json "$results/soak.json" >"$results/table.md" &
CHILD=$!
rc=0
wait "$CHILD" || rc=$?
CHILD=""

# ---- report -----------------------------------------------------------------------------------
alive="yes"
kill -0 "$hydra_pid" 2>/dev/null || alive="no (it exited)"
# Both stop on SIGTERM: the gateway writes the last lines of its request log, the fake its totals.
kill "$hydra_pid" "$fake_pid" 2>/dev/null || true
wait "$hydra_pid" 2>/dev/null || true
wait "$fake_pid" 2>/dev/null || true
cp "$work/faults.log" "$work/hydra.log" "$results/" 2>/dev/null || true
{
    echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')   Command: bench/soak.sh --minutes $minutes --rate $rate --keys $keys" \
        "--fault-rate $fault_rate --abort-rate $abort_rate --seed $seed --signatures $signatures${fault_mix:+ --fault-mix $fault_mix}${from_minute:+ --from-minute $from_minute}"
    # Read-only git: GIT_OPTIONAL_LOCKS=0 keeps status from refreshing the index others use.
    echo "Source: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "$root")$(
        [ -n "$(GIT_OPTIONAL_LOCKS=0 git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ] &&
            echo " with uncommitted changes")"
    echo "Machine: $(nproc) cores, kernel $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "Gateway still running at the end: $alive"
    echo "Generate requests the fake answered, by fault: $(sed -n 's/^FAKE_GEMINI_FAULTS=//p' "$work/fake.out")"
    echo
    cat "$results/table.md"
} | tee "$results/report.md"
[ "$alive" = yes ] || rc=1
exit "$rc"
