#!/usr/bin/env bash
# bench/features.sh — the per-feature figures through the real stack:
#   sql      Explore overhead vs psql, 10M-row query RSS with the row cap, cache-hit latency
#   alerts   checks/minute over 1,000 alerts with 2 runners; "check now" → notification
#   uploads  1,000,000-row ~100 MB CSV via the upload page vs psql \copy
#   exports  100,000 rows to CSV/XLSX/PDF (MAX_ROWS raised to 100,000)
# PARTS="sql alerts uploads exports" picks some; RUNS (200), ALERTS (1000),
# UPLOAD_ROWS (1000000) shrink them. Writes bench/features.md.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
bench_stack_start features
PARTS=${PARTS:-sql alerts uploads exports}
echo "DataMind feature benchmarks — $TODAY — $MACHINE — stack in $DM_VAR"
: > "$DM_VAR/features.result.md"
for part in $PARTS; do
  if [ "$part" = exports ]; then env_set DATAMIND_MAX_ROWS 100000; restart_app; fi
  python3 "$BENCH/features.py" "$part" || echo "(part $part failed)" | tee -a "$DM_VAR/features.result.md"
done
{
  echo "## Feature figures (\`bench/features.sh\`)"
  echo
  echo "$TODAY — $MACHINE — private stack from tests/stack.sh (nginx, 2 web workers,"
  echo "worker with 2 runners, PostgreSQL 15, Redis 7, demo shop: 100,000 orders), one"
  echo "client at a time, no other load. App rate limits raised (DM_RATE=$DM_RATE)."
  echo
  cat "$DM_VAR/features.result.md"
  grep -h '"level":"\(error\|fatal\)"' "$DM_VAR"/log/web.log "$DM_VAR"/log/worker.log 2>/dev/null | head -n 5 > "$DM_VAR/errors.txt"
  if [ -s "$DM_VAR/errors.txt" ]; then echo "Error lines in the logs (first 5):"; echo '```'; cut -c1-400 "$DM_VAR/errors.txt"; echo '```'; fi
} > "$BENCH/features.md"
echo "wrote bench/features.md"
