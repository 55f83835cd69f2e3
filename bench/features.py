"""bench/features.py PART — run by bench/features.sh in its private stack.
PART: sql | alerts | uploads | exports. Appends markdown to $DM_VAR/features.result.md."""
import json
import os
import re
import subprocess
import sys
import time

import benchlib as b
import dm
from test_alerts import check_now, create_alert
from test_uploads import upload

VAR = os.environ["DM_VAR"]
PORT = os.environ["DM_PG_PORT"]
N = int(os.environ.get("RUNS", "200"))
OUT = open(VAR + "/features.result.md", "a")


def say(s=""):
    print(s, flush=True)
    OUT.write(s + "\n")
    OUT.flush()


def explore(c, tok, conn, sql, refresh=False, timeout=300):
    data = {"_csrf": tok, "connection_id": conn, "sql": sql}
    if refresh:
        data["refresh"] = "1"
    t = time.perf_counter()
    r = c.post("/explore/run", data, timeout=timeout)
    wall = (time.perf_counter() - t) * 1000
    m = re.search(r"·\s*([\d.,]+)\s*ms\s*·", r.text)
    return r, wall, float(m.group(1).replace(",", "")) if m else None


def peak_kib(pids):
    return max([b.proc_kib(p, "VmHWM") for p in pids] + [0])


def part_sql():
    c = dm.demo_client()
    tok = dm.page_csrf(c, "/explore")
    conn = dm.shop_connection_id()
    sql = ("SELECT status, channel, date_trunc('month', ordered_at)::date AS month, count(*) AS orders "
           "FROM orders GROUP BY 1, 2, 3 ORDER BY 3, 1, 2")
    nrows = dm.psql("SELECT count(*) FROM (%s) s" % sql, db="shop")
    explore(c, tok, conn, sql, refresh=True)
    app, wall = [], []
    for _ in range(N):
        r, w, ms = explore(c, tok, conn, sql, refresh=True)
        assert r.status == 200 and ms is not None, (r.status, r.text[:300])
        app.append(ms)
        wall.append(w)
    pw = open(VAR + "/demo-secrets/shop_reader").read().strip()
    script = "\\timing on\n" + (sql + ";\n") * (N + 1)
    t = time.perf_counter()
    p = subprocess.run(["psql", "-h", "127.0.0.1", "-p", PORT, "-U", "shop_reader", "-d", "shop", "-X", "-q"],
                       input=script, capture_output=True, text=True, env=dict(os.environ, PGPASSWORD=pw))
    ps = [float(x) for x in re.findall(r"Time: ([\d.]+) ms", p.stdout)][1:]
    one = []
    for _ in range(20):  # a fresh psql -c per run (connect + query + exit)
        t = time.perf_counter()
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", PORT, "-U", "shop_reader", "-d", "shop", "-X", "-qAtc", sql],
                       capture_output=True, env=dict(os.environ, PGPASSWORD=pw))
        one.append((time.perf_counter() - t) * 1000)
    say("### Connections/SQL: execution overhead vs psql\n")
    say("Query (%s rows out of 100,000 orders): `%s`; %d runs each, Explore with `refresh=1` (cache bypassed), one client.\n" % (nrows, sql, N))
    say("| what | median ms | p99 ms |\n|---|---:|---:|")
    say("| psql `\\timing`, one TCP session as shop_reader | %.2f | %.2f |" % (b.median(ps), b.pct(ps, 99)))
    say("| app-reported query ms (Explore page, \"· N ms ·\") | %.2f | %.2f |" % (b.median(app), b.pct(app, 99)))
    say("| POST /explore/run through nginx (client wall) | %.2f | %.2f |" % (b.median(wall), b.pct(wall, 99)))
    say("| `psql -c` process per run (connect+query+exit, 20 runs) | %.2f | %.2f |" % (b.median(one), b.pct(one, 99)))
    say("\nRatio app-reported / psql \\timing: **%.2f×** (median); whole Explore request / psql \\timing: %.2f×." % (
        b.median(app) / b.median(ps), b.median(wall) / b.median(ps)))

    # peak RSS while a 10-million-row query runs with the row cap
    big = "SELECT g, md5(g::text) FROM generate_series(1,10000000) g"
    ws = b.web_workers()
    b.reset_peak(ws)
    base = {p: b.proc_kib(p) for p in ws}
    r, w, ms = explore(c, tok, conn, big, refresh=True)
    peak = {p: b.proc_kib(p, "VmHWM") for p in ws}
    grow = max(peak[p] - base[p] for p in ws)
    cap = re.search(r"(showing the first [\d,]+[^<]*|first [\d,]+ rows|[\d,]+ rows?[^<]{0,60}(cap|limit)[^<]{0,40})", r.text)
    say("\n### Connections/SQL: a 10-million-row query with the row cap\n")
    say("`%s` through POST /explore/run (refresh=1): HTTP %d in %.0f ms (app-reported %s ms); page says: \"%s\". "
        "Web workers' RSS before %s KiB, peak (VmHWM, reset before) %s KiB: **+%.1f MiB** for the worker that ran it." % (
            big, r.status, w, ms, cap.group(0) if cap else "?", "/".join(str(v) for v in base.values()),
            "/".join(str(v) for v in peak.values()), grow / 1024.0))

    # cache hit latency: the same Explore run twice, the second is a hit
    hit_w, hit_ms, miss_w = [], [], []
    for i in range(N):
        q = "SELECT status, count(*) AS n FROM orders WHERE id > %d GROUP BY 1 ORDER BY 1" % (i * 37 + 1000000 * (int(time.time()) % 7))
        _, w1, _ = explore(c, tok, conn, q)
        r2, w2, ms2 = explore(c, tok, conn, q)
        miss_w.append(w1)
        hit_w.append(w2)
        if ms2 is not None:
            hit_ms.append(ms2)
    cached_label = "cached" in r2.text.lower() or "from the cache" in r2.text.lower()
    say("\n### Connections/SQL: result-cache hit latency\n")
    say("%d distinct aggregates over orders, each run twice through POST /explore/run; the second run is a Redis cache hit%s.\n" % (
        N, " (the page marks it cached)" if cached_label else ""))
    say("| | median ms | p99 ms |\n|---|---:|---:|")
    say("| first run (miss), client wall | %.2f | %.2f |" % (b.median(miss_w), b.pct(miss_w, 99)))
    say("| second run (hit), client wall | %.2f | %.2f |" % (b.median(hit_w), b.pct(hit_w, 99)))
    if hit_ms:
        say("| second run (hit), app-reported ms | %.2f | %.2f |" % (b.median(hit_ms), b.pct(hit_ms, 99)))
    say()


