#!/usr/bin/env bash
# Hydra's load and overhead benchmark: the same requests straight to a fake Gemini and through
# Hydra in front of it, side by side. Run by hand (it is not part of the test suite):
#
#   bench/run.sh [--wait-quiet] [--priority]
#
# --wait-quiet waits (up to 15 minutes) until the 1-minute load average is below 0.7 first,
# so other work on the machine does not pollute the numbers. --priority runs every measured
# process (fake, Hydra, load generators) at nice -10 (root only), so that background jobs on a
# shared machine take less of the CPU from them; the table says when it was used.
#
# What it does (about 6 minutes, loopback only; see bench/README.md):
#   1. builds hydra and fake_gemini (Release, build/bench), the open-loop load generator, a bare
#      TCP relay (the cost of the extra hop alone) and replay_upstream (the fake's answer, repeated
#      at next to no CPU cost);
#   2. throughput with wrk (closed loop), 1 and 64 connections;
#   3. latency at fixed request rates with bench/loadgen (open loop), 64 connections, direct,
#      through the relay and through Hydra, with replay_upstream as the upstream (and direct and
#      through Hydra again with fake_gemini as the upstream), first on shared cores, then with
#      Hydra (or the relay) on a CPU of its own (taskset);
#   4. streaming: time to first event, and per-event forwarding delay with a paced fake;
#   5. Hydra's memory: idle, under load, and with 500 streams open at once;
#   6. prints one table, direct vs Hydra, with the targets and PASS/FAIL.
#
# Knobs (environment): BENCH_WRK_SECONDS (8), BENCH_LATENCY_SECONDS (12), BENCH_RATES ("2000 5000"),
# BENCH_STREAMS (500), BENCH_BUILD_DIR (build/bench), BENCH_SOURCE_DIR (this checkout: which Hydra
# source to build and measure, e.g. a clean clone of a commit). Results stay in $BUILD/bench-results.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source "$here/ports.sh"
root="$(dirname "$here")"
src_root="${BENCH_SOURCE_DIR:-$root}"
build="${BENCH_BUILD_DIR:-$root/build/bench}"
wrk_seconds="${BENCH_WRK_SECONDS:-8}"
latency_seconds="${BENCH_LATENCY_SECONDS:-12}"
rates="${BENCH_RATES:-2000 5000}"
stream_count="${BENCH_STREAMS:-500}"
paced_delay_ms=20
paced_chunks=20
long_delay_ms=1000
long_chunks=10
model="gemini-2.5-flash"

wait_quiet=0
prio=()
for arg in "$@"; do
    case "$arg" in
        --wait-quiet) wait_quiet=1 ;;
        --priority) prio=(nice -n -10) ;;
        -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench/run.sh: unknown argument $arg" >&2; exit 2 ;;
    esac
done

log() { printf '== %s\n' "$*" >&2; }

