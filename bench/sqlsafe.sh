#!/bin/sh
# sqlsafe.sh — build bench/sqlsafe_bench.c with -O2 and time the validator
# over the good corpus. usage: bench/sqlsafe.sh [ITERATIONS]   (from the repo root)
set -eu
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/sqlsafe_bench.$$"
trap 'rm -f "$out"' EXIT
${CC:-gcc} -std=c17 -O2 -DNDEBUG -D_GNU_SOURCE -Isrc $(pkg-config --cflags libpq) \
    src/core/buf.c src/core/mem.c \
    src/sqlsafe/validate.c src/sqlsafe/words.c src/sqlsafe/lexer.c src/sqlsafe/functions.c \
    bench/sqlsafe_bench.c -lpg_query -ljansson -o "$out"
"$out" tests/unit/sqlsafe_good.sql "${1:-2000}"
