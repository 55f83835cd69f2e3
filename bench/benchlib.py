"""bench/benchlib.py — what the stack benchmarks share: the signed-in demo
admin, a 6-widget dashboard, the mixed wrk workload (one wrk process per
endpoint, histograms merged), percentiles, RSS readers."""
import json
import os
import re
import subprocess
import sys
import time

import dm
from test_chat import ask
from test_dashboards import new_dashboard, pin, widget_ids

BENCH = os.path.dirname(os.path.abspath(__file__))
QUESTIONS = ["revenue by region", "orders by channel", "revenue by month this year",
             "top 5 customers by number of orders", "average order value by region", "revenue by category"]
ENDPOINTS = [("login", "sign-in page  GET /login"), ("chat", "chat turn     POST /chat"),
             ("explore", "Explore run   POST /explore/run"), ("dash", "dashboard     GET /dashboards/{id}"),
             ("svg", "widget SVG    GET …/widgets/{wid}.svg")]


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = min(len(xs) - 1, max(0, int(round(p / 100.0 * len(xs) + 0.5)) - 1))
    return xs[k]


def median(xs):
    return pct(xs, 50)


def message_id(resp):
    m = re.search(r"#m-([0-9a-f-]{36})", resp.header("Location") or "")
    return m.group(1) if m else None


def setup_mixed(path):
    """Sign in, build a 6-widget dashboard from chat answers; write shell vars."""
    c = dm.demo_client()
    conn = dm.shop_connection_id()
    did = new_dashboard(c, "Bench board")
    pinned = 0
    for q in QUESTIONS + ["how many orders per month", "revenue by country", "number of customers"]:
        r = ask(c, q, conn=conn)
        if r.status == 303 and message_id(r) and pin(c, message_id(r), did).status == 303:
            pinned += 1
        if pinned == 6:
            break
    wids = widget_ids(c.get("/dashboards/%s" % did).text)
    assert len(wids) == 6, wids
    csrf = dm.page_csrf(c, "/chat")
    with open(path, "w") as f:
        for k, v in (("COOKIE", c.cookie("dm_session")), ("CSRF", csrf), ("CONN", conn),
                     ("DASH", did), ("WIDS", ",".join(wids))):
            f.write("export %s='%s'\n" % (k, v))
    return c, did, wids


def read_wrk_out(path):
    d = {"status": {}, "err": {}, "lat": {}, "q": [], "req": 0, "dur": 1}
    if not os.path.exists(path):
        return d
    for line in open(path):
        p = line.split()
        if p[0] in ("status", "err"):
            d[p[0]][p[1]] = d[p[0]].get(p[1], 0) + int(p[2])
        elif p[0] == "q":
            d["q"].append(int(p[2]))
        else:
            d[p[0]] = int(p[1])
    for us in d["q"]:  # each quantile stands for req/1000 requests
        d["lat"][us] = d["lat"].get(us, 0) + d["req"] / 1000.0
    return d


def hist_pct(h, p):
    total = sum(h.values())
    if not total:
        return float("nan")
    want, acc = total * p / 100.0, 0
    for k in sorted(h):
        acc += h[k]
        if acc >= want:
            return k / 1000.0
    return max(h) / 1000.0


def merge(ds):
    m = {"status": {}, "err": {}, "lat": {}, "req": 0, "dur": max([d["dur"] for d in ds] + [1])}
    for d in ds:
        m["req"] += d["req"]
        for k in ("status", "err", "lat"):
            for a, b in d[k].items():
                m[k][a] = m[k].get(a, 0) + b
    return m


def summarize(d, dur_s=None):
    """→ dict: rps, p50, p99 (ms), ok (2xx/3xx), r429, bad (other non-2xx/3xx), errs (socket)."""
    st = {int(k): v for k, v in d["status"].items()}
    # 9303 (from mixed.lua): a 303 to /login for a signed-in request
    ok = sum(v for k, v in st.items() if 200 <= k < 400)
    r429 = st.get(429, 0)
    bad = sum(v for k, v in st.items() if not (200 <= k < 400) and k != 429)
    errs = sum(d["err"].values())
    secs = dur_s or d["dur"] / 1e6
    return {"req": d["req"], "rps": d["req"] / secs, "p50": hist_pct(d["lat"], 50),
            "p99": hist_pct(d["lat"], 99), "ok": ok, "r429": r429, "bad": bad, "errs": errs,
            "codes": {k: v for k, v in st.items() if not (200 <= k < 400)}}


def run_mixed(dur, outdir, conns=64, env_file=None, eps=None):
    """Start one wrk per endpoint (connections split), wait, return {ep: raw}."""
    eps = eps or [e for e, _ in ENDPOINTS]
    env = dict(os.environ)
    if env_file:
        for line in open(env_file):
            k, v = line[len("export "):].strip().split("=", 1)
            env[k] = v.strip("'")
    os.makedirs(outdir, exist_ok=True)
    procs = []
    for i, ep in enumerate(eps):
        c = conns // len(eps) + (1 if i < conns % len(eps) else 0)
        e = dict(env, EP=ep, OUT=os.path.join(outdir, ep + ".out"))
        procs.append(subprocess.Popen(["wrk", "-t1", "-c%d" % c, "-d%ds" % dur, "--timeout", "30s",
                                       "-s", os.path.join(BENCH, "mixed.lua"), dm.BASE],
                                      env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for p in procs:
        p.wait()
    return {ep: read_wrk_out(os.path.join(outdir, ep + ".out")) for ep in eps}


def table_rows(raw, dur):
    rows = []
    for ep, label in ENDPOINTS:
        if ep in raw:
            rows.append((label.split("  ")[0].strip(), label.split("  ", 1)[1].strip(), summarize(raw[ep], dur)))
    rows.append(("total", "", summarize(merge(list(raw.values())), dur)))
    return rows


def fmt_table(rows):
    out = ["| endpoint | request | req/s | p50 ms | p99 ms | requests | 429 | other non-2xx/3xx | socket errors |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, req, s in rows:
        codes = ", ".join("%d×%d" % (v, k) for k, v in sorted(s["codes"].items()) if k != 429)
        out.append("| %s | %s | %.1f | %.1f | %.1f | %d | %d | %d%s | %d |" % (
            name, req, s["rps"], s["p50"], s["p99"], s["req"], s["r429"], s["bad"],
            " (%s)" % codes if codes else "", s["errs"]))
    return "\n".join(out)


def proc_kib(pid, field="VmRSS"):
    try:
        for line in open("/proc/%d/status" % pid):
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def web_workers():
    return dm.children(dm.pid_of("web"))


def worker_runners():
    return dm.children(dm.pid_of("worker"))


def reset_peak(pids):
    for p in pids:
        try:
            with open("/proc/%d/clear_refs" % p, "w") as f:
                f.write("5")
        except OSError:
            pass


def chat_works(timeout=5):
    try:
        c = dm.demo_client()
        r = ask(c, "how many orders are there")
        if r.status != 303 or not message_id(r):
            return False
        return c.get(r.header("Location").split("#")[0], timeout=timeout).status == 200
    except Exception:
        return False


def healthz():
    try:
        return dm.Client().get("/healthz", timeout=2).status == 200
    except Exception:
        return False
