"""bench/pages.py — run by bench/pages.sh inside its private stack."""
import glob
import os
import re
import shutil
import subprocess
import time

import benchlib as b
import dm
from test_chat import ask

VAR = os.environ["DM_VAR"]
BIN = os.environ["BIN"]
N = int(os.environ.get("N", "20"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
DUR = int(os.environ.get("DUR", "5"))
CONN = int(os.environ.get("CONN", "8"))
GZ = {"Accept-Encoding": "gzip"}
out = []


def say(s=""):
    print(s, flush=True)
    out.append(s)


def owner(*cmd, **kw):
    if os.getuid() == 0:
        cmd = ("runuser", "-u", "datamind", "--") + cmd
    return subprocess.Popen(cmd, **kw) if kw.pop("background", False) else subprocess.run(cmd, **kw)


# --- the pages ---------------------------------------------------------------
c, did, wids = b.setup_mixed(VAR + "/mixed.env")
r = ask(c, "revenue by region")
chat = r.header("Location")
anon = dm.Client()
PAGES = [("sign-in page", "/login", anon), ("chat conversation", chat, c), ("Explore", "/explore", c),
         ("warm 6-widget dashboard", "/dashboards/%s" % did, c),
         ("widget SVG", "/dashboards/%s/widgets/%s.svg" % (did, wids[0]), c)]
if os.environ.get("ONLY"):  # a regex: profile only the pages it matches (sign-in is kept for the ratio)
    PAGES = [p for p in PAGES if p[0] == "sign-in page" or re.search(os.environ["ONLY"], p[0])]
for _ in range(2):  # warm: result caches, stored fragments, last_seen written
    for _, path, client in PAGES:
        got = client.get(path, headers=GZ)
        assert got.status == 200, (path, got.status)


def hit(path, client, n):
    for _ in range(n):
        got = client.get(path, headers=GZ)
        assert got.status == 200, (path, got.status)


# --- app-DB statements per request --------------------------------------------
def stop_pidfile(name):
    pidfile = "%s/run/%s.pid" % (VAR, name)
    if not os.path.exists(pidfile):
        return
    pid = int(open(pidfile).read().split()[0])
    try:
        os.kill(pid, 15)
    except ProcessLookupError:
        return
    for _ in range(200):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


stop_pidfile("worker")  # the web worker is then the app DB's only client
dm.psql("ALTER SYSTEM SET log_statement = 'all'", db="postgres")
dm.psql("ALTER SYSTEM SET log_line_prefix = '%m [%p] db=%d '", db="postgres")
dm.psql("SELECT pg_reload_conf()", db="postgres")
time.sleep(1)
PGLOG = VAR + "/log/postgresql.log"
STMT = re.compile(r" db=datamind (LOG|LOG:)\s+(statement|execute [^:]*):")
stmts = {}
for name, path, client in PAGES:
    mark = os.path.getsize(PGLOG)
    hit(path, client, N)
    time.sleep(0.5)
    with open(PGLOG, errors="replace") as f:
        f.seek(mark)
        lines = [l for l in f if STMT.search(l)]
    stmts[name] = len(lines) / N
dm.psql("ALTER SYSTEM RESET log_statement", db="postgres")
dm.psql("ALTER SYSTEM RESET log_line_prefix", db="postgres")
dm.psql("SELECT pg_reload_conf()", db="postgres")


# --- worker instructions per request (callgrind) -------------------------------
def healthy():
    try:
        return dm.Client().get("/healthz", timeout=30).status == 200
    except Exception:
        return False


cgdir = VAR + "/callgrind"
os.makedirs(cgdir, exist_ok=True)
os.chmod(cgdir, 0o777)
env_file = VAR + "/datamind.env"


def callgrind_run(path, client, n):
    """The web worker's instructions, from its start to its end, for 3
    warm-up requests and n more of path: one `datamind web --workers 1`
    under callgrind (its workers are forks, so they run under it too)."""
    stop_pidfile("web")
    for f in glob.glob(cgdir + "/cg.*"):
        os.unlink(f)
    web = owner("valgrind", "--tool=callgrind", "--callgrind-out-file=%s/cg.%%p" % cgdir, BIN, "web",
                "--config", env_file, "--pidfile", VAR + "/run/web.pid", "--workers", "1",
                background=True, stdout=subprocess.DEVNULL, stderr=open(VAR + "/log/callgrind.log", "a"))
    dm.wait_for(healthy, timeout=120, step=0.5)
    master = int(open(VAR + "/run/web.pid").read().split()[0])
    hit(path, client, 3)
    hit(path, client, n)
    stop_pidfile("web")
    web.wait(timeout=120)
    files = [f for f in glob.glob(cgdir + "/cg.*") if not f.endswith(".%d" % master)]
    assert len(files) == 1, files  # the one worker (the health check ran in it too)
    if os.environ.get("CG_KEEP") and n:  # for callgrind_annotate
        os.makedirs(os.environ["CG_KEEP"], exist_ok=True)
        shutil.copy(files[0], "%s/%s.callgrind" % (os.environ["CG_KEEP"], re.sub(r"\W+", "-", path)))
    for line in open(files[0]):
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise AssertionError("no total in " + files[0])


# a request's cost is the difference between a run with N requests and one
# without: starting, the warm-up and stopping cancel out
instr = {}
for name, path, client in PAGES:
    instr[name] = (callgrind_run(path, client, N) - callgrind_run(path, client, 0)) / N
    print("callgrind: %s %.3f M instructions/request" % (name, instr[name] / 1e6), flush=True)
stop_pidfile("web")
subprocess.run([os.environ["ROOT"] + "/scripts/devstack", "start"], stdout=subprocess.DEVNULL, check=True)
dm.wait_for(healthy, timeout=60, step=0.2)

# --- wrk, interleaved -----------------------------------------------------------
os.makedirs(VAR + "/bench-static", exist_ok=True)
statics = {"static file, size of the sign-in page": ("/login", anon),
           "static file, size of the dashboard": ("/dashboards/%s" % did, c)}
for i, (label, (path, client)) in enumerate(statics.items()):
    with open("%s/bench-static/s%d.html" % (VAR, i), "wb") as f:
        f.write(client.get(path).body)
os.chmod(VAR + "/bench-static", 0o755)
for p in glob.glob(VAR + "/bench-static/*"):
    os.chmod(p, 0o644)
conf = VAR + "/nginx/nginx.conf"
s = open(conf).read()
if "bench-static" not in s:
    s = s.replace("location /static/ {", "location /bench-static/ { alias %s/bench-static/; }\n    location /static/ {" % VAR, 1)
    open(conf, "w").write(s)
    owner("nginx", "-c", conf, "-p", VAR + "/nginx", "-s", "reload", check=True)
    time.sleep(1)
targets = [(label, "/bench-static/s%d.html" % i, None) for i, label in enumerate(statics)]
targets += [(name, path, client) for name, path, client in PAGES]
cookie = c.cookie("dm_session")
reqs = {t[0]: 0 for t in targets}
secs = {t[0]: 0.0 for t in targets}
for rnd in range(ROUNDS):
    for name, path, client in targets:
        args = ["wrk", "-t1", "-c%d" % CONN, "-d%ds" % DUR, "-H", "Accept-Encoding: gzip"]
        if client is c:
            args += ["-H", "Cookie: dm_session=%s" % cookie]
        res = subprocess.run(args + [dm.BASE + path], capture_output=True, text=True).stdout
        m = re.search(r"(\d+) requests in ([\d.]+)(m?s)", res)
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", res)
        assert m and not bad, (name, res)
        reqs[name] += int(m.group(1))
        secs[name] += float(m.group(2)) / (1000.0 if m.group(3) == "ms" else 1.0)
rps = {k: reqs[k] / secs[k] for k in reqs}

# --- the report -------------------------------------------------------------------
sizes = {name: len(client.get(path, headers=GZ).body) for name, path, client in PAGES}
sign = rps["sign-in page"]
static = rps["static file, size of the dashboard"]
say("| page | app-DB statements / request | worker instructions / request | req/s | ÷ sign-in | ÷ static (dashboard size) | gzip bytes |")
say("|---|---:|---:|---:|---:|---:|---:|")
for name in rps:
    st = "%.2f" % stmts[name] if name in stmts else "–"
    ins = "%.3f M" % (instr[name] / 1e6) if name in instr else "–"
    size = str(sizes.get(name, "–"))
    say("| %s | %s | %s | %s | %.2f | %.3f | %s |" % (name, st, ins, "{:,.0f}".format(rps[name]),
                                                     rps[name] / sign, rps[name] / static, size))
with open(os.environ["OUT"], "a") as f:
    f.write("\n".join(out) + "\n")