def part_alerts():
    n = int(os.environ.get("ALERTS", "1000"))
    org = dm.psql("SELECT id FROM organizations WHERE slug = 'demo'")
    email, _ = dm.demo_login()
    uid = dm.psql("SELECT id FROM users WHERE email = '%s' AND org_id = '%s'" % (email, org))
    conn = dm.shop_connection_id()
    t_ins = time.time()
    dm.psql("INSERT INTO alerts (org_id, created_by_id, connection_id, name, sql_text, condition, threshold, interval_minutes) "
            "SELECT '%s', '%s', '%s', 'bench alert ' || i, "
            "'SELECT count(*) FROM orders WHERE id %% 1000 <> ' || i, 'above', 1000000, 1440 "
            "FROM generate_series(1, %d) i" % (org, uid, conn, n))
    ids_sql = "SELECT id FROM alerts WHERE name LIKE 'bench alert %'"
    done = lambda: int(dm.psql("SELECT count(DISTINCT alert_id) FROM alert_values WHERE alert_id IN (%s)" % ids_sql))
    dm.wait_for(lambda: done() >= n, timeout=float(os.environ.get("ALERT_WAIT", "240")), step=2)
    got = done()
    row = dm.psql("SELECT count(*), extract(epoch FROM min(checked_at)), extract(epoch FROM max(checked_at)), "
                  "count(*) FILTER (WHERE error IS NOT NULL) FROM alert_values WHERE alert_id IN (%s)" % ids_sql).split("|")
    cnt, t1, t2, errs = int(row[0]), float(row[1]), float(row[2]), int(row[3])
    dups = dm.psql("SELECT alert_id, slot, count(*) FROM alert_values GROUP BY 1,2 HAVING count(*) > 1")
    runners = len(b.worker_runners())
    say("### Alerts: checks per minute\n")
    say("%d alerts INSERTed into `alerts` (each a distinct `SELECT count(*) FROM orders WHERE id %% 1000 <> i` over the "
        "100,000-row demo orders, so no result-cache hits), due at once; the scheduler enqueues them; worker with 2 runners "
        "(%d worker children incl. scheduler). %d of %d checked, %d values, %d errors; first check %.1f s after the INSERT.\n" % (
            n, runners, got, n, cnt, errs, t1 - t_ins))
    say("**%.0f checks/minute** (%.1f/s) between the first and the last `alert_values.checked_at` (%.1f s). Duplicate slots: %s.\n" % (
        cnt / max(t2 - t1, 1e-3) * 60, cnt / max(t2 - t1, 1e-3), t2 - t1, "none" if not dups else dups))
    # end-to-end: "check now" → in-app notification
    c = dm.demo_client()
    lat = []
    for i in range(int(os.environ.get("E2E", "20"))):
        name = dm.unique("e2e")
        aid = create_alert(c, name=name, threshold="1000", interval_minutes="1440")
        t = time.perf_counter()
        check_now(c, aid)
        ok = dm.wait_for(lambda: name in c.get("/notifications").text, timeout=60, step=0.05)
        if ok:
            lat.append((time.perf_counter() - t) * 1000)
    say("End-to-end, POST /alerts/{id}/check → the notification listed on GET /notifications (polled every 50 ms), "
        "%d triggering alerts: **median %.0f ms, p99 %.0f ms** (max %.0f).\n" % (len(lat), b.median(lat), b.pct(lat, 99), max(lat or [0])))


