#!/bin/sh
# planner.sh — build bench/planner_bench.c with -O2 and time ask_plan() per
# question over tests/integration/questions.json against the demo shop's
# schema fixture. usage: bench/planner.sh [ITERATIONS]   (from the repo root)
set -eu
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/planner_bench.$$"
trap 'rm -f "$out"' EXIT
# The planner as the app links it (libdatamind.a, built by ./scripts/build
# with its default -O2): no list of sources here to fall behind.
[ -f libdatamind.a ] || { echo "planner.sh: build first (./scripts/build)" >&2; exit 1; }
PKGS="jansson libpq libzip expat libcmark hiredis libcurl libsodium fcgi"
${CC:-gcc} -std=c17 -O2 -DNDEBUG -D_GNU_SOURCE -Isrc $(pkg-config --cflags $PKGS) \
    bench/planner_bench.c libdatamind.a $(pkg-config --libs $PKGS) -lpg_query -lm -lpthread \
    -o "$out"
"$out" tests/unit/ask_fixtures/shop_schema.json tests/integration/questions.json "${1:-200}"
