"""Public links (issue 15, item 6): an analyst makes a read-only link to a
dashboard with an expiry; it is listed on the dashboard's page with its
expiry, creator and a Revoke button; /public/d/{token} opens the dashboard
without signing in (its charts, tables and text, nothing else of the app),
its widgets' SVGs too; the audit log has the create and the revoke; a
revoked or expired link (expiry set in the past in the database) stops at
once with a 410 page; views are rate-limited."""
import html
import os
import re
import subprocess
import time
import unittest

import dm
from test_dashboards import add_sql_widget, new_dashboard, widget_ids
from test_ratelimit import web_setting

TOKEN = r"/public/d/([A-Za-z0-9_-]{43})"


def make_link(client, did, expires="7"):
    """Create a link; (response, token)."""
    r = client.post("/dashboards/%s/links" % did,
                    {"_csrf": dm.page_csrf(client, "/dashboards/%s" % did), "expires": expires})
    m = re.search(TOKEN, r.text)
    return r, m.group(1) if m else None


def link_id(token_page_did, n=0):
    return dm.psql("SELECT id FROM dashboard_links WHERE dashboard_id = '%s' ORDER BY created_at DESC "
                   "LIMIT 1 OFFSET %d" % (token_page_did, n))


def revoke(client, did, lid):
    return client.post("/dashboards/%s/links/%s/revoke" % (did, lid),
                       {"_csrf": dm.page_csrf(client, "/dashboards/%s" % did)})


def board(client, title):
    """A dashboard with a chart, a table and a text widget, their results stored."""
    did = new_dashboard(client, title)
    add_sql_widget(client, did, "SELECT 'north' AS region, 10 AS amount UNION ALL SELECT 'south', 20",
                   title="Chart of regions")
    add_sql_widget(client, did, "SELECT 'zebra-row' AS animal, 7 AS legs", title="Table of animals",
                   kind="table")
    client.post("/dashboards/%s/widgets" % did, {"_csrf": dm.page_csrf(client, "/dashboards/%s" % did),
                                                 "source": "text", "title": "Notes",
                                                 "markdown": "**Read me** please"})
    page = client.get("/dashboards/%s" % did).text  # without JavaScript: runs and stores each result
    assert "zebra-row" in page and "<svg" in page, page[:3000]
    return did


