#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz", build/fuzz) and runs each for a while.
#
#   tests/fuzz/run.sh [--seconds N] [--parallel P] [--no-install] [target...]
#
#   --seconds N    how long each target runs (default 60)
#   --parallel P   how many targets run at once (default 1; each takes one core)
#   --no-install   do not run installer/install-build-deps.sh first
#   target...      some of: the names in TARGETS below (default: all)
#
# The corpus each target grows is build/fuzz/corpus/<target> (kept between runs); the seeds
# are made from tests/fixtures into build/fuzz/seeds/<target>; logs go to build/fuzz/logs and
# crash reproducers to build/fuzz/artifacts/<target>/. Prints one row per target (executions,
# coverage, crashes) and exits non-zero when a target crashed, naming the reproducer.
# Replay one: build/fuzz/tests/fuzz/fuzz_<target> <reproducer>
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

# target: -max_len, dictionaries (tests/fuzz/dict/*.dict)
declare -A MAX_LEN=(
    [request_framer]=4096 [http_response]=4096 [sse]=4096 [chat_request]=16384 [legacy_completions]=4096 [embeddings]=4096
    [chat_response]=8192 [chat_stream]=16384 [schema_sanitizer]=8192 [keys_file]=4096 [key_paste]=4096
    [messages_request]=16384 [messages_stream]=16384
)
declare -A DICTS=(
    [request_framer]="http" [http_response]="http" [sse]="sse" [chat_request]="json openai schema" [legacy_completions]="json openai"
    [embeddings]="json openai" [chat_response]="json gemini" [chat_stream]="json gemini sse"
    [schema_sanitizer]="json schema" [keys_file]="json keys" [key_paste]="keys"
    [messages_request]="json anthropic schema" [messages_stream]="json gemini sse"
)
TARGETS=(request_framer http_response sse chat_request legacy_completions embeddings chat_response chat_stream schema_sanitizer
         keys_file key_paste messages_request messages_stream)

seconds=60
parallel=1
install=1
selected=()
while [ $# -gt 0 ]; do
    case "$1" in
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --seconds=*) seconds="${1#*=}"; shift ;;
    --parallel) parallel="${2:?--parallel needs a number}"; shift 2 ;;
    --parallel=*) parallel="${1#*=}"; shift ;;
    --no-install) install=0; shift ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *)
        [ -n "${MAX_LEN[$1]:-}" ] || { echo "unknown target: $1 (targets: ${TARGETS[*]})" >&2; exit 2; }
        selected+=("$1"); shift ;;
    esac
done
[ ${#selected[@]} -gt 0 ] || selected=("${TARGETS[@]}")
[[ "$seconds" =~ ^[0-9]+$ && "$parallel" =~ ^[1-9][0-9]*$ ]] || { echo "--seconds and --parallel take numbers" >&2; exit 2; }

# clang, libclang-rt-14-dev (libFuzzer, the sanitizer runtimes), Qt, cmake, ninja, python3.
[ "$install" -eq 0 ] || installer/install-build-deps.sh

build=build/fuzz
[ -f "$build/CMakeCache.txt" ] || cmake --preset fuzz >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${selected[@]/#/fuzz_}"

python3 tests/fuzz/make-seeds.py "$build/seeds" >/dev/null
mkdir -p "$build/logs" "$build/dict"

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}"

run_target() {
    local target="$1"
    local dict="$build/dict/$target.dict"
    local name
    rm -f "$build/logs/$target.rc"
    : >"$dict"
    for name in ${DICTS[$target]}; do cat "tests/fuzz/dict/$name.dict" >>"$dict"; done
    mkdir -p "$build/corpus/$target" "$build/artifacts/$target"
    local status=0
    "$build/tests/fuzz/fuzz_$target" "$build/corpus/$target" "$build/seeds/$target" \
        -dict="$dict" -max_len="${MAX_LEN[$target]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$target/" \
        >"$build/logs/$target.log" 2>&1 || status=$?
    echo "$status" >"$build/logs/$target.rc"
}

pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done' INT TERM
echo "== fuzzing ${selected[*]} for ${seconds}s each, $parallel at a time (logs: $build/logs)"
running=0
for target in "${selected[@]}"; do
    if [ "$running" -ge "$parallel" ]; then
        wait -n || true
        running=$((running - 1))
    fi
    run_target "$target" &
    pids+=($!)
    running=$((running + 1))
done
wait || true

failed=0
printf '\n| %-20s | %12s | %8s | %7s |\n' target executions coverage crashes
printf '|%s|%s|%s|%s|\n' "----------------------" "--------------" "----------" "---------"
reproducers=()
for target in "${selected[@]}"; do
    log="$build/logs/$target.log"
    rc="$(cat "$build/logs/$target.rc" 2>/dev/null || echo 1)"
    executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    coverage="$(grep -o ' cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || true)"
    mapfile -t written < <(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log")
    crashes=${#written[@]}
    if [ "$rc" -ne 0 ]; then
        failed=1
        [ "$crashes" -gt 0 ] || crashes="rc=$rc"
        for file in "${written[@]}"; do reproducers+=("$target: $file  (log: $log)"); done
        [ ${#written[@]} -gt 0 ] || reproducers+=("$target: no reproducer written, see $log")
    fi
    printf '| %-20s | %12s | %8s | %7s |\n' "$target" "${executions:-?}" "${coverage:-?}" "$crashes"
done
if [ "$failed" -ne 0 ]; then
    echo
    echo "FAILED: reproducers (replay: $build/tests/fuzz/fuzz_<target> <file>):"
    printf '  %s\n' "${reproducers[@]}"
    exit 1
fi
