"""Issue 19: a repeat dashboard view is the page the web worker rendered last
time, copied from its memory after one statement that checks the session
and the rows' versions together, gzipped by the app when the client takes
it. A session signed out since is not given the copy. Every change is seen at once:
the dashboard edited, a widget edited, moved, added, removed or given a new
result by another process, the viewer's role changed, a new notification.
Each test first views the page until the workers copy it (their counter
datamind_page_store_hits_total goes up), then changes something and views
it again several times, so that every web worker's copy is checked."""
import gzip
import re
import unittest

import dm
from test_dashboard_cache import js_get
from test_dashboard_grid import places
from test_dashboards import add_sql_widget, new_dashboard, widget_ids
from test_fragments import counter

VIEWS = 8  # the stack's two web workers: each serves some of them
SQLS = [("SELECT count(*) AS orders FROM orders", "kpi"),
        ("SELECT status, count(*) AS n FROM orders GROUP BY 1 ORDER BY 1", "chart"),
        ("SELECT name, unit_price FROM products ORDER BY unit_price DESC LIMIT 3", "table")]


def hits(client):
    return counter(client, "datamind_page_store_hits_total")


def page_text(r):
    body = gzip.decompress(r.body) if r.header("Content-Encoding") == "gzip" else r.body
    return body.decode("utf-8")


class PageStoreCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        cls.did = new_dashboard(cls.c, dm.unique("Stored"), shared=True)
        for i, (sql, kind) in enumerate(SQLS):
            r = add_sql_widget(cls.c, cls.did, sql, title="Stored%d" % i, kind=kind)
            assert r.status == 303, (r.status, r.text[:300])
        cls.url = "/dashboards/%s" % cls.did
        cls.c.get(cls.url)  # the flash of the last add is shown (and cleared) once

    def views(self, client=None, n=VIEWS):
        """n views as a browser with JavaScript and gzip: their texts."""
        out = []
        for _ in range(n):
            r = js_get(client or self.c, self.url, {"Accept-Encoding": "gzip"})
            self.assertEqual(r.status, 200)
            out.append(page_text(r))
        return out

    def warm(self, client=None):
        """View until the workers copy the page: the texts of the copies."""
        before = hits(self.c)
        pages = self.views(client)
        self.assertGreater(hits(self.c), before, "repeat views are copied")
        self.assertEqual(len(set(pages)), 1, "every view is the same page")
        return pages[-1]

    def tok(self):
        return dm.page_csrf(self.c, "/dashboards")


class TestCopiedView(PageStoreCase):
    def test_copy_is_the_rendered_page(self):
        page = self.warm()
        self.assertEqual(len(widget_ids(page)), 3)
        # without gzip the same bytes; with it, a gzip body from the app
        plain = js_get(self.c, self.url)
        self.assertIsNone(plain.header("Content-Encoding"))
        self.assertEqual(plain.text, page)
        coded = js_get(self.c, self.url, {"Accept-Encoding": "gzip"})
        self.assertEqual(coded.header("Content-Encoding"), "gzip")
        self.assertIn("Accept-Encoding", coded.header("Vary") or "")
        self.assertEqual(gzip.decompress(coded.body).decode(), page)
        # the coded body's tag is the weak form of the plain one, and both match
        self.assertEqual(coded.header("ETag"), "W/" + plain.header("ETag"))
        for tag in (plain.header("ETag"), coded.header("ETag")):
            r = js_get(self.c, self.url, {"Accept-Encoding": "gzip", "If-None-Match": tag})
            self.assertEqual(r.status, 304)
            self.assertEqual(r.body, b"")
        # gzip;q=0 is a refusal
        r = js_get(self.c, self.url, {"Accept-Encoding": "gzip;q=0, identity"})
        self.assertIsNone(r.header("Content-Encoding"))
        self.assertEqual(r.text, page)

    def test_other_session_gets_its_own_page(self):
        page = self.warm()
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        other, _ = dm.login(*dm.demo_login(), org="demo")
        for text in self.views(other):
            self.assertNotIn(csrf, text, "another session's CSRF token")
            self.assertEqual(len(widget_ids(text)), 3)

    def test_signed_out_session_gets_no_copy(self):
        other, _ = dm.login(*dm.demo_login(), org="demo")
        self.warm(other)
        cookie = other.cookie("dm_session")
        self.assertEqual(other.post("/logout", {"_csrf": dm.page_csrf(other)}).status, 303)
        for _ in range(VIEWS):  # the old cookie, as a stolen or stale one would come
            r = dm.Client().get(self.url, headers={"Cookie": "dm_session=%s; dm_js=1" % cookie})
            self.assertEqual(r.status, 303)
            self.assertTrue(r.header("Location").startswith("/login"))

    def test_flash_is_shown_once(self):
        # the client's own cookies (js_get sends only the session's): the flash's too
        for _ in range(VIEWS):
            self.assertEqual(self.c.get(self.url).status, 200)
        r = self.c.post(self.url, {"_csrf": self.tok(), "title": dm.unique("Flashy"), "shared": "1",
                                   "refresh_minutes": "0"})
        self.assertEqual(r.status, 303)
        self.assertIn("Dashboard saved.", self.c.get(self.url).text)
        for _ in range(VIEWS):
            self.assertNotIn("Dashboard saved.", self.c.get(self.url).text)