def part_uploads():
    rows = int(os.environ.get("UPLOAD_ROWS", "1000000"))
    path = VAR + "/big.csv"
    countries = ["Germany", "France", "Côte d'Ivoire", "United States", "Japan", "Brazil", "India"]
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,date,country,product,quantity,price,note\n")
        for i in range(1, rows + 1):
            f.write('%d,2024-%02d-%02d,%s,"Widget, model %d",%d,%d.%02d,"note %d, with a comma and some padding text"\n' % (
                i, i % 12 + 1, i % 28 + 1, countries[i % 7], i % 500, i % 97 + 1, i % 1000, i % 100, i))
    size = os.path.getsize(path)
    data = open(path, "rb").read()
    c = dm.demo_client()
    peak_before = {p: b.proc_kib(p) for p in b.worker_runners()}
    b.reset_peak(b.worker_runners())
    t0 = time.time()
    r = upload(c, "big.csv", data)
    t_post = time.time() - t0
    loc = r.header("Location")
    page = dm.wait_for(lambda: (lambda p: p if ("Ready:" in p or "could not be loaded" in p) else None)(c.get(loc).text), timeout=900, step=0.5)
    t_all = time.time() - t0
    uid = loc.rsplit("/", 1)[1]
    info = dm.psql("SELECT u.table_name, 'org_' || replace(u.org_id::text, '-', ''), u.row_count, u.status, coalesce(u.error_message,'') "
                   "FROM uploads u WHERE u.id = '%s'" % uid).split("|")
    runner_peak = max([b.proc_kib(p, "VmHWM") for p in b.worker_runners()] + [0])
    say("### Uploads: 1,000,000-row CSV through the upload page and worker vs `psql \\copy`\n")
    say("File: %d rows × 7 columns (id, date, country with \"Côte d'Ivoire\", a quoted product with a comma, quantity, price, a quoted note), %.1f MB." % (rows, size / 1e6))
    if "Ready:" not in (page or ""):
        say("\n**Upload did not finish**: status %s, %s\n" % (info[3], info[4]))
        return
    # the same columns in the same database as the upload table
    db = dm.psql("SELECT current_database()")
    where = None
    for cand in dm.psql("SELECT datname FROM pg_database WHERE NOT datistemplate", db="postgres").split():
        try:
            if dm.psql("SELECT count(*) FROM information_schema.tables WHERE table_schema = '%s' AND table_name = '%s'" % (info[1], info[0]), db=cand) == "1":
                where = cand
                break
        except subprocess.CalledProcessError:
            pass
    cols = dm.psql("SELECT string_agg(quote_ident(column_name) || ' ' || data_type, ', ' ORDER BY ordinal_position) FROM information_schema.columns "
                   "WHERE table_schema = '%s' AND table_name = '%s'" % (info[1], info[0]), db=where)
    dm.psql("DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (%s)" % cols, db=where)
    t = time.time()
    p = subprocess.run(["psql", "-h", VAR + "/run", "-p", PORT, "-U", "postgres", "-d", where, "-qc",
                        "\\copy bench_copy FROM '%s' WITH (FORMAT csv, HEADER true)" % path], capture_output=True, text=True)
    t_copy = time.time() - t
    ncopy = dm.psql("SELECT count(*) FROM bench_copy", db=where)
    dm.psql("DROP TABLE bench_copy", db=where)
    say("Inferred table `%s.%s` in database `%s`: %s.\n" % (info[1], info[0], where, cols))
    say("| path | rows | seconds | rows/s |\n|---|---:|---:|---:|")
    say("| upload page + worker (POST until \"Ready\", polled every 0.5 s) | %s | %.1f | %.0f |" % (info[2], t_all, int(info[2]) / t_all))
    say("| … of which the POST /uploads request (100 MB through nginx) | | %.1f | |" % t_post)
    say("| `psql \\copy` of the same file into a table with the same columns | %s | %.1f | %.0f |" % (ncopy, t_copy, int(ncopy) / t_copy))
    say("\nRatio: the app's ingest takes **%.1f×** the time of `psql \\copy`. Job runners' peak RSS (VmHWM) during the ingest: %.0f MiB (before: %s KiB).%s\n" % (
        t_all / t_copy, runner_peak / 1024.0, "/".join(str(v) for v in peak_before.values()), "" if p.returncode == 0 else " psql: " + p.stderr[:200]))
    os.unlink(path)


