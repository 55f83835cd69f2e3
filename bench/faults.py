"""bench/faults.py — run by bench/faults.sh inside its private stack: each
fault under the mixed load; failed requests, recovery, nothing lost."""
import json
import os
import random
import re
import signal
import subprocess
import threading
import time

import benchlib as b
import dm
from test_alerts import check_now, create_alert
from test_uploads import upload

DUR = int(os.environ.get("DUR", "30"))
VAR = os.environ["DM_VAR"]
PGBIN = "/usr/lib/postgresql/15/bin"
WRK_QS = ("revenue by region", "how many orders are there", "top 5 customers by number of orders",
          "orders by channel", "revenue by month this year", "average order value by region",
          "revenue by category", "how many customers are there")
rows_md = []
notes = []


def as_owner(*cmd):
    return subprocess.run(["runuser", "-u", "datamind", "--"] + list(cmd), capture_output=True, text=True)


def user_msgs():
    return int(dm.psql("SELECT count(*) FROM chat_messages WHERE role = 'user' AND content IN (%s)" %
                       ",".join("'%s'" % q for q in WRK_QS)))


def dup_slots():
    return dm.psql("SELECT alert_id, slot, count(*) FROM alert_values GROUP BY 1,2 HAVING count(*) > 1")


def probe_ok():
    if not b.healthz():
        return False
    try:
        c = dm.demo_client()
        r = c.post("/chat", {"_csrf": dm.page_csrf(c, "/chat"), "message": "number of products",
                             "connection_id": dm.shop_connection_id()})
        return r.status == 303 and b.message_id(r) is not None and c.get(r.header("Location").split("#")[0]).status == 200
    except Exception:
        return False


def log_offsets():
    return {f: os.path.getsize(os.path.join(VAR, "log", f)) for f in os.listdir(os.path.join(VAR, "log"))}


def new_log_lines(off, pat=r'"level":"(error|fatal)"|ERROR|FATAL|PANIC'):
    out = []
    for f, o in off.items():
        p = os.path.join(VAR, "log", f)
        with open(p, "rb") as fh:
            fh.seek(o)
            for line in fh.read().decode("utf-8", "replace").splitlines():
                if re.search(pat, line):
                    out.append("%s: %s" % (f, line[:400]))
    return out


def run_fault(name, inject, settle=None, recover_from_end=True):
    """Mixed load for DUR s; inject() at 5 s (returns when the fault is over);
    recovery polled from then. Returns a table row."""
    before = user_msgs()
    off = log_offsets()
    res = {}
    th = threading.Thread(target=lambda: res.update(raw=b.run_mixed(DUR, VAR + "/f-" + name.split()[0],
                                                                    env_file=VAR + "/mixed.env")))
    th.start()
    time.sleep(5)
    t_fault = time.time()
    extra = inject() or ""
    t0 = time.time() if recover_from_end else t_fault
    while not probe_ok():
        if time.time() - t0 > 120:
            break
        time.sleep(0.2)
    rec = time.time() - t0
    th.join()
    if settle:
        extra += settle()
    time.sleep(1)
    raw = res["raw"]
    tot = b.summarize(b.merge(list(raw.values())), DUR)
    chat = b.summarize(raw["chat"], DUR)
    stored = user_msgs() - before
    dups = dup_slots()
    failed = tot["bad"] + tot["errs"]
    lines = new_log_lines(off)
    codes = ", ".join("%d×%d" % (v, k) for k, v in sorted(tot["codes"].items()))
    row = "| %s | %d | %d%s | %d | %.1f s | %d / %d %s | %s | %s |" % (
        name, tot["req"], failed, " (%s%s)" % (codes, ", %d socket errors" % tot["errs"] if tot["errs"] else "") if failed else "",
        tot["r429"], rec, stored, chat["ok"], "ok" if stored >= chat["ok"] else "**LOST %d**" % (chat["ok"] - stored),
        "none" if not dups else "**%d duplicated**" % len(dups.splitlines()), extra)
    print(row, flush=True)
    rows_md.append(row)
    if lines:
        notes.append("%s — %d error lines in the logs, first ones:\n```\n%s\n```" % (name, len(lines), "\n".join(lines[:6])))
    return row


# ---- the faults -----------------------------------------------------------

def kill_workers():
    end = time.time() + DUR - 12
    n = 0
    while time.time() < end:
        ws = b.web_workers()
        if ws:
            dm.kill(random.choice(ws))
            n += 1
        time.sleep(1)
    return "%d workers SIGKILLed, one a second" % n


def restart_redis():
    pid = dm.pid_of("redis")
    os.kill(pid, signal.SIGTERM)
    for _ in range(100):
        try:
            os.kill(pid, 0)
            time.sleep(0.05)
        except ProcessLookupError:
            break
    t = time.time()
    r = dm.devstack("start")
    return "redis down %.1f s (SIGTERM → devstack start; AOF on)" % (time.time() - t) + ("" if r.returncode == 0 else " devstack failed: " + r.stderr[-200:])


def restart_pg():
    t = time.time()
    r = as_owner(PGBIN + "/pg_ctl", "-D", VAR + "/pg", "-m", "fast", "-w", "-l", VAR + "/log/postgresql.log", "restart")
    return "pg_ctl restart -m fast took %.1f s%s" % (time.time() - t, "" if r.returncode == 0 else " rc=%d %s" % (r.returncode, r.stderr[-200:]))


ALERTS = []


