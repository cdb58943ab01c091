#!/usr/bin/env bash
# Interleaved A/B of two Hydra builds at one fixed request rate. On a shared machine the tail moves
# by milliseconds from one minute to the next, so two builds are only comparable run by run: this
# alternates A and B, each run on a fresh gateway in front of a fresh fake, and prints per run the
# open-loop latencies and the CPU the gateway thread spent per request.
#
#   bench/ab.sh BUILD_DIR_A BUILD_DIR_B [--runs N] [--rate R] [--pinned]
#
# BUILD_DIR_*: CMake build directories with src/hydra and tests/fakes/fake_gemini built (for a
# commit: git worktree add /tmp/a COMMIT && cmake -S /tmp/a -B /tmp/a/build -G Ninja
# -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/a/build --target hydra fake_gemini).
# --pinned puts the load generator and the fake on CPU 0 and Hydra on CPU 1. Defaults: 5 runs a
# build, 5,000 req/s, 64 connections, 12 s after 1 s of warm-up, shared cores. Linux only.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source "$here/ports.sh"
[ $# -ge 2 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
builds=("$1" "$2"); shift 2
runs=5 rate=5000 pinned=0
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --rate) rate="$2"; shift 2 ;;
        --pinned) pinned=1; shift ;;
        *) echo "bench/ab.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
for b in "${builds[@]}"; do
    [ -x "$b/src/hydra" ] && [ -x "$b/tests/fakes/fake_gemini" ] || {
        echo "bench/ab.sh: $b has no src/hydra and tests/fakes/fake_gemini" >&2; exit 1; }
done

work="$(mktemp -d /tmp/hydra-ab.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

loadgen="$work/loadgen"
c++ -std=c++20 -O2 -o "$loadgen" "$here/loadgen.cpp"
printf '[{"api_key":"bench-k1"},{"api_key":"bench-k2"},{"api_key":"bench-k3"},{"api_key":"bench-k4"}]\n' >"$work/keys.json"
printf '{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Say hello"}]}\n' >"$work/openai.json"
cpu0=() cpu1=()
[ "$pinned" = 1 ] && cpu0=(taskset -c 0) cpu1=(taskset -c 1)

one_run() { # one_run LABEL BUILD_DIR
    local label="$1" b="$2"
    "${cpu0[@]}" "$b/tests/fakes/fake_gemini" --port 0 >"$work/fake.out" 2>/dev/null &
    local fake=$!; pids+=("$fake")
    local fake_port; fake_port="$(port_from "$work/fake.out" "$fake_port_line" fake_gemini)"
    "${cpu1[@]}" "$b/src/hydra" gateway --port 0 --keys-file "$work/keys.json" \
        --upstream "http://127.0.0.1:$fake_port" --config-dir "$work/config" >"$work/hydra.out" 2>/dev/null &
    local hydra=$!; pids+=("$hydra")
    local port; port="$(port_from "$work/hydra.out" "$hydra_port_line" hydra)"
    local args=(--port "$port" --path /v1/chat/completions --body-file "$work/openai.json" --rate "$rate" --connections 64)
    "${cpu0[@]}" "$loadgen" "${args[@]}" --duration 2 --warmup 0 >/dev/null # warm-up, connections open
    local thread; thread="$(grep -l '^hydra-gateway$' /proc/"$hydra"/task/*/comm | head -n1 | xargs dirname)"
    local before; before="$(awk '{ print $14 + $15 }' "$thread/stat")"
    "${cpu0[@]}" "$loadgen" "${args[@]}" --duration 12 --warmup 1 >"$work/run.json"
    local ticks=$(($(awk '{ print $14 + $15 }' "$thread/stat") - before))
    kill "$hydra" "$fake"; wait "$hydra" "$fake" 2>/dev/null || true
    rm -rf "$work/config"
    node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const [label, ticks, hz, rate] = process.argv.slice(2).map((x, i) => (i ? Number(x) : x));
        const us = ((ticks / hz) * 1e6) / (rate * 13);
        const f = (x) => x.toFixed(2).padStart(6);
        console.log(`${label}  ${f(r.sched.p50)} ${f(r.sched.p90)} ${f(r.sched.p99)} ${f(r.sched.max)}  ` +
            `${String(Math.round(us)).padStart(5)}  ${r.completed}/${r.expected}${r.errors ? ` errors ${r.errors}` : ""}`);
    ' "$work/run.json" "$label" "$ticks" "$(getconf CLK_TCK)" "$rate"
}

echo "A = ${builds[0]}"
echo "B = ${builds[1]}"
echo "$rate req/s, 64 connections, $([ "$pinned" = 1 ] && echo "Hydra on CPU 1" || echo "shared cores"), $runs runs a build"
echo "run    p50    p90    p99    max (ms)  CPU µs/request  ok"
for i in $(seq 1 "$runs"); do
    one_run "A$i" "${builds[0]}"
    one_run "B$i" "${builds[1]}"
done