def part_exports():
    c = dm.demo_client()
    conn = dm.shop_connection_id()
    sql = "SELECT * FROM orders ORDER BY id"
    say("### Exports: 100,000 rows through POST /explore/export\n")
    say("`%s` (100,000 rows × 6 columns), DATAMIND_MAX_ROWS=100000 for this part (default 10,000 caps exports). Median of 3; RSS peak = VmHWM of the web workers, reset before each export.\n" % sql)
    say("| format | seconds (median of 3) | size | rows in file | web worker peak RSS | growth over RSS at start |\n|---|---:|---:|---:|---:|---:|")
    for fmt in ("csv", "xlsx", "pdf"):
        ts = []
        for _ in range(3):
            ws = b.web_workers()
            b.reset_peak(ws)
            base = max(b.proc_kib(p) for p in ws)
            t = time.perf_counter()
            r = c.post("/explore/export", {"_csrf": dm.page_csrf(c, "/explore"), "format": fmt, "connection_id": conn, "sql": sql}, timeout=600)
            ts.append(time.perf_counter() - t)
            peak = max(b.proc_kib(p, "VmHWM") for p in ws)
        nrows = "%d" % (r.body.count(b"\n") - 1) if fmt == "csv" else "—"
        say("| %s | %.2f | %.1f MB | %s | %.0f MiB | +%.0f MiB |%s" % (fmt.upper(), b.median(ts), len(r.body) / 1e6, nrows, peak / 1024.0,
                                                              (peak - base) / 1024.0, "" if r.status == 200 else " HTTP %d" % r.status))
    big = "SELECT g, md5(g::text) FROM generate_series(1,10000000) g"
    ws = b.web_workers()
    b.reset_peak(ws)
    base = max(b.proc_kib(p) for p in ws)
    tok = dm.page_csrf(c, "/explore")
    r, w, ms = explore(c, tok, conn, big, refresh=True)
    say("\nWith the cap at 100,000, the 10-million-row query through Explore: HTTP %d, %.0f ms, web worker peak RSS %.0f MiB (+%.0f MiB).\n" % (
        r.status, w, max(b.proc_kib(p, "VmHWM") for p in ws) / 1024.0, (max(b.proc_kib(p, "VmHWM") for p in ws) - base) / 1024.0))


{"sql": part_sql, "alerts": part_alerts, "uploads": part_uploads, "exports": part_exports}[sys.argv[1]]()
