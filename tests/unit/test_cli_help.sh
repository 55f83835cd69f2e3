#!/bin/sh
# test_cli_help.sh — `datamind COMMAND --help` (and -h, and `datamind --help`)
# print that command's usage and exit 0 with no configuration at all: no
# secret key, no database, no config file. Run by make check.
bin=${DATAMIND_BIN:-./datamind}
passed=0 failed=0
# none of the settings: help must not read them
for v in $(env | sed -n 's/^\(DATAMIND_[A-Z0-9_]*\)=.*/\1/p'); do unset "$v"; done

check() { # description command…
  what=$1; shift
  out=$("$@" 2>&1); rc=$?
  if [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q "^usage: datamind $want"; then
    passed=$((passed + 1)); echo "ok   $what"
  else
    failed=$((failed + 1)); echo "FAIL $what (exit $rc): $(printf '%s\n' "$out" | head -n 3)"
  fi
}
for cmd in web worker migrate user org ask sql template chart version; do
  want=$cmd
  check "datamind $cmd --help" "$bin" "$cmd" --help
done
want="user add --org"; check "datamind user add --help" "$bin" user add --help
want="worker"; check "datamind worker -h --runners 3" "$bin" worker -h --runners 3
want="worker"; check "datamind worker --config /nonexistent --help" "$bin" worker --config /nonexistent --help
want="<command>"; check "datamind --help" "$bin" --help
want="<command>"; check "datamind help" "$bin" help
# and without --help the commands that need a secret key still refuse to start
if "$bin" worker >/dev/null 2>&1; then
  failed=$((failed + 1)); echo "FAIL datamind worker with no secret key started"
else
  passed=$((passed + 1)); echo "ok   datamind worker with no secret key refuses to start"
fi
echo "cli help: $passed passed, $failed failed"
[ $failed -eq 0 ]
