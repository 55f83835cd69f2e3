#!/bin/sh
# jobs.sh — build bench/jobs_bench.c with -O2 and measure the job queue:
# jobs/s through enqueue → run → ack with 2 runners and a no-op task, and
# enqueue → handler-start latency. Needs a running Redis.
# usage: bench/jobs.sh [JOBS]   (from anywhere; Redis from $DM_REDIS_URL,
#        default unix:var/run/redis.sock of the dev stack)
set -eu
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/jobs_bench.$$"
trap 'rm -f "$out"' EXIT
${CC:-gcc} -std=c17 -O2 -DNDEBUG -D_GNU_SOURCE -Isrc -I/usr/include/postgresql \
    src/core/arena.c src/core/buf.c src/core/mem.c src/core/log.c src/core/config.c \
    src/core/metrics.c src/core/net.c src/store/redis.c src/jobs/*.c \
    bench/jobs_bench.c -lhiredis -ljansson -lm -o "$out"
"$out" "${DM_REDIS_URL:-unix:$PWD/var/run/redis.sock}" "${1:-20000}"
