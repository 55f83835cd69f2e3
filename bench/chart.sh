#!/bin/sh
# chart.sh — build bench/chart_bench.c with -O2 and print render times and
# SVG sizes for the three chart cases (see bench/chart.md for last figures).
set -eu
cd "$(dirname "$0")/.."
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
gcc -std=c17 -O2 -Isrc bench/chart_bench.c src/core/buf.c src/core/civil.c src/core/mem.c src/chart/*.c \
    -ljansson -lm -o "$bin"
"$bin"
