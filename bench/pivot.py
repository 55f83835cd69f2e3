"""bench/pivot.py — run by bench/pivot.sh in its private stack. Appends
markdown to $DM_VAR/pivot.result.md."""
import html
import os
import re
import statistics
import subprocess
import time
import urllib.parse

import dm
from test_pivot import describe, get, pivot

VAR = os.environ["DM_VAR"]
PORT = os.environ["DM_PG_PORT"]
N = int(os.environ.get("RUNS", "5"))
OUT = open(VAR + "/pivot.result.md", "a")
# a million rows, six columns: two small groupings, two numbers, a text
# with 5,000 values, the id
SRC = ("SELECT g AS id, g %% 12 AS month, (g::bigint * 7919) %% 30 AS store, (g %% 1000)::float8 / 7 AS amount,"
       " ((g * 31) %% 997)::numeric AS qty, md5((g %% 5000)::text) AS tag"
       " FROM generate_series(1, %d) AS g -- run %s")
ROWS = int(os.environ.get("ROWS", "1000000"))


def say(s=""):
    print(s, flush=True)
    OUT.write(s + "\n")
    OUT.flush()


def psql_ms(sql):
    """Server time of sql in psql (\\timing), as the reader role the app uses."""
    pw = open(VAR + "/demo-secrets/shop_reader").read().strip()
    p = subprocess.run(["psql", "-h", "127.0.0.1", "-p", PORT, "-U", "shop_reader", "-d", "shop", "-X", "-q",
                        "-o", "/dev/null"], input="\\timing on\n" + sql + ";\n", capture_output=True, text=True,
                       env=dict(os.environ, PGPASSWORD=pw), check=True)
    return float(re.search(r"Time: ([\d.]+) ms", p.stdout).group(1))


def page_ms(c, url):
    t = time.perf_counter()
    r = get(c, url)
    err = re.search(r'class="card result-error" role="alert">(.*?)</div>', r.text, re.S)
    assert r.status == 200 and not err, (r.status, err and html.unescape(re.sub("<[^>]+>", " ", err.group(1))))
    return (time.perf_counter() - t) * 1000, r.text


def shown_sql(page):
    return html.unescape(re.search(r"<summary>SQL</summary><pre><code>(.*?)</code>", page, re.S).group(1))


def main():
    c = dm.demo_client()
    conn = dm.shop_connection_id()
    fetch, base, desc, piv, dsql, psql_, page_d, page_p, warm_d, warm_p = ([] for _ in range(10))
    qs_pivot = "&view=pivot&rows=month&cols=store&agg=sum&val=amount"
    for run in range(N):  # interleaved: each run a fresh SQL text (no cache), then warm
        src = SRC % (ROWS, "%d-%d" % (os.getpid(), run))
        url = "/explore/analyze?connection_id=%s&sql=%s" % (conn, urllib.parse.quote(src, safe=""))
        base.append(psql_ms("SELECT count(*) FROM (%s\n) AS src" % src))
        fetch.append(psql_ms(src))
        ms, page = page_ms(c, url + "&view=describe")
        page_d.append(ms)
        d = describe(page)
        assert int(d["id"]["distinct"].replace(",", "")) == ROWS, d["id"]
        dsql.append(shown_sql(page))
        desc.append(psql_ms(dsql[-1]))
        ms, page = page_ms(c, url + qs_pivot)
        page_p.append(ms)
        heads, rows, foot = pivot(page)
        assert len(rows) == 12 and len(heads) == 31, (len(rows), len(heads))
        psql_.append(shown_sql(page))
        piv.append(psql_ms(psql_[-1]))
        warm_d.append(page_ms(c, url + "&view=describe")[0])
        warm_p.append(page_ms(c, url + qs_pivot)[0])
    m = statistics.median
    b = m(base)
    nstat = dm.psql("SELECT 1", db="shop")  # the stack is still up
    assert nstat == "1"
    say("Source: `generate_series` of %s rows, 6 columns (id, month 0–11, store 0–29, amount float8,"
        " qty numeric, tag text of 5,000 values). Medians of %d interleaved runs; a fresh SQL text per run"
        " (a comment), so \"cold\" pages miss the result cache." % (format(ROWS, ","), N))
    say()
    f = m(fetch)

    def row(what, xs, digits=2):
        say("| %s | %.0f ms | %.*f | %.*f |" % (what, m(xs), digits, m(xs) / b, digits, m(xs) / f))

    say("| what | median | × count(*) over it | × fetching it whole |")
    say("|---|---:|---:|---:|")
    row("`SELECT count(*) FROM (source)` in psql (computes only what count needs: not the md5s)", base)
    row("the source fetched whole by psql (every row sent to a client: the least a C loop over the"
        " rows would cost)", fetch)
    row("describe statement in psql (per column count, nulls, distinct, min/max; mean, quartiles,"
        " sd and a 10-bin histogram of the 5 numeric ones; top 5 of the text one; corr of the 10"
        " numeric pairs)", desc)
    row("pivot statement in psql (month × store, sum(amount), GROUPING SETS totals)", piv)
    row("Describe page, cold (LIMIT 0 job + describe job, followed)", page_d)
    row("Pivot page, cold (LIMIT 0 job + pivot job)", page_p)
    row("Describe page, warm (result cache)", warm_d, 3)
    row("Pivot page, warm (result cache)", warm_p, 3)
    say()
    nd = dm.psql("SELECT count(*) FROM (%s) AS s" % dsql[-1], db="shop")
    np_ = dm.psql("SELECT count(*) FROM (%s) AS s" % psql_[-1], db="shop")
    say("Rows the app reads back: describe %s, pivot %s (for %s source rows). The web worker lays"
        " these out; no C loop walks the source rows." % (nd, np_, format(ROWS, ",")))


main()
