"""Issue 19 item 5, the rest: a widget's Refresh, the first view of a
date-filtered dashboard and every export run their queries in `datamind
worker`'s runners, never in a web worker. The page waits
DATAMIND_QUERY_WAIT_MS (2 s here), then follows the job: the dashboard with
the widget marked refreshing (?jobs=, a <noscript> meta refresh; with htmx
the card asks for itself on the job's nchan "done"), or a "preparing your
file" page that then sends the file."""
import html
import os
import re
import threading
import time
import unittest

import dm
from test_dashboards import new_dashboard, widget_ids

SLOW_DAY = "SELECT now()::date AS day, %d AS n FROM pg_sleep(%d)"
REFRESH_META = re.compile(r'<noscript><meta http-equiv="refresh" content="1;url=([^"]+)"></noscript>')


def add_widget(client, did, conn, sql, title, kind="table"):
    r = client.post("/dashboards/%s/widgets" % did, {
        "_csrf": dm.page_csrf(client, "/dashboards/%s" % did), "source": "sql", "title": title,
        "kind": kind, "sql": sql, "connection_id": conn})
    assert r.status == 303, r.status
    return widget_ids(client.get("/dashboards/%s" % did).text)[-1]


def set_date_column(client, did, wid, title, kind="table"):
    r = client.post("/dashboards/%s/widgets/%s" % (did, wid), {
        "_csrf": dm.page_csrf(client, "/dashboards/%s" % did), "title": title, "kind": kind,
        "size": "medium", "date_column": "day"})
    assert r.status == 303, r.status


def follow_page(client, url, timeout=120):
    """A page that reloads itself while jobs run (its <noscript> meta
    refresh), followed as a browser without JavaScript does: the last page."""
    r = client.get(url)
    for _ in range(int(timeout / 0.3)):
        m = REFRESH_META.search(r.text)
        if not m:
            return r
        time.sleep(0.3)
        r = client.get(html.unescape(m.group(1)))
    return r


def refreshed_at(wid):
    return dm.psql("SELECT coalesce(last_refreshed_at::text, '') FROM widgets WHERE id = '%s'" % wid)


