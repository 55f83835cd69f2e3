# bench/lib.sh — sourced by bench/load.sh, faults.sh, features.sh: a private
# stack (tests/stack.sh) with the app's rate limits out of the way, plus
# helpers. Sets ROOT, BENCH, PY (python with tests/integration on the path).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
cd "$ROOT"
export PATH=/usr/lib/postgresql/15/bin:$PATH
export DM_RATE=${DM_RATE:-1000000}          # app per-user limits: measured separately (429s counted)
. "$ROOT/tests/stack.sh"
export PYTHONPATH=$ROOT/tests/integration:$BENCH
MACHINE="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2+1}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME" | sed 's/ GNU\/Linux//; s/ (.*//')"
TODAY=$(date -u +%Y-%m-%d)

# env_set KEY VALUE — set a DATAMIND_ setting in the stack's env file and
# restart web + worker so they read it.
env_set() {
  local f=$DM_VAR/datamind.env
  sed -i "/^$1=/d" "$f"; echo "$1=$2" >> "$f"
}
restart_app() {
  local p
  for p in web worker; do
    [ -f "$DM_VAR/run/$p.pid" ] && kill -TERM "$(head -n1 "$DM_VAR/run/$p.pid")" 2>/dev/null
  done
  for _ in $(seq 100); do
    pgrep -f "$DM_VAR/datamind.env" >/dev/null || break
    sleep 0.1
  done
  "$ROOT/scripts/devstack" start >>"$DM_VAR/devstack.out" 2>&1
}
web_workers() { ps -o pid= --ppid "$(head -n 1 "$DM_VAR/run/web.pid")"; }
worker_rss() { web_workers | while read -r p; do awk '/VmRSS/ {print $2}' /proc/$p/status 2>/dev/null; done | awk '{s+=$1} END {print s+0}'; }
bench_stack_start() { # LAYER — start, make sure the rate-limit override is in
  stack_start "$1"
  if ! grep -q '^DATAMIND_RATE_QUESTIONS=1000000' "$DM_VAR/datamind.env"; then
    for k in QUESTIONS QUERIES EXPORTS UPLOADS; do env_set DATAMIND_RATE_$k "$DM_RATE"; done
    restart_app
  fi
}
