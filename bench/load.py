"""bench/load.py — run by bench/load.sh inside its private stack."""
import json
import os
import statistics
import subprocess
import sys
import time

import benchlib as b
import dm
from test_chat import ask

DUR = int(os.environ.get("DUR", "60"))
CONN = int(os.environ.get("CONN", "64"))
TMP = os.environ["DM_VAR"]
out = []


def say(s=""):
    print(s, flush=True)
    out.append(s)


def rss():
    return {p: b.proc_kib(p) for p in b.web_workers()}


c, did, wids = b.setup_mixed(TMP + "/mixed.env")
# warm: every endpoint once (result caches, templates)
b.run_mixed(2, TMP + "/warm", conns=10, env_file=TMP + "/mixed.env")
before = rss()
t0 = time.time()
raw = b.run_mixed(DUR, TMP + "/mixed", conns=CONN, env_file=TMP + "/mixed.env")
after = rss()
rows = b.table_rows(raw, DUR)
say("### Mixed workload: %d connections, %d s, one wrk per endpoint (%d connections each)\n" % (CONN, DUR, CONN // 5))
say(b.fmt_table(rows))
say()
say("Web workers' RSS (%d workers, KiB): before %s = %d, after %s = %d." % (
    len(after), "+".join(str(v) for v in before.values()), sum(before.values()),
    "+".join(str(v) for v in after.values()), sum(after.values())))
restarted = set(before) != set(after)
if restarted:
    say("(worker pids changed during the run: recycled after max_requests or restarted)")
users = int(dm.psql("SELECT count(*) FROM chat_messages WHERE role = 'user'"))
say("Chat turns accepted (303) under load: %d; user messages stored in total: %d." % (
    rows[1][2]["ok"], users))

# Dashboards: the 6-widget dashboard (warm) vs a static file of the same size
page = c.get("/dashboards/%s" % did).body
os.makedirs(TMP + "/bench-static", exist_ok=True)
with open(TMP + "/bench-static/dash-copy.html", "wb") as f:
    f.write(page)
os.chmod(TMP + "/bench-static/dash-copy.html", 0o644)
conf = TMP + "/nginx/nginx.conf"
s = open(conf).read()
if "bench-static" not in s:
    s = s.replace("location /static/ {", "location /bench-static/ { alias %s/bench-static/; }\n    location /static/ {" % TMP, 1)
    open(conf, "w").write(s)
    subprocess.run(["runuser", "-u", "datamind", "--", "nginx", "-c", conf, "-p", TMP + "/nginx", "-s", "reload"], check=True)
    time.sleep(1)


def wrk1(path, cookie=True):
    env = dict(os.environ, EP="path", PATH_=path, COOKIE=c.cookie("dm_session") if cookie else "",
               OUT=TMP + "/one.out")
    subprocess.run(["wrk", "-t2", "-c%d" % CONN, "-d%ds" % DUR, "--timeout", "30s", "-s",
                    b.BENCH + "/mixed.lua", dm.BASE], env=env, stdout=subprocess.DEVNULL, check=True)
    return b.summarize(b.read_wrk_out(TMP + "/one.out"), DUR)


assert dm.Client().get("/bench-static/dash-copy.html").status == 200
d = wrk1("/dashboards/%s" % did)
s_ = wrk1("/bench-static/dash-copy.html", cookie=False)
say("\n### Dashboards: 6-widget dashboard (warm caches) vs nginx serving a static file of the same size (%d bytes), %d connections, %d s each\n" % (len(page), CONN, DUR))
say("| what | req/s | p50 ms | p99 ms | non-2xx/3xx | socket errors |\n|---|---:|---:|---:|---:|---:|")
for name, r in (("dashboard GET /dashboards/{id}", d), ("static file (nginx)", s_)):
    say("| %s | %.0f | %.2f | %.2f | %d | %d |" % (name, r["rps"], r["p50"], r["p99"], r["bad"] + r["r429"], r["errs"]))
say("\nRatio static/dashboard: %.1f× the requests/s; dashboard p99 is %.1f× the static p99." % (
    s_["rps"] / d["rps"], d["p99"] / s_["p99"]))

# Chat: full turn through nginx minus the query time, ~200 questions
qs = [q["q"] for q in json.load(open(os.path.join(dm.ROOT, "tests/integration/questions.json")))
      if q.get("follow_up_of") is None]
qs = (qs * 4)[:200]
conn = dm.shop_connection_id()
c2 = dm.demo_client()
tok = dm.page_csrf(c2, "/chat")
over, tot, qms, cached, statuses = [], [], [], 0, {}
for q in qs:
    t = time.perf_counter()
    r = c2.post("/chat", {"_csrf": tok, "message": q, "connection_id": conn})
    wall = (time.perf_counter() - t) * 1000
    statuses[r.status] = statuses.get(r.status, 0) + 1
    mid = b.message_id(r)
    if not mid:
        continue
    tm = dm.psql("SELECT coalesce(timings::text, '{}') FROM chat_messages WHERE id = '%s'" % mid)
    tm = json.loads(tm or "{}")
    if "query_ms" not in tm:
        continue
    cached += 1 if tm.get("cached") else 0
    qms.append(tm["query_ms"])
    tot.append(wall)
    over.append(wall - tm["query_ms"])
say("\n### Chat: full turn through nginx (POST /chat → 303) minus the stored query_ms, %d questions (%d distinct from tests/integration/questions.json, each asked up to 4×; %d answered from the result cache), one client, no other load\n" % (len(over), len(set(qs)), cached))
say("| | median ms | p99 ms |\n|---|---:|---:|")
say("| turn through nginx (client) | %.1f | %.1f |" % (b.median(tot), b.pct(tot, 99)))
say("| query_ms (stored) | %.1f | %.1f |" % (b.median(qms), b.pct(qms, 99)))
say("| **turn minus query** | **%.1f** | **%.1f** |" % (b.median(over), b.pct(over, 99)))
say("\nStatuses: %s; %d of %d turns had no query (clarifying answers) and are left out." % (
    statuses, len(qs) - len(over), len(qs)))
open(TMP + "/load.result.md", "w").write("\n".join(out) + "\n")
