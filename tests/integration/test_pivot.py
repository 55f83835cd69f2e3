"""Pivot and "describe this result" (issue 20, part 2) on the demo shop:
every figure the page shows is checked against SQL written by hand here,
for a saved query, a dashboard widget, a chat answer and an Explore result.
The pivot and the statistics are computed by the database (the query
wrapped, validated again and run by the worker), never from pasted values;
names come from the result's columns only."""
import html
import re
import time
import unittest
import urllib.parse

import dm
from test_chat import ask
from test_dashboards import add_sql_widget, new_dashboard, widget_ids

LINES = ("SELECT c.segment, o.channel, o.status, oi.quantity, oi.unit_price * oi.quantity AS amount"
         " FROM orders o JOIN customers c ON c.id = o.customer_id JOIN order_items oi ON oi.order_id = o.id")
PRODUCTS = "SELECT p.name, c.name AS category, p.unit_price, p.cost, p.launched_at FROM products p" \
           " JOIN categories c ON c.id = p.category_id"
FOLLOW = re.compile(r'id="analyze-follow" hx-get="([^"]+)"')


def shop(sql):
    return dm.psql(sql, db="shop")


def shop_rows(sql):
    return [line.split("|") for line in shop(sql).splitlines()]


def get(client, url):
    """GET url, following the page's query jobs (202, the page asking for
    itself again) as the page does."""
    r = client.get(url)
    for _ in range(600):
        m = FOLLOW.search(r.text) if r.status == 202 else None
        if not m:
            break
        time.sleep(0.2)
        r = client.get(html.unescape(m.group(1)))
    return r


def text(s):
    return html.unescape(re.sub(r"<[^>]+>", "", s)).strip()