def kill_runner():
    c = dm.demo_client()
    t = time.time()
    for aid in ALERTS:
        check_now(c, aid)
    killed = 0
    seen = set()
    while time.time() - t < 15 and killed < 3:
        page = c.get("/admin/jobs").text
        for m in re.finditer(r"<td>alert\.check</td><td>[^<]*:(\d+):\d+</td>", page):
            pid = int(m.group(1))
            if pid not in seen and pid in b.worker_runners():
                seen.add(pid)
                dm.kill(pid)
                killed += 1
                time.sleep(1.5)
                break
        time.sleep(0.2)
    KR["killed"] = killed
    KR["t"] = t
    return ""


KR = {}


def settle_alerts():
    ids = ",".join("'%s'" % a for a in ALERTS)
    done = lambda: int(dm.psql("SELECT count(DISTINCT alert_id) FROM alert_values WHERE alert_id IN (%s)" % ids))
    dm.wait_for(lambda: done() >= len(ALERTS), timeout=180, step=1)
    n = done()
    last = float(dm.psql("SELECT extract(epoch FROM max(checked_at)) FROM alert_values WHERE alert_id IN (%s)" % ids))
    vals = int(dm.psql("SELECT count(*) FROM alert_values WHERE alert_id IN (%s)" % ids))
    return "%d runners SIGKILLed mid-check; %d/%d alerts checked (%d values) %.0f s after \"check now\"" % (
        KR.get("killed", 0), n, len(ALERTS), vals, last - KR["t"])


UP = {}


def spool_full():
    spool = VAR + "/tmp/datamind-uploads"
    c = dm.demo_client()
    csv = "id,region,amount\n" + "".join("%d,R%d,%d.5\n" % (i, i % 7, i) for i in range(20000))
    res = []
    upload(c, "first.csv", csv)  # the app creates its spool dir
    if not os.path.isdir(spool):
        os.makedirs(spool)
        subprocess.run(["chown", "datamind:", spool])
    mode = os.stat(spool).st_mode & 0o7777
    def up():
        r = upload(c, "spool.csv", csv)
        loc = r.header("Location") or ""
        res.append((time.time(), r.status, loc, re.findall(r'class="(?:error|flash[^"]*)"[^>]*>([^<]{0,200})', r.text)))
    up()
    os.chmod(spool, 0)
    t = time.time()
    while time.time() - t < 10:
        up()
        time.sleep(0.5)
    os.chmod(spool, mode)
    t_restore = time.time()
    up()
    UP.update(res=res, c=c, t_restore=t_restore)
    # recovery for uploads: until an upload after the restore is Ready
    while time.time() - t_restore < 60:
        r = upload(c, "after.csv", csv)
        loc = r.header("Location") or ""
        if r.status == 303 and re.search(r"/uploads/[0-9a-f-]{36}", loc):
            p = dm.wait_for(lambda: (lambda p: p if ("Ready:" in p or "could not be loaded" in p) else None)(c.get(loc).text), timeout=60, step=0.2)
            if p and "Ready:" in p:
                UP["up_rec"] = time.time() - t_restore
                break
        time.sleep(0.2)
    return ""


def settle_uploads():
    c, res = UP["c"], UP["res"]
    outcome = {}
    msgs = set()
    for ts, st, loc, err in res:
        if st == 303 and "/uploads/" in loc and loc.rstrip("/").split("/")[-1] != "uploads":
            page = dm.wait_for(lambda: (lambda p: p if ("Ready:" in p or "could not be loaded" in p) else None)(c.get(loc).text), timeout=60, step=0.3)
            k = "ready" if page and "Ready:" in page else "failed"
            if page and k == "failed":
                msgs.update(m.strip() for m in re.findall(r'(?s)could not be loaded.{0,200}', page)[:1])
        else:
            k = "refused %d" % st
            page = c.get(loc).text if loc else ""
            msgs.update(m.strip() for m in re.findall(r'class="(?:flash|error)[^"]*"[^>]*>([^<]{1,200})', page))
        outcome[k] = outcome.get(k, 0) + 1
    UP["msgs"] = msgs
    return "uploads during the fault (spool dir chmod 000 for 10 s): %s; first upload Ready %.1f s after the restore; messages: %s" % (
        ", ".join("%d %s" % (v, k) for k, v in outcome.items()), UP.get("up_rec", float("nan")), "; ".join(sorted(msgs))[:300] or "none")


def main():
    b.setup_mixed(VAR + "/mixed.env")
    c = dm.demo_client()
    conn = dm.shop_connection_id()
    for i in range(50):
        ALERTS.append(create_alert(c, sql="SELECT count(*) FROM generate_series(1, 6000000 + %d)" % i,
                                   threshold="1000", interval_minutes="1440"))
    b.run_mixed(2, VAR + "/warm", conns=10, env_file=VAR + "/mixed.env")
    only = os.environ.get("FAULTS", "kill,redis,pg,runner,spool").split(",")
    print("| fault | requests | failed (non-2xx/3xx + socket errors) | 429 | recovery | chat turns stored / accepted | duplicate alert slots | notes |\n|---|---:|---|---:|---:|---|---|---|", flush=True)
    if "kill" in only:
        run_fault("SIGKILL web workers", kill_workers)
    if "redis" in only:
        run_fault("restart Redis", restart_redis, recover_from_end=False)
    if "pg" in only:
        run_fault("restart PostgreSQL", restart_pg, recover_from_end=False)
    if "runner" in only:
        run_fault("kill job runner mid-check", kill_runner, settle_alerts)
    if "spool" in only:
        run_fault("uploads spool unwritable", spool_full, settle_uploads, recover_from_end=True)
    with open(VAR + "/faults.result.md", "w") as f:
        f.write("| fault | requests | failed (non-2xx/3xx + socket errors) | 429 | recovery | chat turns stored / accepted | duplicate alert slots | notes |\n|---|---:|---|---:|---:|---|---|---|\n")
        f.write("\n".join(rows_md) + "\n\n")
        for n in notes:
            f.write(n + "\n\n")


main()
