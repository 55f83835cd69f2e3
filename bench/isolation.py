"""bench/isolation.py — run by bench/isolation.sh inside its private stack.

Org B's 6-widget dashboard, viewed over and over, while org A runs four
30-second queries (pg_sleep through A's own connection to the shop
database, posted from Explore and followed by their open pages, as a
browser would). Latency of every view of B's dashboard, measured around
each request from this client, through nginx."""
import os
import threading
import time

import benchlib as b
import dm

SLEEP = int(os.environ.get("SLEEP", "30"))
CONC = int(os.environ.get("CONC", "2"))
SECS = float(os.environ.get("SECS", "20"))
out = []


def say(s=""):
    print(s, flush=True)
    out.append(s)


def sleeping():
    """A's queries running on the shop database now, and in all."""
    return int(dm.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = 'shop' "
                       "AND state = 'active' AND query LIKE '%%pg_sleep%%' AND pid <> pg_backend_pid()"))


# --- org B: the demo org, its 6-widget dashboard (six chat answers pinned) -------
c, did, _ = b.setup_mixed(os.environ["DM_VAR"] + "/mixed.env")
B_COOKIE = "dm_session=%s; dm_js=1" % c.cookie("dm_session")  # a browser with JavaScript
URL = "/dashboards/%s" % did


def view(path):
    t = time.monotonic()
    r = c.get(path, headers={"Cookie": B_COOKIE, "Accept-Encoding": "gzip"})
    return (time.monotonic() - t) * 1000.0, r.status


def measure(kind):
    """CONC clients viewing B's dashboard back to back for SECS seconds:
    kind "copied" = the same page again (a repeat view: the worker's copy
    after the version check), "rendered" = a new query string each time (not
    a filter: the page is rendered in full, as a first view is)."""
    lat, bad, seq = [], [0], [0]
    lock = threading.Lock()
    end = time.monotonic() + SECS

    def client():
        while time.monotonic() < end:
            with lock:
                seq[0] += 1
                n = seq[0]
            ms, st = view(URL if kind == "copied" else "%s?v=%d" % (URL, n))
            with lock:
                lat.append(ms)
                bad[0] += st != 200
    threads = [threading.Thread(target=client) for _ in range(CONC)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, bad[0]


def row(label, lat, bad, during):
    lat = sorted(lat)
    say("| %s | %s | %d | %d | %.1f | %.1f | %.1f | %.1f |" % (
        label, during, len(lat), bad, b.pct(lat, 50), b.pct(lat, 95), b.pct(lat, 99), lat[-1]))


for _ in range(5):  # warm: result caches, stored fragments, both workers' copies
    view(URL)
assert view(URL)[1] == 200

# --- org A: its own organization and connection, pg_sleep allowed -----------------
a, _, a_conn = dm.shop_org()


def slow_queries(rnd):
    """Post A's four SLEEP-second queries (each page waits ~2 s, then follows
    its job); their pages stay open (a Follower) so nothing is abandoned.
    A new text each round: the result cache would answer a repeat at once."""
    pages = [None] * 4

    def post(i):
        pages[i] = dm.explore_post(a, a_conn, "SELECT %d AS a, %d AS round FROM pg_sleep(%d)"
                                   % (i, rnd, SLEEP))
    ts = [threading.Thread(target=post, args=(i,)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert [p.status for p in pages] == [202] * 4, [p.status for p in pages]
    return dm.Follower(a, pages)


say("| B's dashboard | while | views | errors | p50 ms | p95 ms | p99 ms | max ms |")
say("|---|---|---:|---:|---:|---:|---:|---:|")
notes = []
for kind in ("copied", "rendered"):
    lat, bad = measure(kind)
    row("%s view" % kind, lat, bad, "nothing else runs")
for rnd, kind in enumerate(("copied", "rendered")):
    tabs = slow_queries(rnd)
    assert dm.wait_for(lambda: sleeping() >= 1, timeout=30), "A's queries did not start"
    t0 = time.monotonic()
    running_before = sleeping()
    lat, bad = measure(kind)
    running_after = sleeping()
    took = time.monotonic() - t0
    row("%s view" % kind, lat, bad, "A's 4 × %d s queries run (%d, then %d, on the shop DB)"
        % (SLEEP, running_before, running_after))
    statuses = [r.status for r in tabs.finish()]
    notes.append("- %s views: measured for %.1f s while A's queries ran; A's four pages then "
                 "finished with %s." % (kind, took, statuses))

with open(os.environ["DM_VAR"] + "/isolation.result.md", "w") as f:
    f.write("\n".join(out + [""] + notes) + "\n")
print("\n".join(notes))
