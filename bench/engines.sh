#!/usr/bin/env bash
# bench/engines.sh — issue 16's figures for the four engines (PostgreSQL,
# MariaDB, SQLite, ClickHouse): a mid-size query through DataMind's engine
# vs the engine's own client, interleaved (ratio, target ≤ 1.2×), and a
# 10,000,000-row result under the row cap (peak RSS against a 1,000-row
# result, and the time until the cap stops it). Method in bench/engines.py.
#
# Starts a private stack (tests/stack.sh: temporary DM_VAR, free ports;
# scripts/devstack starts MariaDB and ClickHouse when installed), loads the
# demo shop and copies it into MariaDB, SQLite and ClickHouse, builds
# bench/engine_bench.c against libdatamind.a (./scripts/build first if it is
# missing), runs bench/engines.py, stops the stack. Writes bench/engines.md.
# RUNS (20) and BIG_RUNS (3) set the repetitions; ENGINES picks some.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
cd "$ROOT" || exit 1
export PATH=/usr/lib/postgresql/15/bin:$PATH
[ -f libdatamind.a ] || ./scripts/build || exit 1
. "$ROOT/tests/stack.sh"
MACHINE="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2+1}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME" | sed 's/ GNU\/Linux//; s/ (.*//')"
TODAY=$(date -u +%Y-%m-%d)

# the helper, with the flags and libraries the build's Makefile uses
mk() { make -s --no-print-directory -f Makefile -f <(printf 'engines-%s: ; @echo %s\n' "$1" "$2") "engines-$1"; }
export ENGINE_BENCH=$DM_VAR/engine_bench
# shellcheck disable=SC2046,SC2016
${CC:-gcc} -std=c17 -O2 -Wall -Wextra -Wno-unused-parameter $(mk cflags '$(AM_CPPFLAGS)') \
    "$BENCH/engine_bench.c" libdatamind.a $(mk libs '$(DM_LIBS) $(LIBS)') -o "$ENGINE_BENCH" || exit 1

stack_start engines
ENGINES=${ENGINES:-postgresql mysql sqlite clickhouse}
load() { # engine script — drop the engine when its copy of the shop fails
  if ! "$ROOT/scripts/$2" >>"$DM_VAR/load.out" 2>&1; then
    echo "engines: $2 failed, $1 left out:"; tail -n 3 "$DM_VAR/load.out"
    ENGINES=${ENGINES//$1/}
  fi
}
[[ $ENGINES == *mysql* ]] && load mysql demo-shop-to-mysql
[[ $ENGINES == *sqlite* ]] && load sqlite demo-shop-to-sqlite
[[ $ENGINES == *clickhouse* ]] && load clickhouse demo-shop-to-clickhouse
export ENGINES
echo "engines — $TODAY — $MACHINE — stack in $DM_VAR — $ENGINES"
python3 "$BENCH/engines.py" > "$DM_VAR/engines.result.md" || { echo "engines.py failed"; exit 1; }
{
  echo "# Engines (\`bench/engines.sh\`, issue 16)"
  echo
  echo "$TODAY — $MACHINE (nproc $(nproc), shared with other builds and helpers while it"
  echo "ran: the ratios are what to read, not the milliseconds) — gcc \`-O2\`"
  echo "(default \`./configure\`), libdatamind.a at $(git rev-parse --short HEAD) — a private"
  echo "stack from tests/stack.sh: PostgreSQL $(postgres --version | awk '{print $3}'), $(mariadb --version | sed -n 's/.*Distrib \([^,-]*\).*/MariaDB \1/p'),"
  echo "SQLite $(sqlite3 --version | awk '{print $1}'), ClickHouse $(clickhouse-client --version 2>/dev/null | awk '{print $NF}' | sed 's/\.$//'), each holding the demo shop"
  echo "(scripts/demo-data, then scripts/demo-shop-to-{mysql,sqlite,clickhouse})."
  echo "Command: \`bench/engines.sh\` (RUNS=${RUNS:-20}, BIG_RUNS=${BIG_RUNS:-3})."
  echo
  cat "$DM_VAR/engines.result.md"
} > "$BENCH/engines.md"
echo "wrote bench/engines.md"
