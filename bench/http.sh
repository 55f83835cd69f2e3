#!/usr/bin/env bash
# bench/http.sh — the web stack through nginx, measured with wrk:
#   1. the sign-in page (rendered by datamind) vs a static file of the same
#      size (served by nginx alone): requests/s, p50/p99, and the ratio
#   2. an authenticated page (session check) vs the sign-in page
#   3. worker RSS before and after 100,000+ requests (flat = no leak)
#   4. SIGKILL a web worker every second under load: failed requests
# Starts its own private stack (like the tests) and tears it down.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DM_PWHASH_MEMLIMIT_MB=${DM_PWHASH_MEMLIMIT_MB:-64}   # the production default
. "$ROOT/tests/stack.sh"
stack_start bench
DUR=${DUR:-10}
CONN=${CONN:-32}
URL=$DM_BASE_URL

mkdir -p static/bench
curl -fsS "$URL/login" -o static/bench/login-copy.html
trap 'rm -rf "$ROOT/static/bench"; stack_cleanup' EXIT
size=$(stat -c %s static/bench/login-copy.html)

wrk_run() { # label url [wrk args] → "label rps p50 p99 non2xx"
  local label=$1 url=$2; shift 2
  local out; out=$(wrk -t2 -c"$CONN" -d"${DUR}s" --latency "$@" "$url" 2>&1)
  local rps p50 p99 bad
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  bad=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  printf '%-28s %10s req/s   p50 %8s   p99 %8s   requests %9s   non-2xx %s\n' "$label" "$rps" "$p50" "$p99" "$reqs" "${bad:-0}"
}

worker_rss() { # total RSS (KiB) of the web workers
  local master; master=$(head -n 1 "$DM_VAR/run/web.pid")
  ps -o rss= --ppid "$master" | awk '{s+=$1} END {print s}'
}

echo "DataMind HTTP benchmark — $(date -u +%Y-%m-%d) — $(nproc) cores — wrk -t2 -c$CONN -d${DUR}s"
echo "sign-in page: $size bytes"
wrk_run "static file (nginx)" "$URL/static/bench/login-copy.html"
wrk_run "sign-in page (datamind)" "$URL/login"

# an authenticated page: sign in as the demo admin and reuse its cookie
email=$(sed -n 's/.*Sign in as: *//p' "$DM_VAR/demo-login.txt")
pw=$(sed -n 's/.*Password: *//p' "$DM_VAR/demo-login.txt")
jar=$(mktemp)
tok=$(curl -fsS -c "$jar" -b "$jar" "$URL/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$tok" --data-urlencode "email=$email" \
  --data-urlencode "password=$pw" --data-urlencode "org=demo" "$URL/login"
cookie=$(awk '$6=="dm_session" {print $7}' "$jar")
rm -f "$jar"
wrk_run "session check only (GET /)" "$URL/" -H "Cookie: dm_session=$cookie"
wrk_run "settings page (signed in)" "$URL/settings" -H "Cookie: dm_session=$cookie"

# sign-in cost: one POST /login with the configured Argon2id limits
start=$(date +%s%N)
for i in 1 2 3 4 5; do
  jar=$(mktemp)
  tok=$(curl -fsS -c "$jar" -b "$jar" "$URL/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
  curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$tok" --data-urlencode "email=$email" \
    --data-urlencode "password=$pw" --data-urlencode "org=demo" "$URL/login"
  rm -f "$jar"
done
echo "sign-in (GET form + POST, Argon2id ${DM_PWHASH_MEMLIMIT_MB:-64} MiB): $(( ($(date +%s%N) - start) / 5000000 )) ms each"

# RSS over 100,000+ requests
before=$(worker_rss)
DUR=$((DUR * 2)) wrk_run "100k+ requests for RSS" "$URL/login"
after=$(worker_rss)
echo "web worker RSS (all workers): before ${before} KiB, after ${after} KiB"

# SIGKILL a worker every second under load
( end=$((SECONDS + DUR)); while [ $SECONDS -lt $end ]; do
    sleep 1; master=$(head -n 1 "$DM_VAR/run/web.pid")
    victim=$(ps -o pid= --ppid "$master" | shuf -n 1); [ -n "$victim" ] && kill -9 $victim
  done ) &
killer=$!
out=$(wrk -t2 -c"$CONN" -d"${DUR}s" "$URL/login" 2>&1)
wait $killer
reqs=$(echo "$out" | awk '/requests in/ {print $1}')
bad=$(echo "$out" | awk '/Non-2xx/ {print $5}')
errs=$(echo "$out" | awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}')
echo "SIGKILL a worker every second: $reqs requests, ${bad:-0} non-2xx, ${errs:-0} socket errors" \
     "→ $(awk -v b="${bad:-0}" -v e="${errs:-0}" -v r="$reqs" 'BEGIN {printf "%.3f%%", 100*(b+e)/r}') failed"