class TestPublicLinks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        cls.name = dm.psql("SELECT u.full_name FROM users u JOIN organizations o ON o.id = u.org_id "
                           "WHERE o.slug = 'demo' AND u.email = '%s'" % dm.demo_login()[0])

    def test_create_list_open_revoke(self):
        title = dm.unique("Public board")
        did = board(self.c, title)
        other = dm.unique("Other board")
        new_dashboard(self.c, other, shared=True)
        r, token = make_link(self.c, did, "7")
        self.assertEqual(r.status, 200, r.text[:2000])
        self.assertTrue(token, "the new link's address is shown once")
        self.assertIn("no-store", r.header("Cache-Control"))
        # only the hash is stored
        self.assertEqual(dm.psql("SELECT count(*) FROM dashboard_links WHERE encode(token_hash, 'escape') "
                                 "LIKE '%%%s%%'" % token), "0")
        self.assertEqual(dm.psql("SELECT length(token_hash) FROM dashboard_links WHERE dashboard_id = '%s'" % did), "32")
        lid = link_id(did)
        # listed on the dashboard's page with its expiry, creator and Revoke
        page = self.c.get("/dashboards/%s" % did).text
        row = re.search(r'<li id="link-%s">(.*?)</li>' % lid, page, re.S).group(1)
        self.assertIn(html.escape(self.name), row)
        expires = dm.psql("SELECT to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM dashboard_links "
                          "WHERE id = '%s'" % lid)
        self.assertIn(expires, row)
        self.assertEqual(dm.psql("SELECT round(extract(epoch FROM expires_at - created_at) / 86400) FROM "
                                 "dashboard_links WHERE id = '%s'" % lid), "7")
        self.assertIn("/links/%s/revoke" % lid, row)
        self.assertNotIn(token, page, "the token is never shown again")
        # the sharing page lists it too; a browser with JavaScript loads it from there
        sharing = self.c.get("/dashboards/%s/sharing" % did)
        self.assertEqual(sharing.status, 200)
        self.assertIn('id="link-%s"' % lid, sharing.text)
        js_page = self.c.get("/dashboards/%s" % did, headers={
            "Cookie": "dm_session=%s; dm_js=1" % self.c.cookie("dm_session")}).text
        self.assertIn('hx-get="/dashboards/%s/sharing"' % did, js_page)
        # audit
        self.assertEqual(dm.psql("SELECT count(*) FROM audit_log WHERE action = 'dashboard.link_create' "
                                 "AND resource_id = '%s' AND details->>'link' = '%s'" % (did, lid)), "1")
        # a fresh visitor, not signed in
        anon = dm.Client()
        pub = anon.get("/public/d/%s" % token)
        self.assertEqual(pub.status, 200, pub.text[:2000])
        t = pub.text
        for want in (title, "Chart of regions", "<svg", "zebra-row", "<strong>Read me</strong>"):
            self.assertIn(want, t)
        for leak in ("_csrf", "csrf", "X-CSRF-Token", html.escape(self.name), "/dashboards/", 'href="/chat',
                     "<form", "<nav", "Sign out", "hx-", "/export", "htmx", "<script", other):
            self.assertNotIn(leak, t, "the public page shows %r" % leak)
        self.assertEqual(pub.header("Referrer-Policy"), "no-referrer")
        self.assertIn("no-store", pub.header("Cache-Control"))
        # the chart's SVG through the token
        wids = widget_ids(t)
        chart = dm.psql("SELECT id FROM widgets WHERE dashboard_id = '%s' AND title = 'Chart of regions'" % did)
        self.assertIn(chart, wids)
        svg = anon.get("/public/d/%s/widgets/%s.svg" % (token, chart))
        self.assertEqual(svg.status, 200)
        self.assertTrue(svg.header("Content-Type").startswith("image/svg+xml"))
        self.assertTrue(svg.text.lstrip().startswith("<svg"), svg.text[:200])
        table = dm.psql("SELECT id FROM widgets WHERE dashboard_id = '%s' AND title = 'Table of animals'" % did)
        self.assertEqual(anon.get("/public/d/%s/widgets/%s.svg" % (token, table)).status, 404)
        # a signed-in user opening the link sees no session of theirs either
        t2 = self.c.get("/public/d/%s" % token).text
        for leak in ("_csrf", html.escape(self.name), "<form", "/dashboards/"):
            self.assertNotIn(leak, t2)
        # revoke: gone at once, page and SVG
        r = revoke(self.c, did, lid)
        self.assertEqual(r.status, 303)
        gone = anon.get("/public/d/%s" % token)
        self.assertEqual(gone.status, 410)
        self.assertIn("expired or was revoked", gone.text)
        self.assertNotIn(title, gone.text)
        self.assertEqual(anon.get("/public/d/%s/widgets/%s.svg" % (token, chart)).status, 410)
        self.assertEqual(dm.psql("SELECT count(*) FROM audit_log WHERE action = 'dashboard.link_revoke' "
                                 "AND resource_id = '%s' AND details->>'link' = '%s'" % (did, lid)), "1")
        page = self.c.get("/dashboards/%s" % did).text
        row = re.search(r'<li id="link-%s">(.*?)</li>' % lid, page, re.S).group(1)
        self.assertIn("revoked", row)
        self.assertNotIn("/revoke", row)
        # revoking twice is a 404, not a second audit entry
        self.assertEqual(revoke(self.c, did, lid).status, 404)

    def test_expired_in_the_database_stops_at_once(self):
        did = board(self.c, dm.unique("Expiring"))
        _, token = make_link(self.c, did, "1")
        lid = link_id(did)
        anon = dm.Client()
        self.assertEqual(anon.get("/public/d/%s" % token).status, 200)
        dm.psql("UPDATE dashboard_links SET expires_at = now() - interval '1 second' WHERE id = '%s'" % lid)
        r = anon.get("/public/d/%s" % token)
        self.assertEqual(r.status, 410)
        self.assertIn("expired or was revoked", r.text)
        row = re.search(r'<li id="link-%s">(.*?)</li>' % lid, self.c.get("/dashboards/%s" % did).text, re.S).group(1)
        self.assertIn("expired", row)
        self.assertNotIn("/revoke", row)

    def test_never_expiring_link_warns(self):
        did = new_dashboard(self.c, dm.unique("Forever"))
        r, token = make_link(self.c, did, "never")
        self.assertEqual(r.status, 200)
        self.assertIn("never expires", r.text)
        lid = link_id(did)
        self.assertEqual(dm.psql("SELECT expires_at IS NULL FROM dashboard_links WHERE id = '%s'" % lid), "t")
        row = re.search(r'<li id="link-%s">(.*?)</li>' % lid, self.c.get("/dashboards/%s" % did).text, re.S).group(1)
        self.assertIn("never expires", row)
        self.assertEqual(dm.Client().get("/public/d/%s" % token).status, 200)

    def test_bad_expiry_and_viewer_are_refused(self):
        did = new_dashboard(self.c, dm.unique("Refusals"), shared=True)
        r, token = make_link(self.c, did, "365")
        self.assertEqual(r.status, 303)
        self.assertIsNone(token)
        self.assertEqual(dm.psql("SELECT count(*) FROM dashboard_links WHERE dashboard_id = '%s'" % did), "0")
        email = "viewer-%s@example.com" % dm.unique("pv")
        dm.add_user(self.c, email, "viewer")
        viewer, _ = dm.login(email)
        page = viewer.get("/dashboards/%s" % did).text
        self.assertNotIn("Public links", page)
        r = viewer.post("/dashboards/%s/links" % did, {"_csrf": dm.page_csrf(viewer, "/dashboards/%s" % did),
                                                       "expires": "7"})
        self.assertEqual(r.status, 403)
        _, token = make_link(self.c, did)
        r = revoke(viewer, did, link_id(did))
        self.assertEqual(r.status, 403)
        self.assertEqual(dm.Client().get("/public/d/%s" % token).status, 200)

    def test_deactivated_creator_or_deleted_dashboard_ends_the_link(self):
        email = "analyst-%s@example.com" % dm.unique("pa")
        dm.add_user(self.c, email, "analyst")
        analyst, _ = dm.login(email)
        did = new_dashboard(analyst, dm.unique("Analyst board"))
        _, token = make_link(analyst, did)
        anon = dm.Client()
        self.assertEqual(anon.get("/public/d/%s" % token).status, 200)
        uid = dm.psql("SELECT id FROM users WHERE email = '%s'" % email)
        r = self.c.post("/admin/users/%s/active" % uid, {"_csrf": dm.page_csrf(self.c, "/admin/users"),
                                                         "active": "0"})
        self.assertEqual(r.status, 303)
        self.assertEqual(anon.get("/public/d/%s" % token).status, 410)
        did2 = new_dashboard(self.c, dm.unique("Deleted board"))
        _, token2 = make_link(self.c, did2)
        self.assertEqual(anon.get("/public/d/%s" % token2).status, 200)
        self.c.post("/dashboards/%s/delete" % did2, {"_csrf": dm.page_csrf(self.c, "/dashboards/%s" % did2),
                                                    "confirm": "yes"})
        self.assertEqual(anon.get("/public/d/%s" % token2).status, 404)

    def test_public_views_are_rate_limited(self):
        did = new_dashboard(self.c, dm.unique("Limited"))
        _, token = make_link(self.c, did)
        with web_setting("RATE_PUBLIC", 1):
            # other tests' views from this address count in this window: start a new one
            sock = os.path.join(dm.VAR, "run", "redis.sock")
            keys = subprocess.run(["redis-cli", "-s", sock, "--scan", "--pattern", "*rl:public views:*"],
                                  capture_output=True, text=True, check=True).stdout.splitlines()
            if keys:
                subprocess.run(["redis-cli", "-s", sock, "DEL"] + keys, capture_output=True, check=True)
            xff = {"X-Forwarded-For": "10.80.%d.%d" % (os.getpid() % 250, int(time.time()) % 250)}
            anon = dm.Client()
            codes = [anon.get("/public/d/%s" % token, headers=xff).status for _ in range(12)]
        self.assertEqual(codes[0], 200)
        self.assertIn(429, codes, codes)


if __name__ == "__main__":
    unittest.main()
