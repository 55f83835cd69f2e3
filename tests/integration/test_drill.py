"""Drill-down (issue 15, item 4): a chart's bars, slices and points are real
links to a page with the same query filtered by that value (a {{drill}}
parameter bound like the query's own {{name}} parameters, never pasted in),
a result table sorts by any column on the server, and "the rows behind this
number" lists the rows an aggregate came from where that can be derived, or
says why not. For widgets, chat answers and Explore results. The query runs
in the worker's runners (issue 19), the page following its job."""
import html
import re
import time
import unittest
import urllib.parse

import dm
from test_chat import ask
from test_dashboards import add_sql_widget, new_dashboard, widget_ids
from test_runner_routes import follow_page

BY_CHANNEL = "SELECT channel, count(*) AS orders FROM orders GROUP BY channel ORDER BY 2 DESC"
BY_CATEGORY = ("SELECT c.name AS category, count(*) AS products, max(p.unit_price) AS top_price"
               " FROM products p JOIN categories c ON c.id = p.category_id GROUP BY c.name")


def shop(sql):
    return dm.psql(sql, db="shop")


def table(page):
    """(column names, rows of cell texts) of the rows page's table."""
    m = re.search(r'<div class="card rows-table sort-scope".*?</table>', page, re.S)
    assert m, page[:3000]
    cols = [html.unescape(re.sub(r"<[^>]+>|[▲▼]", "", c)).strip()
            for c in re.findall(r"<th[^>]*>(.*?)</th>", m.group(0), re.S)]
    rows = [[html.unescape(v) for v in re.findall(r'<span class="trunc"[^>]*>(.*?)</span>', tr, re.S)]
            for tr in re.findall(r"<tr>(<td.*?)</tr>", m.group(0), re.S)]
    return cols, rows


FOLLOW = re.compile(r'id="rows-follow" hx-get="([^"]+)"')


class Following:
    """A client whose GET follows a rows page's query job (202, the page
    asking for itself again) as the page does, to the page with the rows."""

    def __init__(self, client):
        self._c = client

    def __getattr__(self, name):
        return getattr(self._c, name)

    def get(self, url, *args, **kwargs):
        r = self._c.get(url, *args, **kwargs)
        for _ in range(600):
            m = FOLLOW.search(r.text) if r.status == 202 else None
            if not m:
                break
            time.sleep(0.2)
            r = self._c.get(html.unescape(m.group(1)), *args, **kwargs)
        return r


def drill_links(page):
    return [html.unescape(h) for h in re.findall(r'<a class="drill" href="([^"]+)">', page)]