def pivot(page):
    """(column heads, {row key: [cells…, total]}, [column totals…, grand])."""
    m = re.search(r'<table class="data pivot-table">(.*?)</table>', page, re.S)
    assert m, page[:4000]
    t = m.group(1)
    heads = [text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", re.search(r"<thead>(.*?)</thead>", t, re.S).group(1))]
    rows = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", t, re.S).group(1), re.S):
        key = text(re.search(r'<th scope="row">(.*?)</th>', tr).group(1))
        rows[key] = [text(v) for v in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
    foot = [text(v) for v in re.findall(r"<td[^>]*>(.*?)</td>", re.search(r"<tfoot>(.*?)</tfoot>", t, re.S).group(1))]
    return heads[1:], rows, foot


def describe(page):
    """{column: {stat: text}} and its top values, from the describe table."""
    m = re.search(r'<table class="data describe-table">(.*?)</table>', page, re.S)
    assert m, page[:4000]
    out = {}
    for name, tr in re.findall(r'<tr data-col="([^"]*)">(.*?)</tr>', m.group(1), re.S):
        stats = {k: text(v) for k, v in re.findall(r'data-stat="(\w+)">(.*?)</td>', tr, re.S)}
        stats["top"] = [html.unescape(v) for v in re.findall(r'data-top="([^"]*)"', tr)]
        stats["hist"] = len(re.findall(r'<rect class="spark-bar"', tr))
        out[html.unescape(name)] = stats
    return out


def correlation(page):
    m = re.search(r'<table class="data corr-table">(.*?)</table>', page, re.S)
    if not m:
        return {}
    heads = [text(h) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', m.group(1))]
    out = {}
    for name, tr in re.findall(r'<tr data-col="([^"]*)">(.*?)</tr>', m.group(1), re.S):
        vals = [text(v) for v in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        for h, v in zip(heads, vals):
            out[(html.unescape(name), h)] = v
    return out


def num(s):
    return float(s.split()[0].replace(",", ""))


class TestPivot(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        cls.conn = dm.shop_connection_id()
        cls.qid = dm.save_query(cls.c, dm.unique("Lines"), LINES, cls.conn)
        cls.pid = dm.save_query(cls.c, dm.unique("Products"), PRODUCTS, cls.conn)

    def assertClose(self, shown, exact, places=2, msg=None):
        self.assertAlmostEqual(num(shown), float(exact), delta=max(10 ** -places, abs(float(exact)) * 1e-6), msg=msg)

    def test_saved_query_pivot_cells_and_totals(self):
        r = get(self.c, "/queries/%s/analyze?view=pivot&rows=segment&cols=channel&agg=sum&val=amount" % self.qid)
        self.assertEqual(r.status, 200)
        heads, rows, foot = pivot(r.text)
        want_cols = [x[0] for x in shop_rows("SELECT DISTINCT channel FROM orders ORDER BY 1")]
        self.assertEqual(heads, want_cols + ["Total"])
        by = {(s, ch): v for s, ch, v in shop_rows(
            "SELECT c.segment, o.channel, sum(oi.unit_price * oi.quantity) FROM orders o JOIN customers c"
            " ON c.id = o.customer_id JOIN order_items oi ON oi.order_id = o.id GROUP BY 1, 2")}
        segs = [x[0] for x in shop_rows("SELECT DISTINCT segment FROM customers ORDER BY 1")]
        self.assertEqual(list(rows), segs, "rows in the database's order")
        for s in segs:
            self.assertEqual(rows[s][:-1], [by.get((s, ch), "") for ch in want_cols], s)
            self.assertEqual(rows[s][-1], shop(
                "SELECT sum(oi.unit_price * oi.quantity) FROM orders o JOIN customers c ON c.id = o.customer_id"
                " JOIN order_items oi ON oi.order_id = o.id WHERE c.segment = '%s'" % s))
        for ch, total in zip(want_cols, foot):
            self.assertEqual(total, shop("SELECT sum(oi.unit_price * oi.quantity) FROM orders o JOIN order_items oi"
                                         " ON oi.order_id = o.id WHERE o.channel = '%s'" % ch))
        self.assertEqual(foot[-1], shop("SELECT sum(unit_price * quantity) FROM order_items"))
        self.assertIn("GROUPING SETS", html.unescape(r.text), "the SQL shown is the wrapped one")

    def test_pivot_count_avg_rows_only(self):
        r = get(self.c, "/queries/%s/analyze?view=pivot&rows=status&agg=count" % self.qid)
        heads, rows, foot = pivot(r.text)
        want = shop_rows("SELECT o.status, count(*) FROM orders o JOIN order_items oi ON oi.order_id = o.id"
                         " GROUP BY 1 ORDER BY 1")
        self.assertEqual({k: v[-1] for k, v in rows.items()}, {s: n for s, n in want})
        self.assertEqual(foot[-1], shop("SELECT count(*) FROM order_items"))
        r = get(self.c, "/queries/%s/analyze?view=pivot&rows=channel&cols=segment&agg=avg&val=quantity" % self.qid)
        heads, rows, foot = pivot(r.text)
        for ch, seg, v in shop_rows("SELECT o.channel, c.segment, avg(oi.quantity) FROM orders o JOIN customers c"
                                    " ON c.id = o.customer_id JOIN order_items oi ON oi.order_id = o.id GROUP BY 1, 2"):
            self.assertClose(rows[ch][heads.index(seg)], v)
        self.assertClose(foot[-1], shop("SELECT avg(quantity) FROM order_items"))

    def test_choices_are_checked(self):
        base = "/queries/%s/analyze?view=pivot" % self.qid
        for qs, says in (("&rows=nope&agg=count", "no column"),
                         ("&rows=segment&agg=sum&val=channel", "not a number"),
                         ("&rows=segment&agg=median&val=amount", "Choose an aggregate"),
                         ("&rows=segment&cols=segment&agg=count", "two different columns"),
                         ('&rows=segment%22)%3B+DROP+TABLE+orders%3B--&agg=count', "no column")):
            r = get(self.c, base + qs)
            self.assertEqual(r.status, 200, qs)
            self.assertIn("This cannot be computed", r.text, qs)
            self.assertIn(says, html.unescape(r.text), qs)
            self.assertNotIn("pivot-table", r.text)
        self.assertNotEqual(shop("SELECT count(*) FROM orders"), "0")
        # the form offers the result's columns only
        r = get(self.c, base)
        opts = re.findall(r'<select name="rows"[^>]*>(.*?)</select>', r.text, re.S)[0]
        self.assertEqual(re.findall(r'<option value="([^"]+)"', opts),
                         ["segment", "channel", "status", "quantity", "amount"])

    def test_quoted_names_are_identifiers(self):
        sql = 'SELECT channel AS "ch""an; nel", count(*) AS "n o" FROM orders GROUP BY 1'
        qid = dm.save_query(self.c, dm.unique("Quoted"), sql, self.conn)
        r = get(self.c, "/queries/%s/analyze?view=pivot&rows=%s&agg=sum&val=%s" % (
            qid, urllib.parse.quote('ch"an; nel'), urllib.parse.quote("n o")))
        heads, rows, foot = pivot(r.text)
        self.assertEqual(rows["web"][-1], shop("SELECT count(*) FROM orders WHERE channel = 'web'"))
        self.assertEqual(foot[-1], shop("SELECT count(*) FROM orders"))

    def test_pivot_csv_export(self):
        url = "/queries/%s/analyze?view=pivot&rows=segment&cols=channel&agg=sum&val=amount" % self.qid
        page = get(self.c, url).text
        link = re.search(r'<a class="btn small" href="([^"]+format=csv)" hx-boost="false"', page)
        self.assertTrue(link, "a plain download link htmx does not boost")
        r = dm.follow_export(self.c, self.c.get(html.unescape(link.group(1))))
        self.assertEqual(r.status, 200)
        self.assertIn("text/csv", r.header("Content-Type"))
        lines = r.body.decode().splitlines()
        self.assertEqual(lines[0], "segment,channel,sum of amount,total")
        grand = [x for x in lines if x.endswith(",grand total")]
        self.assertEqual(grand, [",,%s,grand total" % shop("SELECT sum(unit_price * quantity) FROM order_items")])
        n = int(shop("SELECT count(DISTINCT (c.segment, o.channel)) FROM orders o JOIN customers c ON c.id = o.customer_id"))
        self.assertEqual(len([x for x in lines[1:] if x.endswith(",")]), n, "one line per cell")

    def test_describe_saved_query(self):
        r = get(self.c, "/queries/%s/analyze?view=describe" % self.pid)
        self.assertEqual(r.status, 200)
        d = describe(r.text)
        self.assertEqual(list(d), ["name", "category", "unit_price", "cost", "launched_at"])
        self.assertEqual(num(d["cost"]["nulls"]), int(shop("SELECT count(*) FROM products WHERE cost IS NULL")))
        self.assertEqual(num(d["name"]["distinct"]), int(shop("SELECT count(DISTINCT name) FROM products")))
        self.assertEqual(num(d["category"]["distinct"]), 8)
        for col in ("unit_price", "cost"):
            mean, p25, p50, p75, sd, lo, hi = shop_rows(
                "SELECT avg(%s), percentile_cont(0.25) WITHIN GROUP (ORDER BY %s), percentile_cont(0.5) WITHIN GROUP"
                " (ORDER BY %s), percentile_cont(0.75) WITHIN GROUP (ORDER BY %s), stddev_samp(%s), min(%s),"
                " max(%s) FROM products" % ((col,) * 7))[0]
            self.assertClose(d[col]["mean"], mean, msg=col)
            self.assertClose(d[col]["p25"], p25, msg=col)
            self.assertClose(d[col]["p50"], p50, msg=col)
            self.assertClose(d[col]["p75"], p75, msg=col)
            self.assertClose(d[col]["sd"], sd, msg=col)
            self.assertClose(d[col]["min"], lo, msg=col)
            self.assertClose(d[col]["max"], hi, msg=col)
            self.assertEqual(d[col]["hist"], 10, "a ten-bin SVG histogram")
        self.assertEqual(d["launched_at"]["min"], shop("SELECT min(launched_at) FROM products"))
        self.assertEqual(d["launched_at"]["mean"], "", "no mean of dates")
        top = shop_rows("SELECT c.name FROM products p JOIN categories c ON c.id = p.category_id"
                        " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 5")
        self.assertEqual(d["category"]["top"], [x[0] for x in top])
        corr = correlation(r.text)
        self.assertClose(corr[("unit_price", "cost")], shop("SELECT corr(unit_price, cost) FROM products"), places=3)
        self.assertEqual(corr[("cost", "cost")], "1.000")

    def test_describe_nulls_and_text(self):
        sql = "SELECT email, city, segment, created_at FROM customers"
        qid = dm.save_query(self.c, dm.unique("Customers"), sql, self.conn)
        d = describe(get(self.c, "/queries/%s/analyze?view=describe" % qid).text)
        total = int(shop("SELECT count(*) FROM customers"))
        for col in ("email", "city"):
            nulls = int(shop("SELECT count(*) FROM customers WHERE %s IS NULL" % col))
            self.assertEqual(num(d[col]["nulls"]), nulls, col)
            pct = float(re.search(r"\(([\d.]+)%\)", d[col]["nulls"]).group(1))
            self.assertAlmostEqual(pct, round(100.0 * nulls / total, 2), places=2)
            self.assertEqual(num(d[col]["distinct"]), int(shop("SELECT count(DISTINCT %s) FROM customers" % col)))
        self.assertEqual(d["segment"]["top"], [x[0] for x in shop_rows(
            "SELECT segment FROM customers GROUP BY 1 ORDER BY count(*) DESC, 1")])
        self.assertEqual(d["created_at"]["max"], shop("SELECT max(created_at)::text FROM customers"))

    def test_widget_pivot_and_chat_describe(self):
        did = new_dashboard(self.c, dm.unique("Pivot board"))
        add_sql_widget(self.c, did, "SELECT channel, status, count(*) AS orders FROM orders GROUP BY 1, 2",
                       "Orders by channel and status", "table")
        wid = widget_ids(self.c.get("/dashboards/%s" % did).text)[0]
        r = get(self.c, "/dashboards/%s/widgets/%s/analyze?view=pivot&rows=status&cols=channel&agg=sum&val=orders"
                % (did, wid))
        heads, rows, foot = pivot(r.text)
        for st, ch, n in shop_rows("SELECT status, channel, count(*) FROM orders GROUP BY 1, 2"):
            self.assertEqual(rows[st][heads.index(ch)], n)
        self.assertEqual(foot[-1], shop("SELECT count(*) FROM orders"))
        other, _, _ = dm.register()
        self.assertEqual(other.get("/dashboards/%s/widgets/%s/analyze" % (did, wid)).status, 404)
        r = ask(self.c, "orders by channel")
        page = self.c.get(r.header("Location")).text
        mid = re.findall(r'name="message_id" value="([0-9a-f-]{36})"', page)[-1]
        self.assertIn('href="/chat/messages/%s/analyze"' % mid, page, "the answer links to Pivot / Describe")
        d = describe(get(self.c, "/chat/messages/%s/analyze?view=describe" % mid).text)
        self.assertEqual(num(d["channel"]["distinct"]), int(shop("SELECT count(DISTINCT channel) FROM orders")))
        self.assertEqual(other.get("/chat/messages/%s/analyze" % mid).status, 404)

    def test_explore_parameters_are_bound_and_kept(self):
        sql = "SELECT status, channel FROM orders WHERE channel = {{ch}}"
        base = "/explore/analyze?connection_id=%s&sql=%s&p_ch=%s" % (
            self.conn, urllib.parse.quote(sql, safe=""), urllib.parse.quote("web' OR '1'='1"))
        heads, rows, foot = pivot(get(self.c, base + "&view=pivot&rows=status&agg=count").text)
        self.assertEqual(rows, {}, "the value is bound, not pasted: no row matches it")
        r = get(self.c, base.replace("web%27%20OR%20%271%27%3D%271", "web") + "&view=pivot&rows=status&agg=count")
        heads, rows, foot = pivot(r.text)
        self.assertEqual(foot[-1], shop("SELECT count(*) FROM orders WHERE channel = 'web'"))
        self.assertIn('<input type="hidden" name="p_ch" value="web">', r.text, "the form keeps the value")
        self.assertIn("p_ch=web&amp;view=describe", r.text, "so do the tabs")

    def test_explore_and_roles(self):
        base = "/explore/analyze?connection_id=%s&sql=%s" % (self.conn, urllib.parse.quote(LINES, safe=""))
        r = dm.explore_run(self.c, self.conn, LINES)
        self.assertIn(html.escape(base), r.text, "the Explore result links to Pivot / Describe")
        heads, rows, foot = pivot(get(self.c, base + "&view=pivot&rows=channel&agg=max&val=quantity").text)
        self.assertEqual(foot[-1], shop("SELECT max(quantity) FROM order_items"))
        # a write is refused, wrapped or not
        for sql in ("DELETE FROM orders RETURNING 1 AS a", "SELECT 1 AS a; DELETE FROM orders"):
            r = get(self.c, "/explore/analyze?connection_id=%s&sql=%s&view=describe" % (self.conn, urllib.parse.quote(sql)))
            self.assertIn("The query failed", r.text)
            self.assertNotIn("describe-table", r.text)
        email = "pivot-viewer-%s@example.com" % dm.unique("v")
        dm.add_user(self.c, email, "viewer")
        viewer, _ = dm.login(email)
        self.assertEqual(viewer.get(base).status, 403, "Explore is for analysts")
        self.c.post("/queries/%s" % self.qid, {"_csrf": dm.page_csrf(self.c, "/queries/%s" % self.qid),
                                                "name": "Lines", "sql": LINES, "connection_id": self.conn, "shared": "1"})
        r = get(viewer, "/queries/%s/analyze?view=pivot&rows=channel&agg=count" % self.qid)
        self.assertEqual(r.status, 200)
        self.assertEqual(pivot(r.text)[2][-1], shop("SELECT count(*) FROM order_items"))


if __name__ == "__main__":
    unittest.main()