class TestChangesSeenAtOnce(PageStoreCase):
    def test_dashboard_edit(self):
        self.warm()
        title = dm.unique("Renamed")
        r = self.c.post(self.url, {"_csrf": self.tok(), "title": title, "shared": "1",
                                   "refresh_minutes": "0"})
        self.assertEqual(r.status, 303)
        self.c.get(self.url)  # its flash
        for text in self.views():
            self.assertIn(title, text)

    def test_widget_edit_move_add_delete(self):
        page = self.warm()
        ids = widget_ids(page)
        # edit: a new title
        title = dm.unique("Retitled")
        r = self.c.post("%s/widgets/%s" % (self.url, ids[1]), {
            "_csrf": self.tok(), "title": title, "kind": "chart", "size": "full", "type": "bar"})
        self.assertEqual(r.status, 303)
        self.c.get(self.url)
        for text in self.views():
            self.assertIn(">%s<" % title, text)
        # move: the first one later
        self.warm()
        r = self.c.post("%s/widgets/%s/move" % (self.url, ids[0]), {"_csrf": self.tok(), "direction": "down"})
        self.assertEqual(r.status, 303)
        self.c.get(self.url)
        for text in self.views():
            self.assertEqual(widget_ids(text), [ids[1], ids[0], ids[2]])
        # add, then delete
        self.warm()
        r = add_sql_widget(self.c, self.did, "SELECT count(*) AS customers FROM customers",
                           title="Added", kind="kpi")
        self.assertEqual(r.status, 303)
        self.c.get(self.url)
        texts = self.views()
        for text in texts:
            self.assertEqual(len(widget_ids(text)), 4)
        added = [w for w in widget_ids(texts[0]) if w not in ids][0]
        self.warm()
        r = self.c.post("%s/widgets/%s/delete" % (self.url, added), {"_csrf": self.tok()})
        self.assertEqual(r.status, 303)
        self.c.get(self.url)
        for text in self.views():
            self.assertEqual(sorted(widget_ids(text)), sorted(ids))

    def test_result_written_by_another_process(self):
        """The runners write a widget's new result and fragment to its row:
        modelled by writing the stored fragment directly, as they would."""
        page = self.warm()
        wid = widget_ids(page)[0]  # the KPI: its fragment is stored
        mark = dm.unique("fresh-result")
        old = dm.psql("SELECT fragment_html FROM widgets WHERE id = '%s'" % wid)
        self.assertTrue(old)
        dm.psql("UPDATE widgets SET fragment_html = fragment_html || '<p>%s</p>' WHERE id = '%s'"
                % (mark, wid))
        for text in self.views():
            self.assertIn(mark, text)
        dm.psql("UPDATE widgets SET fragment_html = replace(fragment_html, '<p>%s</p>', '')"
                " WHERE id = '%s'" % (mark, wid))
        for text in self.views():
            self.assertNotIn(mark, text)

    def test_role_change(self):
        email = "store-%s@example.com" % dm.unique("r")
        dm.add_user(self.c, email, "analyst")
        analyst, r = dm.login(email)
        self.assertEqual(r.status, 303)
        page = self.warm(analyst)
        self.assertIn("/edit\">Edit</a>", page, "an analyst edits a shared dashboard")
        uid = dm.psql("SELECT id FROM users WHERE email = '%s'" % email)
        r = self.c.post("/admin/users/%s/role" % uid, {"_csrf": dm.page_csrf(self.c, "/admin/users"),
                                                       "role": "viewer"})
        self.assertEqual(r.status, 303)
        for text in self.views(analyst):
            self.assertNotIn("/edit\">Edit</a>", text, "a viewer only reads")
            self.assertNotIn("Dashboard settings", text)

    def test_new_notification(self):
        self.warm()
        email, _ = dm.demo_login()
        uid = dm.psql("SELECT u.id FROM users u JOIN organizations o ON o.id = u.org_id"
                      " WHERE o.slug = 'demo' AND u.email = '%s'" % email)
        before = self.views(n=1)[0]
        dm.psql("INSERT INTO notifications (org_id, user_id, title, body)"
                " SELECT org_id, id, 'Page store test', 'x' FROM users WHERE id = '%s'" % uid)
        try:
            for text in self.views():
                self.assertNotEqual(text, before, "the bell's count is part of the page")
        finally:
            dm.psql("DELETE FROM notifications WHERE title = 'Page store test'")



class TestGridPlace(PageStoreCase):
    """Its own dashboard: the other classes' tests expect the layout they made."""

    def test_grid_place(self):
        """A widget moved or resized on the grid (POST …/place): every view
        shows the new place, not the copy of the old layout."""
        page = self.warm()
        ids = widget_ids(page)
        before = places(page)
        x, y, w, h = 6, 9, 6, 4
        self.assertNotEqual(before[ids[0]], (x, y, w, h))
        r = self.c.post("%s/widgets/%s/place" % (self.url, ids[0]),
                        {"_csrf": self.tok(), "x": x, "y": y, "w": w, "h": h},
                        headers={"Accept": "application/json"})
        self.assertEqual(r.status, 200, r.text[:300])
        for text in self.views():
            self.assertEqual(places(text)[ids[0]], (x, y, w, h))


if __name__ == "__main__":
    unittest.main()
