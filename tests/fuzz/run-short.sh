#!/usr/bin/env bash
# run-short.sh — a few seconds of fuzzing per target, for scripts/check.
#
#   tests/fuzz/run-short.sh [TARGET...]      (default: every fuzz_*.c)
#   FUZZ_SECONDS=5   time per target
#   FUZZ_OUT=tests/fuzz/out   where build.sh puts the binaries
#
# Builds what is missing (build.sh is incremental), then runs each target on a
# copy of its seeds in a temp dir (nothing is written into the repository).
# Quiet on success; for a failing target prints the tail of its log and keeps
# the temp dir (crash input included). Last line: "fuzz: N passed, N failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
secs=${FUZZ_SECONDS:-5}
out=${FUZZ_OUT:-tests/fuzz/out}
passed=0 failed=0

blog=$(mktemp)
if ! "$here/build.sh" "$out" >"$blog" 2>&1; then
    tail -n 40 "$blog"
    rm -f "$blog"
    echo "fuzz: 0 passed, 1 failed"
    exit 1
fi
rm -f "$blog"

if [ $# -gt 0 ]; then
    targets="$*"
else
    targets=$(cd "$here" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/dm-fuzz.XXXXXX")
keep=0
for t in $targets; do
    corpus="$work/corpus-$t"
    mkdir -p "$corpus" "$work/artifacts-$t"
    for s in "$here/seeds/$t" "$out/seeds/$t"; do
        [ -d "$s" ] && cp -r "$s/." "$corpus/"
    done
    log="$work/$t.log"
    if ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1} \
       UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
       "$out/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
           -artifact_prefix="$work/artifacts-$t/" "$corpus" >"$log" 2>&1 </dev/null; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        keep=1
        echo "== fuzz_$t FAILED (log and crash input in $work)"
        tail -n 40 "$log"
        ls "$work/artifacts-$t/"
    fi
done
[ "$keep" -eq 0 ] && rm -rf "$work"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
