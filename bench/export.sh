#!/bin/sh
# export.sh — build bench/export_bench.c with -O2 and export 100,000 rows x
# 6 columns to CSV, XLSX and PDF: time, peak RSS, file size per format
# (see bench/export.md for the last figures). Usage: bench/export.sh [ROWS]
set -eu
cd "$(dirname "$0")/.."
bin=$(mktemp)
out=$(mktemp -d)
trap 'rm -rf "$bin" "$out"' EXIT
gcc -std=c17 -O2 -D_GNU_SOURCE -Isrc $(pkg-config --cflags cairo librsvg-2.0) \
    bench/export_bench.c src/core/buf.c src/core/civil.c src/core/mem.c src/chart/*.c src/export/*.c \
    -ljansson -lxlsxwriter $(pkg-config --libs cairo librsvg-2.0) -lm -o "$bin"
"$bin" "${1:-100000}" "$out"
