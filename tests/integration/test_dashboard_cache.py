"""Issue 19 (items 2 and 4): a warm dashboard view costs two app-database
statements (the session with its user and the bell's count, then the
dashboard with its widgets — or one: the session and the versions, when
the worker holds the page it rendered before: test_page_store.py), counted in the stack's PostgreSQL statement
log; the dashboard has an ETag computed before rendering — If-None-Match,
weak or strong, gives a 304, any change gives a new ETag; signed-in pages
say Cache-Control: private, no-cache; the add-widget form's lists are
loaded when the form opens (its own page without JavaScript, an htmx
fragment with it)."""
import gzip
import os
import re
import unittest

import dm
from test_dashboards import add_sql_widget, new_dashboard, widget_ids

PG_LOG = os.path.join(dm.VAR, "log", "postgresql.log")
SQLS = ["SELECT c.name AS category, count(*) AS products FROM products p"
        " JOIN categories c ON c.id = p.category_id GROUP BY 1 ORDER BY 1",
        "SELECT count(*) AS orders FROM orders",
        "SELECT status, count(*) AS n FROM orders GROUP BY 1 ORDER BY 1",
        "SELECT name, unit_price FROM products ORDER BY unit_price DESC LIMIT 5",
        "SELECT count(*) AS customers FROM customers",
        "SELECT c.name AS category, avg(p.unit_price) AS price FROM products p"
        " JOIN categories c ON c.id = p.category_id GROUP BY 1 ORDER BY 1"]
KINDS = ["chart", "kpi", "chart", "table", "kpi", "chart"]
LINE = re.compile(r"^\S+ \S+ \S+ \[(\d+)\] LOG:  (execute [^:]*|statement): (.*)$")


def log_statements(start):
    """[(pid, kind, text)] of the statements logged after byte offset start."""
    with open(PG_LOG, "rb") as f:
        f.seek(start)
        text = f.read().decode("utf-8", "replace")
    return [m.groups() for m in map(LINE.match, text.splitlines()) if m]


def log_size():
    return os.path.getsize(PG_LOG)


def js_get(client, path, headers=None):
    """A GET as a browser with JavaScript on sends it (the dm_js cookie)."""
    h = {"Cookie": "dm_session=%s; dm_js=1" % client.cookie("dm_session")}
    h.update(headers or {})
    return client.get(path, headers=h)


def six_widget_dashboard(client):
    did = new_dashboard(client, dm.unique("Six"))
    for i, (sql, kind) in enumerate(zip(SQLS, KINDS)):
        r = add_sql_widget(client, did, sql, title="W%d" % i, kind=kind)
        assert r.status == 303, (r.status, r.text[:500])
    tok = dm.page_csrf(client, "/dashboards/%s" % did)
    assert client.post("/dashboards/%s/refresh" % did, {"_csrf": tok}).status == 303
    return did


class TestStatementCount(unittest.TestCase):
    """log_statement = all on the test stack's PostgreSQL, for this class."""

    @classmethod
    def setUpClass(cls):
        dm.psql("ALTER SYSTEM SET log_statement = 'all'")
        dm.psql("ALTER SYSTEM SET log_line_prefix = '%m [%p] '")
        dm.psql("SELECT pg_reload_conf()")
        admin = dm.demo_client()
        cls.did = six_widget_dashboard(admin)
        cls.email = "six-%s@example.com" % dm.unique("a")
        dm.add_user(admin, cls.email, "analyst")
        tok = dm.page_csrf(admin, "/dashboards/%s" % cls.did)
        r = admin.post("/dashboards/%s" % cls.did, {"_csrf": tok, "title": "Six widgets", "shared": "1",
                                                    "refresh_minutes": "0"})
        assert r.status == 303

    @classmethod
    def tearDownClass(cls):
        dm.psql("ALTER SYSTEM RESET log_statement")
        dm.psql("ALTER SYSTEM RESET log_line_prefix")
        dm.psql("SELECT pg_reload_conf()")

    def web_pids(self, stmts):
        """The app-DB backends of the web workers that served our views: the
        ones that ran the dashboard's statement for this dashboard."""
        return {pid for pid, kind, text in stmts if kind in ("execute dash_view", "execute dash_head")}

    def views(self, client, n, headers=None):
        start = log_size()
        statuses = [js_get(client, "/dashboards/%s" % self.did, headers).status for _ in range(n)]
        stmts = log_statements(start)
        pids = self.web_pids(stmts)
        mine = [s for s in stmts if s[0] in pids]
        print("\n%d views (%s): %d app-DB statements" % (n, headers or "no If-None-Match", len(mine)))
        return statuses, mine, pids

    def test_warm_view_is_two_statements(self):
        c, r = dm.login(self.email)  # a fresh session: no last-seen touch within the minute
        self.assertEqual(r.status, 303)
        page = js_get(c, "/dashboards/%s" % self.did).text
        self.assertEqual(len(widget_ids(page)), 6)
        self.assertNotIn("refreshing", page, "all six widgets are fresh")
        for _ in range(4):  # warm: every web worker has prepared its statements
            js_get(c, "/dashboards/%s" % self.did)
        n = 10
        statuses, mine, pids = self.views(c, n)
        self.assertEqual(statuses, [200] * n)
        self.assertTrue(pids)
        kinds = sorted({k for _, k, _ in mine})
        # a worker that rendered the page checks the session and the
        # versions in one statement (dash_head) and copies the page; one that
        # has not rendered it yet checks the session and reads it all
        # (session_load, dash_view): at most 2 per view
        self.assertLessEqual(set(kinds), {"execute dash_head", "execute dash_view", "execute session_load"})
        self.assertIn("execute dash_head", kinds)
        full = sum(k == "execute dash_view" for _, k, _ in mine)
        self.assertLessEqual(full, len(pids), "only a worker's first view reads it all")
        self.assertEqual(sum(k == "execute dash_head" for _, k, _ in mine) + full, n)
        self.assertEqual(sum(k == "execute session_load" for _, k, _ in mine), full)
        self.assertLessEqual(len(mine), 2 * n, [(k, t[:80]) for _, k, t in mine])
        # a 304 costs the same two statements and renders nothing
        etag = js_get(c, "/dashboards/%s" % self.did).header("ETag")
        statuses, mine, _ = self.views(c, n, {"If-None-Match": etag})
        self.assertEqual(statuses, [304] * n)
        self.assertLessEqual(len(mine), 2 * n)


