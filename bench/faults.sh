#!/usr/bin/env bash
# bench/faults.sh — faults under the mixed load of bench/load.sh (DUR s per
# fault, default 30): SIGKILL web workers, restart Redis, restart
# PostgreSQL, kill a job runner mid alert check, an unwritable uploads
# spool. For each: failed requests, recovery time (until /healthz is 200
# and a chat turn works), chat turns stored vs accepted, duplicate alert
# slots. FAULTS=kill,redis,pg,runner,spool picks some. Writes bench/faults.md.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
bench_stack_start faults
export DUR=${DUR:-30}
echo "DataMind faults under load — $TODAY — $MACHINE — stack in $DM_VAR"
python3 "$BENCH/faults.py" || exit 1
{
  echo "## Faults under load (\`bench/faults.sh\`)"
  echo
  echo "$TODAY — $MACHINE — private stack (tests/stack.sh), the mixed workload of"
  echo "bench/load.sh (64 connections over 5 endpoints) for ${DUR} s per fault; the fault"
  echo "starts at 5 s. Recovery: from the fault (for worker kills: from the last kill)"
  echo "until /healthz is 200 and a fresh sign-in + chat turn + chat page work,"
  echo "polled every 0.2 s. \"Stored / accepted\": user messages with the load's"
  echo "questions added during the run vs POST /chat answered 303. Duplicate slots:"
  echo "\`SELECT alert_id, slot, count(*) FROM alert_values GROUP BY 1,2 HAVING count(*) > 1\`."
  echo "The runner fault first creates 50 alerts (\`SELECT count(*) FROM generate_series(1, 6e6)\`)"
  echo "and presses \"check now\" on each, then SIGKILLs runners seen running an alert.check on /admin/jobs."
  echo
  cat "$DM_VAR/faults.result.md"
} > "$BENCH/faults.md"
echo "wrote bench/faults.md"
