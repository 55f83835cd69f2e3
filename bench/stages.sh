#!/usr/bin/env bash
# bench/stages.sh — how soon a chat answer's first stage reaches the browser
# (issue 19: "a cached chat answer's first stage reaches the browser within
# 50 ms of the question"). N (200) times: load the chat page, open its
# EventSource subscription through nginx (nchan, the auth subrequest), post
# the question with the page's live_key, and time each stage event from the
# moment the POST is sent. The question (QUESTION) is asked 3 times first,
# so its result is cached. Writes bench/stages.md (or $OUT). Starts its own
# private stack (tests/stack.sh); DM_KEEP=1 keeps it.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
bench_stack_start stages
export OUT=${OUT:-$BENCH/stages.md} N=${N:-200}
echo "DataMind chat stages — $TODAY — $MACHINE — stack in $DM_VAR — $(git -C "$ROOT" rev-parse --short HEAD)"
python3 "$BENCH/stages.py" || exit 1
{
  echo "## A chat answer's stages, pushed (\`bench/stages.sh\`)"
  echo
  echo "$TODAY — $MACHINE — $(git -C "$ROOT" rev-parse --short HEAD), default \`./scripts/build\` —"
  echo "private stack from tests/stack.sh: nginx with nchan, 2 web workers, \`datamind"
  echo "worker\` with 2 runners (they answer the question), PostgreSQL 15, Redis 7, demo"
  echo "shop data, the fake LLM; the client on the same 2 cores. $N questions (\"${QUESTION:-How many orders are there?}\","
  echo "its result cached), each after loading the chat page and opening its"
  echo "EventSource through nginx; times from sending the POST to reading each event."
  echo
  cat "$DM_VAR/stages.result.md"
} > "$OUT"
echo "wrote $OUT"
