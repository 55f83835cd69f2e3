#!/usr/bin/env bash
# test_check_tally.sh — how scripts/check counts its layers (tests/tally.sh):
# a layer that dies before its count line, or exits non-zero without
# counting a failure, is a failure; counts add up. Run by make check.
src=${top_srcdir:-.}
ok=0 bad=0
expect() { # what got want
  if [ "$2" = "$3" ]; then ok=$((ok + 1)); echo "ok   $1"; else bad=$((bad + 1)); echo "FAIL $1: got [$2], want [$3]"; fi
}
layer() { # commands… — one layer through run_layer, in a fresh tally; prints "passed failed"
  (
    . "$src/tests/tally.sh"
    out=$(mktemp)
    run_layer demo "$@" >/dev/null
    rm -f "$out" "$out".*
    echo "$passed $failed"
  )
}
expect "a layer that passes counts its tests" \
  "$(layer sh -c 'echo "demo: 3 passed, 0 failed"')" "3 0"
expect "a layer's count lines add up" \
  "$(layer sh -c 'echo "demo: 3 passed, 0 failed"; echo "demo: 2 passed, 1 failed"; exit 1')" "5 1"
expect "a layer that dies before its count line is a failure" \
  "$(layer sh -c 'echo "Error: Cannot find module playwright-core"; exit 1')" "0 1"
expect "a layer that prints no count line and exits 0 is a failure" \
  "$(layer true)" "0 1"
expect "a layer that exits non-zero with no failure counted is a failure" \
  "$(layer sh -c 'echo "demo: 1 passed, 0 failed"; exit 1')" "1 1"
expect "another layer's count lines are not this layer's" \
  "$(layer sh -c 'echo "other: 4 passed, 0 failed"')" "0 1"
expect "a layer that is missing is a failure" \
  "$(layer ./no/such/layer/run)" "0 1"
echo "check tally: $ok passed, $bad failed"
[ $bad -eq 0 ]
