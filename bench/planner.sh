#!/bin/sh
# planner.sh — build bench/planner_bench.c with -O2 and time ask_plan() per
# question over tests/integration/questions.json against the demo shop's
# schema fixture. usage: bench/planner.sh [ITERATIONS]   (from the repo root)
set -eu
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/planner_bench.$$"
trap 'rm -f "$out"' EXIT
${CC:-gcc} -std=c17 -O2 -DNDEBUG -D_GNU_SOURCE -Isrc \
    src/core/buf.c src/core/mem.c \
    src/ask/words.c src/ask/lexicon.c src/ask/dates.c src/ask/catalog.c \
    src/ask/parse.c src/ask/assemble.c src/ask/filters.c src/ask/account.c src/ask/typos.c \
    src/ask/lexicon_roles.c src/ask/planjson.c src/ask/planner.c src/ask/sqljoin.c \
    src/ask/sqlgen.c src/ask/followup.c src/ask/context.c \
    bench/planner_bench.c -ljansson -lm -o "$out"
"$out" tests/unit/ask_fixtures/shop_schema.json tests/integration/questions.json "${1:-200}"