# ---- children and cleanup -------------------------------------------------------------------
work="$(mktemp -d /tmp/hydra-bench.XXXXXX)"
pids=()
SAMPLER=""
CHILD=""
cleanup() {
    local pid
    [ -n "$CHILD" ] && kill "$CHILD" 2>/dev/null
    [ -n "$SAMPLER" ] && stop_sampler
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# step CMD...: runs a measuring step in the background and waits for it, so that a signal
# stops the run at once (bash runs traps only between foreground commands).
step() {
    "${prio[@]}" "$@" &
    CHILD=$!
    local rc=0
    wait "$CHILD" || rc=$?
    CHILD=""
    return "$rc"
}

# ---- tools and build ------------------------------------------------------------------------
if ! command -v wrk >/dev/null || ! command -v node >/dev/null || ! command -v cmake >/dev/null ||
    ! command -v ninja >/dev/null || ! command -v c++ >/dev/null; then
    log "installing what is missing"
    "$root/installer/install-build-deps.sh"
fi
# 500 streams need 1,000+ descriptors in Hydra (each client plus its upstream connection).
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

log "building hydra and fake_gemini (Release, $build)"
cmake -S "$src_root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHYDRA_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --target hydra fake_gemini >/dev/null
mkdir -p "$build/bench-tools"
loadgen="$build/bench-tools/loadgen"
if [ ! -x "$loadgen" ] || [ "$here/loadgen.cpp" -nt "$loadgen" ]; then
    c++ -std=c++20 -O2 -Wall -Wextra -o "$loadgen" "$here/loadgen.cpp"
fi
relay_bin="$build/bench-tools/relay"
if [ ! -x "$relay_bin" ] || [ "$here/relay.cpp" -nt "$relay_bin" ] || [ "$here/loopback_socket.h" -nt "$relay_bin" ]; then
    c++ -std=c++20 -O2 -Wall -Wextra -o "$relay_bin" "$here/relay.cpp"
fi
replay_bin="$build/bench-tools/replay_upstream"
if [ ! -x "$replay_bin" ] || [ "$here/replay_upstream.cpp" -nt "$replay_bin" ] ||
    [ "$here/loopback_socket.h" -nt "$replay_bin" ]; then
    c++ -std=c++20 -O2 -Wall -Wextra -o "$replay_bin" "$here/replay_upstream.cpp"
fi
hydra_bin="$build/src/hydra"
fake_bin="$build/tests/fakes/fake_gemini"

# ---- quiet machine --------------------------------------------------------------------------
load1() { cut -d' ' -f1 /proc/loadavg; }
if [ "$wait_quiet" = 1 ]; then
    for i in $(seq 1 180); do
        awk -v l="$(load1)" 'BEGIN { exit !(l < 0.7) }' && break
        [ $((i % 6)) = 1 ] && log "waiting for a quiet machine: load $(load1)"
        sleep 5
    done
fi
load_before="$(cat /proc/loadavg)"
awk -v l="$(load1)" 'BEGIN { exit !(l >= 0.7) }' && log "warning: the machine is busy (load $(load1)); numbers will be noisy"

# ---- helpers --------------------------------------------------------------------------------
results="$work/results"
mkdir -p "$results"
printf '[{"api_key":"bench-k1"},{"api_key":"bench-k2"},{"api_key":"bench-k3"},{"api_key":"bench-k4"}]\n' >"$work/keys.json"
printf '{"contents":[{"role":"user","parts":[{"text":"Say hello"}]}]}\n' >"$work/gemini.json"
printf '{"model":"%s","messages":[{"role":"user","content":"Say hello"}]}\n' "$model" >"$work/openai.json"
printf '{"model":"%s","stream":true,"messages":[{"role":"user","content":"Say hello"}]}\n' "$model" >"$work/openai-stream.json"
key_header="x-goog-api-key: bench-k1"
unary_path="/v1beta/models/$model:generateContent"
stream_path="/v1beta/models/$model:streamGenerateContent?alt=sse"

# start_fake NAME [fake options]: sets PORT and PID
start_fake() {
    local name="$1"; shift
    : >"$work/$name.out" # exists before the child writes to it: the loop below reads it at once
    "${prio[@]}" "$fake_bin" --port 0 "$@" >"$work/$name.out" 2>/dev/null &
    PID=$!; pids+=("$PID")
    PORT="$(port_from "$work/$name.out" "$fake_port_line" "fake_gemini ($name)")" || exit 1
}

# start_hydra NAME UPSTREAM_PORT: sets PORT and PID
start_hydra() {
    local name="$1" upstream="$2"
    : >"$work/$name.out"
    "${prio[@]}" "$hydra_bin" gateway --port 0 --keys-file "$work/keys.json" --upstream "http://127.0.0.1:$upstream" \
        --config-dir "$work/config-$name" >"$work/$name.out" 2>/dev/null &
    PID=$!; pids+=("$PID")
    PORT="$(port_from "$work/$name.out" "$hydra_port_line" "hydra ($name)")" || exit 1
}

rss_kb() { awk -v f="${2:-VmRSS}:" '$1 == f { print $2 }' "/proc/$1/status"; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# sample_rss PID FILE: every 200 ms until stop_sampler
sample_rss() {
    (while kill -0 "$1" 2>/dev/null; do rss_kb "$1" >>"$2"; sleep 0.2; done) &
    SAMPLER=$!
}
stop_sampler() { kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; }

check() { # check NAME URL BODY [HEADER]: one request must answer 200 with text
    local out
    out="$(curl -s -o - -w '\n%{http_code}' -H 'content-type: application/json' ${4:+-H "$4"} --data-binary "@$3" "$2")"
    if [ "$(tail -n1 <<<"$out")" != 200 ] || ! grep -q 'Hello' <<<"$out"; then
        echo "bench/run.sh: $1 did not answer as expected:" >&2; echo "$out" >&2; exit 1
    fi
}

# ---- the instant fake and Hydra in front of it ----------------------------------------------
start_fake fake; fake_port=$PORT; fake_pid=$PID
start_hydra hydra "$fake_port"; hydra_port=$PORT; hydra_pid=$PID
direct_url="http://127.0.0.1:$fake_port"
hydra_url="http://127.0.0.1:$hydra_port/v1/chat/completions"
sleep 1
idle_kb="$(rss_kb "$hydra_pid")"
check "fake" "$direct_url$unary_path" "$work/gemini.json" "$key_header"
check "hydra" "$hydra_url" "$work/openai.json"
check "hydra stream" "$hydra_url" "$work/openai-stream.json"
log "fake on $fake_port, hydra on $hydra_port (idle RSS ${idle_kb} kB)"

# ---- 1. throughput, closed loop (wrk) -------------------------------------------------------
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system, in clock ticks
run_wrk() { # run_wrk SIDE CONNECTIONS URL BODY [HEADER]
    local side="$1" c="$2" url="$3" body="$4"; shift 4
    step wrk -t1 -c"$c" -d1s -s "$here/post.lua" "$url" -- "$body" "$@" >/dev/null # warm-up
    local fake0 hydra0
    fake0="$(cpu_ticks "$fake_pid")"; hydra0="$(cpu_ticks "$hydra_pid")"
    step wrk -t1 -c"$c" -d"${wrk_seconds}s" -s "$here/post.lua" "$url" -- "$body" "$@" >"$work/wrk.out"
    printf '{"fake_ticks":%s,"hydra_ticks":%s,"clk_tck":%s}\n' "$(($(cpu_ticks "$fake_pid") - fake0))" \
        "$(($(cpu_ticks "$hydra_pid") - hydra0))" "$(getconf CLK_TCK)" >"$results/cpu_${side}_c$c.json"
    tail -n1 "$work/wrk.out" >"$results/wrk_${side}_c$c.json"
    log "wrk $side c=$c: $(cat "$results/wrk_${side}_c$c.json")"
}
for c in 1 64; do
    run_wrk direct "$c" "$direct_url$unary_path" "$work/gemini.json" "$key_header"
    sample_rss "$hydra_pid" "$work/rss-load.txt"
    run_wrk hydra "$c" "$hydra_url" "$work/openai.json"
    stop_sampler
done

# ---- 2. latency, open loop at fixed rates ---------------------------------------------------
# The upstream for these runs is replay_upstream, repeating the answer fake_gemini gave to this
# very request, byte for byte: the fake's own CPU (75-110 µs a request at a fixed rate, taken from
# the two cores Hydra and the load generator need) is not Hydra's cost, and Google is not on the
# user's machine. The same runs against fake_gemini itself follow, for comparison with earlier
# tables. At each rate: direct to the upstream; through a bare TCP relay in Hydra's place (what the
# extra loopback hop alone costs here); through Hydra.
step node "$here/capture_answer.mjs" --port "$fake_port" --path "$unary_path" --body-file "$work/gemini.json" \
    --header "$key_header" --out "$work/answer.http"
: >"$work/replay.out"
"${prio[@]}" "$replay_bin" "$work/answer.http" >"$work/replay.out" 2>/dev/null &
replay_pid=$!; pids+=("$replay_pid")
replay_port="$(port_from "$work/replay.out" "$replay_port_line" "replay_upstream")" || exit 1
check "replay_upstream" "http://127.0.0.1:$replay_port$unary_path" "$work/gemini.json" "$key_header"
start_hydra hydra-replay "$replay_port"; hydra_replay_port=$PORT; hydra_replay_pid=$PID
check "hydra (replayed upstream)" "http://127.0.0.1:$hydra_replay_port/v1/chat/completions" "$work/openai.json"
: >"$work/relay.out"
"${prio[@]}" "$relay_bin" "$replay_port" >"$work/relay.out" 2>/dev/null &
relay_pid=$!; pids+=("$relay_pid")
relay_port="$(port_from "$work/relay.out" "$relay_port_line" "the relay")" || exit 1
check "relay" "http://127.0.0.1:$relay_port$unary_path" "$work/gemini.json" "$key_header"

# open_loop SIDE SUFFIX RATE [CPU PLACEMENT...]: one loadgen run against SIDE, its latencies in
# lat_SIDE<SUFFIX>_r<RATE>.json and the CPU time the process serving it used meanwhile in
# cpu_lat_SIDE<SUFFIX>_r<RATE>.json. SIDE: direct, relay or hydra (replayed upstream), directfake
# or hydrafake (fake_gemini upstream).
open_loop() {
    local side="$1" suffix="$2" rate="$3"; shift 3
    local gemini=(--path "$unary_path" --body-file "$work/gemini.json" --header "$key_header")
    local openai=(--path /v1/chat/completions --body-file "$work/openai.json")
    local target pid
    case "$side" in
        direct) target=(--port "$replay_port" "${gemini[@]}"); pid="$replay_pid" ;;
        relay) target=(--port "$relay_port" "${gemini[@]}"); pid="$relay_pid" ;;
        hydra) target=(--port "$hydra_replay_port" "${openai[@]}"); pid="$hydra_replay_pid" ;;
        directfake) target=(--port "$fake_port" "${gemini[@]}"); pid="$fake_pid" ;;
        hydrafake) target=(--port "$hydra_port" "${openai[@]}"); pid="$hydra_pid" ;;
    esac
    local name="${side}${suffix}_r$rate" before
    before="$(cpu_ticks "$pid")"
    step "$@" "$loadgen" "${target[@]}" --rate "$rate" --connections 64 --duration "$latency_seconds" --warmup 1 \
        >"$results/lat_$name.json"
    printf '{"ticks":%s,"clk_tck":%s,"requests":%s}\n' "$(($(cpu_ticks "$pid") - before))" "$(getconf CLK_TCK)" \
        "$(awk -v r="$rate" -v s="$latency_seconds" 'BEGIN { printf "%d", r * (s + 1) }')" >"$results/cpu_lat_$name.json"
    log "open loop $side $rate/s${suffix:+ ($suffix)}: $(cat "$results/lat_$name.json")"
}
# all_sides SUFFIX RATE [CPU PLACEMENT...]
all_sides() {
    local suffix="$1" rate="$2"; shift 2
    open_loop direct "$suffix" "$rate" "$@"
    open_loop relay "$suffix" "$rate" "$@"
    open_loop hydra "$suffix" "$rate" "$@"
    open_loop directfake "$suffix" "$rate" "$@"
    sample_rss "$hydra_pid" "$work/rss-load.txt"
    open_loop hydrafake "$suffix" "$rate" "$@"
    stop_sampler
}
for rate in $rates; do all_sides "" "$rate"; done
# ---- 2b. the same with Hydra on a core of its own ------------------------------------------
# On two shared cores three busy processes (load generator, upstream, Hydra) take turns, and a
# request that arrives while Hydra's thread waits for its turn waits a scheduler slice
# (milliseconds): that is the benchmark competing with itself, not Hydra's cost. So the same runs
# again the way proxies are usually measured: the load generator and the upstream on CPU 0, Hydra
# (or the relay) on CPU 1; direct gets the same placement (both its processes on CPU 0).
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    for pid in "$fake_pid" "$replay_pid"; do taskset -a -p -c 0 "$pid" >/dev/null; done
    for pid in "$hydra_pid" "$hydra_replay_pid" "$relay_pid"; do taskset -a -p -c 1 "$pid" >/dev/null; done
    for rate in $rates; do all_sides _pinned "$rate" taskset -c 0; done
    all_cpus="0-$(($(nproc) - 1))"
    for pid in "$fake_pid" "$hydra_pid"; do taskset -a -p -c "$all_cpus" "$pid" >/dev/null; done
