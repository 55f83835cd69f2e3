#!/usr/bin/env bash
# bench/load.sh — the whole app under a mixed load through nginx (wrk, 64
# connections, DUR s, default 60): sign-in page, chat turn, Explore run,
# 6-widget dashboard, widget SVG — per endpoint and total req/s, p50/p99,
# 429s and other failures, web workers' RSS before/after. Then the
# 6-widget dashboard vs a static file of the same size, and the chat turn
# time minus query time over ~200 questions. Writes bench/load.md.
# Starts its own private stack (tests/stack.sh); DM_KEEP=1 keeps its logs.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
bench_stack_start load
export DUR=${DUR:-60} CONN=${CONN:-64}
echo "DataMind mixed load — $TODAY — $MACHINE — stack in $DM_VAR"
python3 "$BENCH/load.py" || exit 1
grep -h '"level":"\(error\|fatal\)"' "$DM_VAR"/log/web.log "$DM_VAR"/log/worker.log 2>/dev/null | head -n 5 > "$DM_VAR/errors.txt"
{
  echo "## Mixed load (\`bench/load.sh\`)"
  echo
  echo "$TODAY — $MACHINE — private stack from tests/stack.sh: nginx, 2 web"
  echo "workers, worker with 2 runners, PostgreSQL 15, Redis 7, demo shop data; wrk"
  echo "on the same 2 cores. App rate limits raised (DM_RATE=$DM_RATE) so the figures are the"
  echo "app's, not the limiter's; 429s would still be counted separately. DUR=${DUR}s."
  echo "Chat turns are POST /chat → 303 (the following GET of the chat page is not"
  echo "part of the turn); questions rotate over 8 shop questions, so most answers"
  echo "come from the Redis result cache, like the Explore runs (4 SQL statements)."
  echo "Total p50/p99 are merged from each wrk's 1,000 quantiles."
  echo
  cat "$DM_VAR/load.result.md"
  echo
  if [ -s "$DM_VAR/errors.txt" ]; then echo "Error lines in the logs:"; echo '```'; cat "$DM_VAR/errors.txt"; echo '```'
  else echo "No error lines in web.log / worker.log during the run."; fi
} > "$BENCH/load.md"
echo "wrote bench/load.md"