class TestDashboardETag(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        cls.did = new_dashboard(cls.c, dm.unique("Tagged"))
        r = add_sql_widget(cls.c, cls.did, SQLS[0])
        assert r.status == 303
        cls.url = "/dashboards/%s" % cls.did
        cls.c.get(cls.url)  # the flash of the add is shown (and cleared) once

    def tag(self, headers=None):
        r = js_get(self.c, self.url, headers)
        self.assertEqual(r.status, 200)
        etag = r.header("ETag")
        self.assertTrue(re.fullmatch(r'(W/)?"[0-9a-f]{32}"', etag or ""), etag)
        return etag

    def test_strong_and_weak_if_none_match(self):
        etag = self.tag()
        r = js_get(self.c, self.url, {"If-None-Match": etag})
        self.assertEqual(r.status, 304)
        self.assertEqual(r.body, b"")
        self.assertEqual(r.header("ETag"), etag)
        self.assertEqual(js_get(self.c, self.url, {"If-None-Match": "W/" + etag}).status, 304)
        self.assertEqual(js_get(self.c, self.url, {"If-None-Match": '"x", ' + etag}).status, 304)
        self.assertEqual(js_get(self.c, self.url, {"If-None-Match": '"0123"'}).status, 200)
        # behind nginx's gzip the tag turns weak, and still matches
        r = js_get(self.c, self.url, {"Accept-Encoding": "gzip"})
        self.assertEqual(r.header("Content-Encoding"), "gzip")
        self.assertIn(b"<html", gzip.decompress(r.body))
        weak = r.header("ETag")
        self.assertEqual(weak, "W/" + etag)
        self.assertEqual(js_get(self.c, self.url, {"Accept-Encoding": "gzip", "If-None-Match": weak}).status, 304)

    def test_changes_give_a_new_etag(self):
        etag = self.tag()
        tok = dm.page_csrf(self.c, "/dashboards")
        # the dashboard itself
        r = self.c.post(self.url, {"_csrf": tok, "title": dm.unique("Renamed"), "refresh_minutes": "0"})
        self.assertEqual(r.status, 303)
        r = js_get(self.c, self.url, {"If-None-Match": etag})
        self.assertEqual(r.status, 200, "a renamed dashboard is not the page the client has")
        self.assertIn("Renamed", r.text)
        etag2 = r.header("ETag")
        self.assertNotEqual(etag2, etag)
        self.assertEqual(js_get(self.c, self.url, {"If-None-Match": etag2}).status, 304)
        # one of its widgets
        wid = widget_ids(r.text)[0]
        r = self.c.post("%s/widgets/%s" % (self.url, wid), {"_csrf": tok, "title": "Retitled",
                        "kind": "chart", "size": "full", "type": "bar"})
        self.assertEqual(r.status, 303)
        self.c.get(self.url)  # its flash
        r = js_get(self.c, self.url, {"If-None-Match": etag2})
        self.assertEqual(r.status, 200)
        self.assertIn(">Retitled<", r.text)
        etag3 = r.header("ETag")
        # the bell: a new notification changes the page's navigation
        email, _ = dm.demo_login()
        uid = dm.psql("SELECT u.id FROM users u JOIN organizations o ON o.id = u.org_id"
                      " WHERE o.slug = 'demo' AND u.email = '%s'" % email)
        r0 = js_get(self.c, self.url, {"If-None-Match": etag3})
        self.assertEqual(r0.status, 304)
        dm.psql("INSERT INTO notifications (org_id, user_id, title, body)"
                " SELECT org_id, id, 'ETag test', 'x' FROM users WHERE id = '%s'" % uid)
        try:
            r = js_get(self.c, self.url, {"If-None-Match": etag3})
            self.assertEqual(r.status, 200, "the bell's count is part of the page")
        finally:
            dm.psql("DELETE FROM notifications WHERE title = 'ETag test'")
        # another session of the same user has its own CSRF token: its own tag
        other, _ = dm.login(*dm.demo_login(), org="demo")
        r = js_get(other, self.url, {"If-None-Match": etag3})
        self.assertEqual(r.status, 200)
        self.assertNotEqual(r.header("ETag"), etag3)

    def test_signed_out_gets_no_304(self):
        etag = self.tag()
        r = dm.Client().get(self.url, headers={"If-None-Match": etag})
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").startswith("/login"))

    def test_filtered_view_is_private_no_cache(self):
        # a filtered view runs the queries: not tagged before rendering
        r = js_get(self.c, self.url + "?range=7d")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Cache-Control"), "private, no-cache")


class TestCacheControl(unittest.TestCase):
    def test_signed_in_pages(self):
        c = dm.demo_client()
        for path in ("/dashboards", "/settings", "/chat", "/explore", "/notifications"):
            r = c.get(path)
            self.assertEqual(r.status, 200, path)
            self.assertEqual(r.header("Cache-Control"), "private, no-cache", path)
        # a page tagged by its body: an unchanged page is a 304
        etag = c.get("/settings").header("ETag")
        self.assertTrue(etag, "/settings has an ETag")
        r = c.get("/settings", headers={"If-None-Match": etag})
        self.assertEqual(r.status, 304)
        self.assertEqual(r.body, b"")
        # the bell's own endpoint keeps no-store
        self.assertEqual(c.get("/notifications/count", headers={"HX-Request": "true"}).header("Cache-Control"),
                         "no-store")

    def test_static_files_are_precompressed(self):
        c = dm.Client()
        for path in ("/static/app.css", "/static/vendor/htmx.min.js"):
            plain = c.get(path)
            self.assertEqual(plain.status, 200, path)
            r = c.get(path, headers={"Accept-Encoding": "gzip"})
            self.assertEqual(r.header("Content-Encoding"), "gzip", path)
            self.assertEqual(gzip.decompress(r.body), plain.body, path)
            # gzip_static sends the file from disk: its length is known (no chunks)
            src = os.path.join(dm.ROOT, "static", "app.css.gz") if path.endswith(".css") else None
            if src:
                with open(src, "rb") as f:
                    self.assertEqual(r.body, f.read(), "the .gz written by scripts/bootstrap")


class TestAddWidgetForm(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        cls.did = new_dashboard(cls.c, dm.unique("Forms"))
        cls.url = "/dashboards/%s" % cls.did

    def test_without_javascript(self):
        page = self.c.get(self.url).text
        self.assertNotIn('name="connection_id"', page, "the lists are not loaded with the dashboard")
        self.assertIn('href="%s/widgets/new"' % self.url, page)
        r = self.c.get(self.url + "/widgets/new")
        self.assertEqual(r.status, 200)
        self.assertIn("<html", r.text)
        self.assertIn('<option value="%s">' % dm.shop_connection_id(), r.text)
        self.assertIn('name="source" value="text"', r.text)
        r = self.c.post(self.url + "/widgets", {"_csrf": r.form_value("_csrf"), "source": "sql",
                        "title": "From the form page", "kind": "kpi", "sql": "SELECT count(*) FROM orders",
                        "connection_id": dm.shop_connection_id()})
        self.assertEqual(r.status, 303)
        self.assertIn("From the form page", self.c.get(self.url, follow=True).text)

    def test_with_javascript_a_fragment(self):
        r = self.c.get(self.url + "/widgets/new", headers={"HX-Request": "true"})
        self.assertEqual(r.status, 200)
        self.assertNotIn("<html", r.text)
        self.assertIn('id="add-widget-forms"', r.text)
        self.assertIn('<option value="%s">' % dm.shop_connection_id(), r.text)
        page = self.c.get(self.url).text
        self.assertIn('hx-get="%s/widgets/new"' % self.url, page)
        self.assertIn('hx-target="#add-widget-forms"', page)

    def test_viewer_gets_no_form(self):
        email = "fv-%s@example.com" % dm.unique("v")
        dm.add_user(self.c, email, "viewer")
        v, _ = dm.login(email)
        r = v.get(self.url + "/widgets/new")
        self.assertEqual(r.status, 403)
        self.assertEqual(r.header("Cache-Control"), "private, no-cache", "a signed-in page, even refused")


if __name__ == "__main__":
    unittest.main()
