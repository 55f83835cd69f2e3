#!/bin/sh
# ingest.sh — build bench/ingest_bench.c with -O2, generate a CSV of ROWS
# rows (default 1,000,000, ~100 MB) and time both ingest passes.
# usage: bench/ingest.sh [ROWS]   (from the repo root)
set -eu
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/ingest_bench.$$"
csv="${TMPDIR:-/tmp}/ingest_bench.$$.csv"
trap 'rm -f "$out" "$csv"' EXIT
${CC:-gcc} -std=c17 -O2 -DNDEBUG -D_GNU_SOURCE -Isrc \
    src/core/buf.c src/core/mem.c src/ingest/*.c \
    bench/ingest_bench.c -lzip -lexpat -lm -o "$out"
"$out" "$csv" "${1:-1000000}"
