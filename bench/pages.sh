#!/usr/bin/env bash
# bench/pages.sh — what one request of each page costs (issue 19, item 7):
# sign-in, a chat conversation, Explore, a warm 6-widget dashboard and a
# widget's SVG. Per page:
#   - app-DB statements per request: log_statement=all on the stack's
#     PostgreSQL, lines of the app database counted over N requests (the job
#     worker is stopped first, so the web worker is the only client);
#   - worker instructions per request: the one web worker run under
#     valgrind --tool=callgrind, counters zeroed after a warm-up and dumped
#     after N requests (callgrind_control), the dump's total Ir / N;
#   - requests/s with wrk (1 web worker, 8 connections, Accept-Encoding:
#     gzip), every page and two static files (copies of the sign-in page and
#     of the dashboard, served by nginx) interleaved round by round in one
#     run, as ratios to the sign-in page and to the static file.
# Writes bench/pages.md (or $OUT); CG_KEEP=DIR keeps each page's callgrind
# file (N requests) there for callgrind_annotate. Needs valgrind and wrk (Debian packages).
# ONLY=REGEX measures only the pages whose name matches (and the sign-in page).
# Starts its own private stack (tests/stack.sh); DM_KEEP=1 keeps it.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
export DM_WORKERS=1
command -v valgrind >/dev/null || { echo "pages: valgrind is not installed (apt-get install -y valgrind)"; exit 1; }
command -v wrk >/dev/null || { echo "pages: wrk is not installed (apt-get install -y wrk)"; exit 1; }
bench_stack_start pages
export OUT=${OUT:-$BENCH/pages.md} N=${N:-20} ROUNDS=${ROUNDS:-3} DUR=${DUR:-5} CONN=${CONN:-8}
export BIN=$ROOT/datamind ROOT TODAY MACHINE
echo "DataMind pages — $TODAY — $MACHINE — stack in $DM_VAR — $(git -C "$ROOT" rev-parse --short HEAD)"
python3 "$BENCH/pages.py"