class TestRunnerRoutes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org()

    def board(self, sql, title, kind="table", date=False):
        did = new_dashboard(self.c, dm.unique("Runs"))
        wid = add_widget(self.c, did, self.conn, sql, title, kind)
        if date:
            set_date_column(self.c, did, wid, title, kind)
        return did, wid

    def test_with_the_runners_stopped_nothing_runs_in_the_web_worker(self):
        """The worker is stopped: a widget's Refresh, a filtered dashboard's
        first view, an export, a connection's Test and the schema read of a
        new connection each answer with a page that follows its job (none of them ran the query: the web
        worker cannot), and once the worker runs again, the results appear
        on those pages."""
        did, wid = self.board("SELECT 4242 AS refreshed_value", "Refresh me")
        fdid, fwid = self.board(SLOW_DAY % (5151, 0), "Filtered", date=True)
        qid = dm.save_query(self.c, dm.unique("Export me"), "SELECT 6161 AS exported_value", self.conn)
        before = refreshed_at(wid)
        dm.stop_worker()
        try:
            tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
            r = self.c.post("/dashboards/%s/widgets/%s/refresh" % (did, wid), {"_csrf": tok})
            self.assertEqual(r.status, 303)
            refresh_url = r.header("Location")
            self.assertRegex(refresh_url, r"^/dashboards/%s\?jobs=[0-9a-f]{32}$" % did)
            page = self.c.get(refresh_url)
            self.assertEqual(page.status, 200)
            self.assertIn("Refreshing: the widget updates when its query is done.", page.text)
            card = page.text[page.text.index('id="w-%s"' % wid):]
            self.assertIn("refreshing…", card[:2000])
            self.assertRegex(card[:600], r'hx-get="/dashboards/%s/widgets/%s\?job=[0-9a-f]{32}"' % (did, wid))
            self.assertIsNotNone(REFRESH_META.search(page.text), "without JavaScript it reloads itself")
            self.assertEqual(refreshed_at(wid), before, "nothing ran the query")

            fpage = self.c.get("/dashboards/%s?range=30d" % fdid)
            self.assertEqual(fpage.status, 200)
            self.assertIn("Loading…", fpage.text)
            self.assertNotIn("5151", fpage.text)
            filtered_url = html.unescape(REFRESH_META.search(fpage.text).group(1))
            self.assertIn("jobs=", filtered_url)

            ex = self.c.get("/queries/%s/export?format=csv" % qid)
            self.assertEqual(ex.status, 303)
            export_url = ex.header("Location")
            self.assertRegex(export_url, r"^/exports/[0-9a-f]{32}$")
            wait = self.c.get(export_url)
            self.assertEqual(wait.status, 202)
            self.assertIn("Preparing your file…", wait.text)
            self.assertIn('content="1;url=%s"' % export_url, wait.text)
            other, _, _ = dm.register()
            self.assertEqual(other.get(export_url).status, 404, "someone else's file")

            t = self.c.post("/connections/%s/test" % self.conn, {"_csrf": dm.page_csrf(self.c, "/connections")})
            self.assertEqual(t.status, 303)
            test_url = t.header("Location")
            self.assertRegex(test_url, r"^/connections/%s\?test=[0-9a-f]{32}$" % self.conn)
            testing = self.c.get(test_url)
            self.assertIn("Testing…", testing.text)
            self.assertIn('content="1;url=%s"' % html.escape(test_url), testing.text)
            self.assertNotIn("Test passed", testing.text)

            with open(os.path.join(dm.VAR, "demo-secrets", "shop_reader")) as f:
                pw = f.read().strip()
            made = self.c.post("/connections", {
                "_csrf": dm.page_csrf(self.c, "/connections/new"), "name": dm.unique("Later"),
                "host": "127.0.0.1", "port": os.environ["DM_PG_PORT"], "database": "shop",
                "user": "shop_reader", "sslmode": "disable", "password": pw})
            self.assertEqual(made.status, 303)
            later_url = made.header("Location")
            later = self.c.get(later_url)
            self.assertIn("Reading its schema in the background", later.text)
            self.assertNotIn(">orders</a>", later.text, "nothing read its schema")
        finally:
            dm.start_worker()
        done = follow_page(self.c, refresh_url)
        self.assertIn("4242", done.text)
        self.assertNotEqual(refreshed_at(wid), before)
        done = follow_page(self.c, filtered_url)
        self.assertIn("5151", done.text)
        self.assertNotIn("Loading…", done.text)
        self.assertTrue(dm.wait_for(lambda: ">orders</a>" in self.c.get(later_url).text, timeout=60),
                        "the worker read the new connection's schema")
        tested = dm.follow_test(self.c, t)
        self.assertIn("Test passed", tested.text)
        self.assertIn("shop_reader", tested.text)
        f = dm.follow_export(self.c, ex)
        self.assertEqual(f.status, 200)
        self.assertIn("attachment;", f.header("Content-Disposition"))
        self.assertEqual(f.body.decode().splitlines(), ["exported_value", "6161"])

    def test_slow_refresh_follows_then_shows_the_result(self):
        did, wid = self.board("SELECT 1 AS n", "Slow refresh")
        self.c.post("/dashboards/%s/widgets/%s" % (did, wid), {
            "_csrf": dm.page_csrf(self.c, "/dashboards/%s" % did), "title": "Slow refresh",
            "kind": "table", "size": "medium", "sql": "SELECT 7373 AS n FROM pg_sleep(5)",
            "connection_id": self.conn})
        tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
        r = self.c.post("/dashboards/%s/refresh" % did, {"_csrf": tok})
        self.assertEqual(r.status, 303)
        url = r.header("Location")
        self.assertIn("jobs=", url)
        # htmx: the card follows its job on its nchan channel
        job = re.search(r"jobs=([0-9a-f]{32})", url).group(1)
        hx = {"HX-Request": "true"}
        card = self.c.get("/dashboards/%s/widgets/%s?job=%s" % (did, wid, job), headers=hx)
        if "7373" not in card.text:  # still running
            self.assertIn('sse-connect="/live/o.', card.text)
            self.assertIn('hx-trigger="sse:done, every 5s"', card.text)
        done = follow_page(self.c, url)
        self.assertIn("7373", done.text)
        card = self.c.get("/dashboards/%s/widgets/%s?job=%s" % (did, wid, job), headers=hx)
        self.assertIn("7373", card.text)
        self.assertNotIn("sse-connect", card.text)
        # a failing query says so in its card
        self.c.post("/dashboards/%s/widgets/%s" % (did, wid), {
            "_csrf": tok, "title": "Slow refresh", "kind": "table", "size": "medium",
            "sql": "SELECT nosuchcolumn FROM orders", "connection_id": self.conn})
        r = self.c.post("/dashboards/%s/widgets/%s/refresh" % (did, wid), {"_csrf": tok})
        page = follow_page(self.c, r.header("Location"))
        self.assertIn("nosuchcolumn", page.text)

    def test_filtered_view_is_cached_after_its_first_run(self):
        did, wid = self.board(SLOW_DAY % (8484, 4), "Slow filtered", kind="chart", date=True)
        first = self.c.get("/dashboards/%s?range=7d" % did)
        self.assertIn("Loading…", first.text)
        done = follow_page(self.c, "/dashboards/%s?range=7d" % did)
        self.assertIn("<svg", done.text[done.text.index('id="w-%s"' % wid):])
        again = self.c.get("/dashboards/%s?range=7d" % did)
        self.assertIsNone(REFRESH_META.search(again.text), "cached: no job")
        self.assertNotIn("Loading…", again.text)

    def test_slow_export_with_htmx_downloads_when_ready(self):
        qid = dm.save_query(self.c, dm.unique("Slow export"), "SELECT 9191 AS v FROM pg_sleep(4)", self.conn)
        hx = {"HX-Request": "true"}
        r = self.c.get("/queries/%s/export?format=csv" % qid, headers=hx)
        self.assertEqual(r.status, 202)
        self.assertNotIn("<html", r.text)
        poll = re.search(r'hx-get="(/exports/[0-9a-f]{32})" hx-trigger="load delay:1s"', r.text).group(1)
        for _ in range(400):
            r = self.c.get(poll, headers=hx)
            if r.status != 202:
                break
            time.sleep(0.3)
        self.assertEqual(r.status, 200)
        self.assertIn("Your file is ready.", r.text)
        self.assertIn('hx-get="%s?go=1"' % poll, r.text)
        go = self.c.get(poll + "?go=1", headers=hx)
        self.assertEqual(go.status, 204)
        self.assertEqual(go.header("HX-Redirect"), poll)
        f = self.c.get(poll)
        self.assertEqual(f.status, 200)
        self.assertEqual(f.body.decode().splitlines(), ["v", "9191"])
        # a quick one: straight to the file
        qid = dm.save_query(self.c, dm.unique("Quick export"), "SELECT 1 AS v", self.conn)
        r = self.c.get("/queries/%s/export?format=csv" % qid, headers=hx)
        self.assertEqual(r.status, 204)
        self.assertRegex(r.header("HX-Redirect"), r"^/exports/[0-9a-f]{32}$")

    def test_fair_queue_holds_for_widgets_and_exports(self):
        """Org A queues four slow exports; org B's widget refresh, asked
        after them, runs as soon as a runner is free, before A's last two."""
        a, _, a_conn = dm.shop_org()
        b, _, b_conn = dm.shop_org()
        qid = dm.save_query(a, dm.unique("A slow"), "SELECT 1 AS a FROM pg_sleep(10)", a_conn)
        pages = [None] * 4

        def get(i):
            pages[i] = a.get("/queries/%s/export?format=csv&n=%d" % (qid, i))

        threads = [threading.Thread(target=get, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual([p.status for p in pages], [303] * 4)
        did = new_dashboard(b, dm.unique("B"))
        wid = add_widget(b, did, b_conn, "SELECT 2727 AS b", "B widget")
        r = b.post("/dashboards/%s/widgets/%s/refresh" % (did, wid),
                   {"_csrf": dm.page_csrf(b, "/dashboards/%s" % did)})
        done = follow_page(b, r.header("Location"))
        self.assertIn("2727", done.text)
        waiting = [p for p in pages if a.get(p.header("Location")).status == 202]
        self.assertGreaterEqual(len(waiting), 2, "B's refresh ran after A's backlog")
        self.assertEqual([dm.follow_export(a, p).status for p in pages], [200] * 4)


if __name__ == "__main__":
    unittest.main()
