#!/usr/bin/env bash
# bench/pivot.sh — Pivot / Describe over a 1,000,000-row result (issue 20,
# part 2): the statistics and the pivot are computed by the database, so
# what the app reads and lays out stays a few dozen rows. Times, as ratios
# to the database reading the same result once (count(*) over it, psql),
# interleaved in one run: the describe and pivot statements in psql, and
# the Pivot / Describe pages through the stack (cold: the statements run by
# the worker; warm: from the result cache). RUNS (5) per figure.
# Writes bench/pivot.md.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
bench_stack_start pivot
env_set DATAMIND_QUERY_TIMEOUT_MS 120000
restart_app
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
echo "DataMind pivot/describe benchmark — $TODAY — $MACHINE — stack in $DM_VAR"
: > "$DM_VAR/pivot.result.md"
python3 "$BENCH/pivot.py" || echo "(pivot.py failed)" | tee -a "$DM_VAR/pivot.result.md"
{
  echo "## Pivot / Describe over a large result (\`bench/pivot.sh\`)"
  echo
  echo "$TODAY — $MACHINE — private stack from tests/stack.sh (nginx, web workers,"
  echo "worker with runners, PostgreSQL 15, Redis 7), one client. Load average when it"
  echo "started: $LOAD (the machine's two cores were shared with other work: read the"
  echo "ratios, which are measured interleaved, rather than the milliseconds)."
  echo
  cat "$DM_VAR/pivot.result.md"
  grep -h '"level":"\(error\|fatal\)"' "$DM_VAR"/log/web.log "$DM_VAR"/log/worker.log 2>/dev/null | head -n 5 > "$DM_VAR/errors.txt"
  if [ -s "$DM_VAR/errors.txt" ]; then echo "Error lines in the logs (first 5):"; echo '```'; cut -c1-400 "$DM_VAR/errors.txt"; echo '```'; fi
} > "$BENCH/pivot.md"
echo "wrote bench/pivot.md"