fi
kill "$replay_pid" "$hydra_replay_pid" "$relay_pid" 2>/dev/null || true
load_max_kb="$(sort -n "$work/rss-load.txt" | tail -n1)"
load_hwm_kb="$(rss_kb "$hydra_pid" VmHWM)"
sleep 2
after_load_kb="$(rss_kb "$hydra_pid")"

# ---- 3. streaming ---------------------------------------------------------------------------
step node "$here/sse_timing.mjs" --direct-url "$direct_url$stream_path" --direct-body "$work/gemini.json" \
    --direct-header "$key_header" --hydra-url "$hydra_url" --hydra-body "$work/openai-stream.json" --count 300 \
    >"$results/sse_ttfb.json"
log "first event: $(cat "$results/sse_ttfb.json")"

# A paced fake behind a timing tap (in sse_timing.mjs); Hydra's upstream is the tap.
start_fake fake-paced --event-delay-ms "$paced_delay_ms" --chunks "$paced_chunks"; paced_port=$PORT
tap_port="$(free_port)"
start_hydra hydra-paced "$tap_port"; hydra_paced_port=$PORT
step node "$here/sse_timing.mjs" --direct-url "http://127.0.0.1:$tap_port$stream_path" --direct-body "$work/gemini.json" \
    --direct-header "$key_header" --hydra-url "http://127.0.0.1:$hydra_paced_port/v1/chat/completions" \
    --hydra-body "$work/openai-stream.json" --count 25 --tap-port "$tap_port" --tap-to "$paced_port" \
    >"$results/sse_paced.json"
