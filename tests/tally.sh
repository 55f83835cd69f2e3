# tests/tally.sh — sourced by scripts/check: counting the test layers.
passed=0 failed=0
# A layer counts by its "NAME: N passed, N failed" lines. A layer that exits
# non-zero without counting a failure, or prints no count line at all (it
# died, or never started), is a failure: "== NAME: FAILED to run".
layer_failed() { failed=$((failed + 1)); echo "== $1: FAILED to run${2:+ ($2)}"; }
tally() { # layer-name exit-status count-lines-file
  local line p f
  if ! grep -Eq '[0-9]+ passed, [0-9]+ failed' "$3"; then
    layer_failed "$1" "no count line; exit status $2"; return
  fi
  line=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$3" | awk '{p+=$1; f+=$3} END {print p+0, f+0}')
  p=${line% *}; f=${line#* }
  passed=$((passed + p)); failed=$((failed + f))
  echo "== $1: $p passed, $f failed"
  [ "$2" -ne 0 ] && [ "$f" -eq 0 ] && layer_failed "$1" "exit status $2 with no failure counted"
  return 0
}
run_layer() { # name command… — runs it, shows its output, counts its "name: " lines
  local name=$1 rc; shift
  echo "== $name tests"
  "$@" 2>&1 </dev/null | tee "$out.$name"
  rc=${PIPESTATUS[0]}
  grep -E "^$name: " "$out.$name" > "$out.$name.counts"
  tally "$name" "$rc" "$out.$name.counts"
}