class TestDrill(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = Following(dm.demo_client())
        cls.did = new_dashboard(cls.c, dm.unique("Drill"), shared=True)
        cls.url = "/dashboards/%s" % cls.did
        add_sql_widget(cls.c, cls.did, BY_CHANNEL, "By channel")
        add_sql_widget(cls.c, cls.did, BY_CATEGORY, "By category", "table")
        add_sql_widget(cls.c, cls.did, "SELECT count(*) AS pricey FROM products WHERE unit_price > 500",
                       "Pricey", "kpi")
        add_sql_widget(cls.c, cls.did, "WITH t AS (SELECT channel FROM orders) SELECT channel, count(*) AS n"
                       " FROM t GROUP BY channel", "With CTE")
        cls.ids = widget_ids(cls.c.get(cls.url).text)
        tok = dm.page_csrf(cls.c, cls.url)
        assert cls.c.post("%s/refresh" % cls.url, {"_csrf": tok}).status == 303
        cls.page = cls.c.get(cls.url).text
        cls.rows = "%s/widgets/%s/rows" % (cls.url, cls.ids[0])

    def test_bar_links_to_the_rows_of_that_value(self):
        links = drill_links(self.page)
        want = "%s?col=channel&v=web" % self.rows
        self.assertIn(want, links, "each bar is an <a href> in the SVG")
        self.assertEqual(len([h for h in links if h.startswith(self.rows)]) % 3, 0, "web, mobile, store")
        r = self.c.get(want)
        self.assertEqual(r.status, 200)
        cols, rows = table(r.text)
        self.assertEqual(cols, ["channel", "orders"])
        self.assertEqual(rows, [["web", shop("SELECT count(*) FROM orders WHERE channel = 'web'")]])
        self.assertIn("Only the rows where", r.text)

    def test_hostile_value_is_bound_not_pasted(self):
        for v in ("web' OR '1'='1", "x'); DROP TABLE orders; --", "web\\' OR 1=1 --", "$1"):
            r = self.c.get("%s?col=channel&v=%s" % (self.rows, urllib.parse.quote(v)))
            self.assertEqual(r.status, 200, v)
            self.assertEqual(table(r.text)[1], [], "no row has the value %r" % v)
        self.assertNotEqual(shop("SELECT count(*) FROM orders"), "0", "orders is still there")
        # a column that is not in the result is the database's error, shown as such
        r = self.c.get("%s?col=nope&v=1" % self.rows)
        self.assertIn("The query failed", r.text)
        self.assertIn("nope", r.text)
        # a column with no value is a 400 that says what to add
        r = self.c.get("%s?col=channel" % self.rows)
        self.assertEqual(r.status, 400)
        self.assertIn("value", r.text)

    def test_sort_by_each_column(self):
        url = "%s/widgets/%s/rows" % (self.url, self.ids[1])
        card = re.search(r'id="w-%s".*?</article>' % self.ids[1], self.page, re.S).group(0)
        self.assertIn('href="%s?sort=category&amp;dir=asc"' % url, card, "the card's headers sort")
        base = shop("SELECT string_agg(c.name || '|' || count, ',') FROM (SELECT c.name, count(*)"
                    " FROM products p JOIN categories c ON c.id = p.category_id GROUP BY c.name) c")
        expect = [tuple(x.split("|")) for x in base.split(",")]
        for col, key in (("category", lambda t: t[0]), ("products", lambda t: int(t[1]))):
            for d in ("asc", "desc"):
                r = self.c.get("%s?sort=%s&dir=%s" % (url, col, d))
                self.assertEqual(r.status, 200)
                cols, rows = table(r.text)
                got = [int(x[1]) if col == "products" else x[0] for x in rows]
                want = sorted([key(t) for t in expect], reverse=d == "desc")
                self.assertEqual(got, want, (col, d))
                self.assertIn('aria-sort="%s"' % ("ascending" if d == "asc" else "descending"), r.text)
                # the sorted column's link turns the order round
                flip = "desc" if d == "asc" else "asc"
                self.assertIn("sort=%s&amp;dir=%s" % (col, flip), r.text)
        r = self.c.get("%s?sort=top_price&dir=desc" % url)
        prices = [float(x[2]) for x in table(r.text)[1]]
        self.assertEqual(prices, sorted(prices, reverse=True))

    def test_rows_behind_a_bar_and_a_kpi(self):
        url = "%s/widgets/%s/rows" % (self.url, self.ids[1])
        name = shop("SELECT c.name FROM categories c ORDER BY id LIMIT 1")
        r = self.c.get("%s?col=category&v=%s" % (url, urllib.parse.quote(name)))
        self.assertIn("The rows behind this number", r.text)
        behind = re.search(r'href="([^"]*behind=1[^"]*)"', r.text).group(1)
        r = self.c.get(html.unescape(behind))
        self.assertEqual(r.status, 200)
        cols, rows = table(r.text)
        n = shop("SELECT count(*) FROM products p JOIN categories c ON c.id = p.category_id"
                 " WHERE c.name = '%s'" % name.replace("'", "''"))
        self.assertEqual(len(rows), int(n), "one row per product of that category")
        self.assertIn("unit_price", cols, "the products' own columns")
        self.assertTrue(all(name in row for row in rows))
        # a KPI: the rows behind its one number
        kpi = "%s/widgets/%s/rows?behind=1" % (self.url, self.ids[2])
        self.assertIn(html.escape(kpi), self.page, "the KPI card links to them")
        cols, rows = table(self.c.get(kpi).text)
        self.assertEqual(len(rows), int(shop("SELECT count(*) FROM products WHERE unit_price > 500")))
        # a query it cannot take apart safely: it says so, and why
        r = self.c.get("%s/widgets/%s/rows?col=channel&v=web&behind=1" % (self.url, self.ids[3]))
        self.assertEqual(r.status, 200)
        self.assertIn("cannot be listed for this query", r.text)
        self.assertIn("it uses WITH", r.text)
        self.assertNotIn("rows-table", r.text)

    def test_rows_run_in_the_worker(self):
        """Issue 19: the rows page does not run the query itself. With the
        worker stopped it answers 202 and follows the job (htmx asks again,
        a <noscript> meta refresh without JavaScript); once the worker runs,
        the same page has the rows."""
        url = "%s?col=channel&v=mobile&sort=orders&dir=desc" % self.rows
        old = dm.stop_worker()
        try:
            r = self.c._c.get(url)
            self.assertEqual(r.status, 202)
            self.assertNotIn("rows-table", r.text)
            follow = html.unescape(FOLLOW.search(r.text).group(1))
            self.assertRegex(follow, r"^%s\?job=[0-9a-f]{32}&col=channel&v=mobile&sort=orders&dir=desc$"
                             % re.escape(self.rows))
            self.assertIn('<meta http-equiv="refresh" content="1;url=%s">' % html.escape(follow), r.text)
        finally:
            dm.start_worker(old)
        cols, rows = table(self.c.get(follow).text)
        self.assertEqual(rows, [["mobile", shop("SELECT count(*) FROM orders WHERE channel = 'mobile'")]])

    def test_widget_parameters_and_dashboard_filter(self):
        """A widget with a {{name}} parameter: its chart links carry the
        dashboard's p_<name> filter, and its rows page (drilled, sorted, the
        rows behind a bar) binds the filter's value, else the declared
        default; the drilled value is bound beside it, under a name the query
        does not use ({{drill}} is taken here)."""
        sql = ("SELECT channel, count(*) AS orders FROM orders WHERE channel <> {{skip}}"
               " AND {{drill}} = {{drill}} GROUP BY channel")
        did = new_dashboard(self.c, dm.unique("Drill params"))
        r = self.c.post("/dashboards/%s/widgets" % did, {
            "_csrf": dm.page_csrf(self.c, "/dashboards/%s" % did), "source": "sql", "title": "Params",
            "kind": "chart", "sql": sql, "connection_id": dm.shop_connection_id(),
            "p_skip": "store", "pt_skip": "text", "p_drill": "1", "pt_drill": "number"})
        self.assertEqual(r.status, 303, r.text[:500])
        url = "/dashboards/%s" % did
        wid = widget_ids(self.c.get(url).text)[0]
        rows = "%s/widgets/%s/rows" % (url, wid)
        count = lambda ch: shop("SELECT count(*) FROM orders WHERE channel = '%s'" % ch)
        # the default: store left out
        cols, got = table(self.c.get(rows + "?sort=channel&dir=asc").text)
        self.assertEqual(got, [["mobile", count("mobile")], ["web", count("web")]])
        # the dashboard's filter ?p_skip=web: web left out, and the links keep it
        page = follow_page(self.c, url + "?p_skip=web").text  # a filtered first view: a job
        links = [h for h in drill_links(page) if h.startswith(rows + "?")]
        self.assertTrue(links and all("p_skip=web" in h for h in links), links)
        store = [h for h in links if h.endswith("v=store")]
        self.assertTrue(store, links)
        r = self.c.get(store[0])
        cols, got = table(r.text)
        self.assertEqual(got, [["store", count("store")]])
        self.assertIn("p_skip=web", re.search(r'<th[^>]*><a class="sort" href="([^"]+)"', r.text).group(1),
                      "sorting keeps the filter")
        cols, got = table(self.c.get(rows + "?p_skip=web&sort=channel&dir=asc").text)
        self.assertEqual(got, [["mobile", count("mobile")], ["store", count("store")]])
        # filtered to the value the filter leaves out: no row (both bound)
        cols, got = table(self.c.get(rows + "?p_skip=web&col=channel&v=web").text)
        self.assertEqual(got, [])
        # the rows behind a bar, under the filter
        r = self.c.get(rows + "?p_skip=web&col=channel&v=mobile&behind=1")
        cols, got = table(r.text)
        self.assertEqual(len(got), min(500, int(count("mobile"))), "the page shows 500 at most")
        self.assertIn("channel", cols)
        self.assertTrue(all(row[cols.index("channel")] == "mobile" for row in got))

    def test_chat_answer_drills(self):
        r = ask(self.c, "orders by channel")
        page = self.c.get(r.header("Location")).text
        mid = re.findall(r'name="message_id" value="([0-9a-f-]{36})"', page)[-1]
        links = [h for h in drill_links(page) if h.startswith("/chat/messages/%s/rows?" % mid)]
        self.assertTrue(links, "the answer's chart links")
        web = [h for h in links if h.endswith("v=web")]
        self.assertTrue(web, links)
        cols, rows = table(self.c.get(web[0]).text)
        self.assertEqual(len(rows), 1)
        self.assertIn("web", rows[0])
        self.assertIn('href="/chat/messages/%s/rows?sort=' % mid, page, "its table's headers sort")

    def test_explore_result_drills_and_sorts(self):
        conn = dm.shop_connection_id()
        r = dm.explore_run(self.c, conn, BY_CHANNEL, chart="bar")
        self.assertEqual(r.status, 200)
        base = "/explore/rows?connection_id=%s&sql=%s" % (conn, urllib.parse.quote(BY_CHANNEL, safe=""))
        links = [h for h in drill_links(r.text) if h.startswith(base)]
        self.assertIn(base + "&col=channel&v=web", links, "the Explore chart's bars link")
        self.assertIn(html.escape(base + "&sort=orders&dir=asc"), r.text, "its table's headers sort")
        cols, rows = table(self.c.get(base + "&col=channel&v=web").text)
        self.assertEqual(rows, [["web", shop("SELECT count(*) FROM orders WHERE channel = 'web'")]])
        cols, rows = table(self.c.get(base + "&sort=orders&dir=asc").text)
        self.assertEqual([int(x[1]) for x in rows], sorted(int(x[1]) for x in rows))
        # a write is refused as any Explore run is, wrapped or not
        before = shop("SELECT count(*) FROM orders")
        for sql in ("DELETE FROM orders RETURNING 1 AS a", "SELECT 1 AS a; DELETE FROM orders"):
            r = self.c.get("/explore/rows?connection_id=%s&sql=%s&col=a&v=1" % (
                conn, urllib.parse.quote(sql)))
            self.assertIn("The query failed", r.text)
            self.assertNotIn("rows-table", r.text)
            r = self.c.get("/explore/rows?connection_id=%s&sql=%s&behind=1" % (conn, urllib.parse.quote(sql)))
            self.assertNotIn("rows-table", r.text)
        self.assertEqual(shop("SELECT count(*) FROM orders"), before)
        email = "drill-v2-%s@example.com" % dm.unique("v")
        dm.add_user(self.c, email, "viewer")
        viewer, _ = dm.login(email)
        viewer = Following(viewer)
        self.assertEqual(viewer.get(base + "&col=channel&v=web").status, 403, "Explore is for analysts")

    def test_drill_under_the_dashboard_date_filter(self):
        """A filtered chart's links carry the filter: its rows page drills
        into what the chart showed, not the whole table."""
        did = new_dashboard(self.c, dm.unique("Filtered drill"))
        url = "/dashboards/%s" % did
        add_sql_widget(self.c, did, "SELECT date_trunc('month', ordered_at)::date AS month, count(*) AS orders"
                       " FROM orders GROUP BY 1 ORDER BY 1", "Orders by month")
        wid = widget_ids(self.c.get(url).text)[0]
        tok = dm.page_csrf(self.c, url)
        self.c.post("%s/widgets/%s" % (url, wid), {"_csrf": tok, "title": "Orders by month", "kind": "chart",
                    "size": "medium", "type": "bar", "date_column": "month"})
        frm = shop("SELECT to_char(date_trunc('month', max(ordered_at)) - interval '2 months', 'YYYY-MM-DD')"
                   " FROM orders")
        r = self.c.get("%s/widgets/%s?range=custom&from=%s" % (url, wid, frm))
        links = drill_links(r.text)
        self.assertTrue(links)
        self.assertTrue(all("rows?range=custom&from=%s&col=month&v=" % frm in h for h in links), links)
        self.assertEqual(len(links) % 3, 0, "three months since %s (at three widths)" % frm)
        cols, rows = table(self.c.get(links[0]).text)
        self.assertEqual(len(rows), 1)
        self.assertGreaterEqual(rows[0][0], frm)
        # the unfiltered card's links do not
        page = self.c.get(url).text
        self.assertTrue(all("range=" not in h for h in drill_links(page)))

    def test_viewer_drills_other_org_cannot(self):
        email = "drill-viewer-%s@example.com" % dm.unique("v")
        dm.add_user(self.c, email, "viewer")
        viewer, _ = dm.login(email)
        viewer = Following(viewer)
        r = viewer.get("%s?col=channel&v=store" % self.rows)
        self.assertEqual(r.status, 200)
        self.assertEqual(len(table(r.text)[1]), 1)
        other, _, _ = dm.register()
        self.assertEqual(other.get("%s?col=channel&v=store" % self.rows).status, 404)


if __name__ == "__main__":
    unittest.main()