log "paced events: $(cat "$results/sse_paced.json")"

# ---- 4. many streams at once ----------------------------------------------------------------
start_fake fake-long --event-delay-ms "$long_delay_ms" --chunks "$long_chunks"; long_port=$PORT
start_hydra hydra-long "$long_port"; hydra_long_port=$PORT; hydra_long_pid=$PID
sleep 1
step node "$here/many_streams.mjs" --url "http://127.0.0.1:$hydra_long_port/v1/chat/completions" \
    --body-file "$work/openai-stream.json" --streams "$stream_count" --pid "$hydra_long_pid" --timeout-s 60 \
    >"$results/streams.json"
log "streams: $(cat "$results/streams.json")"

# ---- report ---------------------------------------------------------------------------------
load_after="$(cat /proc/loadavg)"
qt_version="$(dpkg-query -W -f='${Version}' libqt6core6 2>/dev/null || qtpaths6 --qt-version 2>/dev/null || echo unknown)"
cat >"$results/rss.json" <<EOF
{"idle_kb":${idle_kb:-0},"load_max_kb":${load_max_kb:-0},"load_hwm_kb":${load_hwm_kb:-0},"after_load_kb":${after_load_kb:-0}}
EOF
cat >"$results/meta.json" <<EOF
{"rates":[$(tr ' ' ',' <<<"$rates" | sed 's/,,*/,/g;s/^,//;s/,$//')],"paced_delay_ms":$paced_delay_ms,"long_delay_ms":$long_delay_ms}
EOF

table="$(node "$here/report.mjs" "$results")"
out="$build/bench-results"
rm -rf "$out"; mkdir -p "$out"
cp "$results"/*.json "$out/"
{
    echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')   Command: bench/run.sh $*"
    echo "Source: $(git -C "$src_root" describe --always --dirty 2>/dev/null || echo "$src_root")"
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), kernel $(uname -r), Qt $qt_version"
    echo "Load average before: $load_before   after: $load_after"
    if [ ${#prio[@]} -gt 0 ]; then echo "Measured processes ran at nice -10 (--priority)."; fi
    echo
    echo "$table"
} | tee "$out/table.md"
