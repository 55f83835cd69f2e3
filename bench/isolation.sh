#!/usr/bin/env bash
# bench/isolation.sh — one organization's slow queries do not slow another's
# pages (issue 19: "with four 30-second queries running from one org,
# another org's dashboard stays under 100 ms at p99"). Org A (its own
# organization and connection to the shop database, pg_sleep allowed) posts
# four SLEEP-second (30) queries from Explore and keeps their pages open;
# meanwhile CONC (2) clients view org B's 6-widget dashboard back to back for
# SECS (20) seconds, through nginx, as a browser with JavaScript and gzip:
# once the same page again (a repeat view), once with a new query string
# each time (rendered in full, as a first view). The same without A's
# queries first. Writes bench/isolation.md (or $OUT). Starts its own private
# stack (tests/stack.sh: 2 web workers, a worker with 2 runners, a per-org
# cap of 2 running queries); DM_KEEP=1 keeps it.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
bench_stack_start isolation
export OUT=${OUT:-$BENCH/isolation.md} SLEEP=${SLEEP:-30} CONC=${CONC:-2} SECS=${SECS:-20}
# a 30-second query must be allowed to finish (the default timeout is 30 s)
env_set DATAMIND_QUERY_TIMEOUT_MS $(( (SLEEP + 30) * 1000 )); restart_app
echo "DataMind isolation — $TODAY — $MACHINE — stack in $DM_VAR — $(git -C "$ROOT" rev-parse --short HEAD)"
python3 "$BENCH/isolation.py" || exit 1
{
  echo "## Another org's dashboard while one org runs slow queries (\`bench/isolation.sh\`)"
  echo
  echo "$TODAY — $MACHINE — $(git -C "$ROOT" rev-parse --short HEAD), default \`./scripts/build\` —"
  echo "private stack from tests/stack.sh: nginx, 2 web workers, \`datamind worker\` with"
  echo "2 runners and at most 2 running queries per organization (so two of A's queries"
  echo "run and two wait for them), query timeout raised to $((SLEEP + 30)) s, PostgreSQL 15, Redis 7,"
  echo "demo shop data; the client on the same 2 cores. Org A posts four"
  echo "\`SELECT … FROM pg_sleep($SLEEP)\` from Explore through its own connection and"
  echo "follows their pages (so none is abandoned); org B's $CONC clients view its"
  echo "6-widget dashboard back to back for ${SECS} s each time (JavaScript on, gzip), each"
  echo "request timed by the client around the whole HTTP exchange."
  echo
  cat "$DM_VAR/isolation.result.md"
} > "$OUT"
echo "wrote $OUT"
