# tests/stack.sh — sourced by the test runners: a private stack in a temp
# dir on free ports, torn down on exit (DM_KEEP=1 keeps the directory).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TMP=$(mktemp -d /tmp/dm-test-XXXXXX)
chmod 755 "$TMP"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export DM_VAR=$TMP DM_HTTP_PORT=$(free_port) DM_PG_PORT=$(free_port) DM_WORKERS=2 DM_NGINX_RATE=100000
export DM_PWHASH_MEMLIMIT_MB=${DM_PWHASH_MEMLIMIT_MB:-8}
export DM_RATE=${DM_RATE:-100000}   # app rate limits out of the way (one test turns them on)
export DM_EXPORT_MAX_ROWS=${DM_EXPORT_MAX_ROWS:-150000}  # above the demo's 100,000 orders, within reach of a test
export DM_ROOT=$ROOT DM_BASE_URL=http://127.0.0.1:$DM_HTTP_PORT
unset DM_TLS   # the suites' stack is plain http (test_tls.py starts its own HTTPS one)
# the C programs of `make check-db` (tests/integration/test_*_db.c)
export DATAMIND_TEST_DB="host=$TMP/run port=$DM_PG_PORT user=postgres dbname=postgres"
# the MariaDB of test_mysql_db.c (started by devstack when mariadbd is
# installed): root without a password over this socket; the engine under
# test connects over TCP to 127.0.0.1:DATAMIND_TEST_MYSQL_PORT
export DM_MYSQL_PORT=$(free_port)
export DATAMIND_TEST_MYSQL="$TMP/run/mysql.sock" DATAMIND_TEST_MYSQL_PORT=$DM_MYSQL_PORT
# ClickHouse (scripts/devstack starts it when clickhouse-server is installed):
# test_clickhouse_db.c's server, its default user (which may write)
# ("none" when it is not installed: the program says so and passes empty)
if [ -x /usr/sbin/clickhouse-server ]; then
  export DM_CH_PORT=$(free_port)
  export DATAMIND_TEST_CLICKHOUSE=http://default@127.0.0.1:$DM_CH_PORT/
else
  export DATAMIND_TEST_CLICKHOUSE=none
fi
export DM_SMTP_PORT=$(free_port) DM_HOOK_PORT=$(free_port)
export DM_SMTP_URL=smtp://127.0.0.1:$DM_SMTP_PORT

stack_cleanup() {
  "$ROOT/scripts/devstack" stop >/dev/null 2>&1
  if [ -n "${DM_KEEP:-}" ]; then echo "stack: state kept in $TMP"; else rm -rf "$TMP"; fi
}
trap stack_cleanup EXIT

# stack_start LAYER — start it (and load the demo data); on failure print
# why and the closing count line for LAYER, and exit.
stack_start() {
  if ! "$ROOT/scripts/devstack" start >"$TMP/devstack.out" 2>&1 ||
     { [ -x "$ROOT/scripts/demo-data" ] && ! "$ROOT/scripts/demo-data" >"$TMP/demo-data.out" 2>&1; }; then
    cat "$TMP/devstack.out" "$TMP/demo-data.out" 2>/dev/null
    echo "$1: 0 passed, 1 failed (the stack did not start)"
    exit 1
  fi
}

# stack_sanitizer_reports — how many AddressSanitizer / LeakSanitizer /
# UndefinedBehaviorSanitizer reports the stack's processes wrote (a build
# with --enable-sanitizers); prints them. The runners count each as a failure.
stack_sanitizer_reports() {
  local n
  n=$(cat "$TMP"/log/*.log 2>/dev/null | grep -cE "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:")
  if [ "$n" -gt 0 ]; then
    echo "sanitizer reports in the stack's logs:"
    grep -hE -A20 "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:" "$TMP"/log/*.log | head -n 80
  fi
  echo "$n"
}
