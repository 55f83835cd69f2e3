#!/usr/bin/env bash
# fuzz.sh — the long fuzzing run: every tests/fuzz target for FUZZ_MINUTES
# minutes (default 10), FUZZ_JOBS targets at a time (default 2, one per core).
# Prints execs/s, corpus size and coverage (cov/ft from libFuzzer's final
# stats line) per target and writes the table into bench/fuzz.md.
#
#   FUZZ_MINUTES=10 bench/fuzz.sh [TARGET...]
#
# Corpora and crash inputs live in a temp dir (printed at the end; kept when
# a target failed), never in the repository.
set -uo pipefail
cd "$(dirname "$0")/.."
minutes=${FUZZ_MINUTES:-10}
jobs=${FUZZ_JOBS:-2}
out=${FUZZ_OUT:-tests/fuzz/out}
secs=$(awk -v m="$minutes" 'BEGIN{printf "%d", m * 60}')

tests/fuzz/build.sh "$out" || exit 1
if [ $# -gt 0 ]; then targets="$*"; else
    targets=$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s/\.c$//'); fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dm-fuzz-bench.XXXXXX")

run_one() { # target
    local t=$1 corpus="$work/corpus-$1"
    mkdir -p "$corpus" "$work/artifacts-$t"
    for s in "tests/fuzz/seeds/$t" "$out/seeds/$t"; do [ -d "$s" ] && cp -r "$s/." "$corpus/"; done
    ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$out/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts-$t/" "$corpus" >"$work/$t.log" 2>&1 </dev/null
    echo $? >"$work/$t.rc"
}

running=0
for t in $targets; do
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

rows="" failed=0
printf '%-16s %8s %10s %8s %12s %7s %7s  %s\n' target minutes execs exec/s corpus cov ft result
for t in $targets; do
    log="$work/$t.log"
    rc=$(cat "$work/$t.rc" 2>/dev/null || echo 1)
    # the last stats line: "#N DONE cov: C ft: F corp: K/SIZE lim: L exec/s: E rss: R"
    last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -1)
    execs=$(awk '/^stat::number_of_executed_units:/ {print $2}' "$log")
    eps=$(awk '/^stat::average_exec_per_sec:/ {print $2}' "$log")
    cov=$(echo "$last" | grep -Eo 'cov: [0-9]+' | awk '{print $2}')
    ft=$(echo "$last" | grep -Eo 'ft: [0-9]+' | awk '{print $2}')
    corp=$(echo "$last" | grep -Eo 'corp: [0-9]+/[0-9]+(b|Kb|Mb)' | awk '{print $2}')
    if [ "$rc" = 0 ]; then result=ok; else
        result="FAILED ($(ls "$work/artifacts-$t" | head -1))"; failed=$((failed + 1)); fi
    printf '%-16s %8s %10s %8s %12s %7s %7s  %s\n' "$t" "$minutes" "${execs:--}" "${eps:--}" \
        "${corp:--}" "${cov:--}" "${ft:--}" "$result"
    rows="$rows| $t | ${execs:--} | ${eps:--} | ${corp:--} | ${cov:--} | ${ft:--} | $result |
"
    [ "$rc" = 0 ] || { echo "== $t:"; grep -E 'ERROR|SUMMARY|runtime error' "$log" | head -5; }
done

cc=$(clang --version | head -1 | sed 's/ (.*//')
cat > bench/fuzz.md <<MD
## Fuzzing (\`bench/fuzz.sh\`)

What it measures: each libFuzzer target under \`tests/fuzz/\` (ASan + UBSan,
\`-O1\`) run from its seed corpus for FUZZ_MINUTES minutes, two targets at a
time on the two cores. execs is the number of inputs run, exec/s their
average rate, corpus the final corpus (inputs/bytes), cov and ft the
coverage counters (edges, features) of libFuzzer's last stats line. The
short version (5 s per target, pass/fail only) is \`tests/fuzz/run-short.sh\`.

2026-11-22, 2 cores, Debian 12, $cc, ${minutes} min per target:

| target | execs | exec/s | corpus | cov | ft | result |
|---|---|---|---|---|---|---|
$rows
MD
echo "logs and corpora: $work"
[ "$failed" -eq 0 ] && [ -z "${FUZZ_KEEP:-}" ] && rm -rf "$work"
[ "$failed" -eq 0 ]
