"""Public dashboard links: the token is the only credential, and it opens
one dashboard of one organization. A token of organization A reaches none
of B's dashboards or widgets (nor A's other dashboards' widgets); tampered,
short, long and padded tokens are a 404, never a 500; another organization
cannot revoke or make links to A's dashboards; a revoked or expired link
stops at once; the public page shows no CSRF token, no user's name, no
other dashboard and no session of a signed-in visitor."""
import html
import re
import unittest

from common import UUID, dm, new_connection, new_dashboard

TOKEN = r"/public/d/([A-Za-z0-9_-]{43})"


def org(label):
    c, slug, _ = dm.register(name="Person " + label)
    cid = new_connection(c, "Shop " + label)
    title = "Board %s %s" % (label, dm.unique("t"))
    did = new_dashboard(c, title, shared=True)
    tok = dm.page_csrf(c, "/dashboards/%s" % did)
    r = c.post("/dashboards/%s/widgets" % did, {"_csrf": tok, "source": "sql", "title": "Chart " + label,
                                                "kind": "chart", "connection_id": cid,
                                                "sql": "SELECT 'north' AS region, 1 AS amount UNION ALL SELECT 'south', 2"})
    assert r.status == 303, (r.status, r.text[:1000])
    c.get("/dashboards/%s" % did)  # runs and stores the widget's result
    wid = dm.psql("SELECT id FROM widgets WHERE dashboard_id = '%s'" % did)
    r = c.post("/dashboards/%s/links" % did, {"_csrf": dm.page_csrf(c, "/dashboards/%s" % did), "expires": "30"})
    token = re.search(TOKEN, r.text).group(1)
    lid = dm.psql("SELECT id FROM dashboard_links WHERE dashboard_id = '%s'" % did)
    return {"c": c, "slug": slug, "did": did, "wid": wid, "token": token, "lid": lid,
            "title": title, "name": "Person " + label}


class TestPublicLinks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = org("A")
        cls.b = org("B")

    def test_token_reaches_one_dashboard_only(self):
        a, b, anon = self.a, self.b, dm.Client()
        page = anon.get("/public/d/%s" % a["token"])
        self.assertEqual(page.status, 200)
        self.assertIn(html.escape(a["title"]), page.text)
        self.assertNotIn(b["title"], page.text)
        ok = anon.get("/public/d/%s/widgets/%s.svg" % (a["token"], a["wid"]))
        self.assertEqual(ok.status, 200)
        # B's widget, B's dashboard id in the widget slot, through A's token
        for wid in (b["wid"], b["did"], a["did"]):
            r = anon.get("/public/d/%s/widgets/%s.svg" % (a["token"], wid))
            self.assertEqual(r.status, 404, wid)
            self.assertNotIn("<svg", r.text)
        # A's other dashboard's widget through A's token
        other = new_dashboard(a["c"], "Other of A", shared=True)
        a["c"].post("/dashboards/%s/widgets" % other, {
            "_csrf": dm.page_csrf(a["c"], "/dashboards/%s" % other), "source": "sql", "title": "Other chart",
            "kind": "chart", "connection_id": dm.psql("SELECT connection_id FROM widgets WHERE id = '%s'" % a["wid"]),
            "sql": "SELECT 'x' AS k, 1 AS v"})
        a["c"].get("/dashboards/%s" % other)
        owid = dm.psql("SELECT id FROM widgets WHERE dashboard_id = '%s'" % other)
        self.assertEqual(anon.get("/public/d/%s/widgets/%s.svg" % (a["token"], owid)).status, 404)
        self.assertNotIn("Other of A", anon.get("/public/d/%s" % a["token"]).text)

    def test_tampered_short_and_odd_tokens(self):
        t = self.a["token"]
        flip = lambda s, i: s[:i] + ("A" if s[i] != "A" else "B") + s[i + 1:]
        bad = [t[:-1], t[:16], t + "A", t + "=", flip(t, 0), flip(t, 20), flip(t, 42), t.upper(), t.lower(),
               "A" * 43, "_" * 43, "", "x", "../" + t, t[:40] + "%00AB", "a" * 500, t.replace(t[5], "+"),
               dm.psql("SELECT encode(token_hash, 'hex') FROM dashboard_links WHERE id = '%s'" % self.a["lid"])]
        anon = dm.Client()
        for tok in bad:
            if tok == t:
                continue
            for path in ("/public/d/%s" % tok, "/public/d/%s/widgets/%s.svg" % (tok, self.a["wid"])):
                r = anon.get(path)
                self.assertIn(r.status, (400, 404), path)
                self.assertNotIn(self.a["title"], r.text)
                self.assertNotIn("<svg", r.text)

    def test_other_org_cannot_revoke_or_make_links(self):
        a, b = self.a, self.b
        bc = b["c"]
        tok = dm.page_csrf(bc, "/settings")
        for path in ("/dashboards/%s/links/%s/revoke" % (a["did"], a["lid"]),
                     "/dashboards/%s/links/%s/revoke" % (b["did"], a["lid"]),
                     "/dashboards/%s/links" % a["did"]):
            r = bc.post(path, {"_csrf": tok, "expires": "7"})
            self.assertEqual(r.status, 404, path)
        self.assertEqual(dm.psql("SELECT count(*) FROM dashboard_links WHERE dashboard_id = '%s'" % a["did"]), "1")
        self.assertEqual(dm.psql("SELECT revoked_at IS NULL FROM dashboard_links WHERE id = '%s'" % a["lid"]), "t")
        self.assertEqual(dm.Client().get("/public/d/%s" % a["token"]).status, 200)
        # B's dashboard page lists none of A's links
        self.assertNotIn(a["lid"], bc.get("/dashboards/%s" % b["did"]).text)

    def test_private_dashboard_of_someone_else(self):
        c = self.a["c"]
        email = "analyst-%s@example.com" % dm.unique("x")
        dm.add_user(c, email, "analyst")
        analyst, _ = dm.login(email)
        mine = new_dashboard(c, "Admin private", shared=False)
        r = analyst.post("/dashboards/%s/links" % mine, {"_csrf": dm.page_csrf(analyst, "/settings"), "expires": "7"})
        self.assertEqual(r.status, 404)

    def test_revoked_and_expired_stop_at_once(self):
        c = self.b["c"]
        did = new_dashboard(c, "Short-lived", shared=True)
        toks = []
        for _ in range(2):
            r = c.post("/dashboards/%s/links" % did, {"_csrf": dm.page_csrf(c, "/dashboards/%s" % did), "expires": "30"})
            toks.append(re.search(TOKEN, r.text).group(1))
        lids = dm.psql("SELECT id FROM dashboard_links WHERE dashboard_id = '%s' ORDER BY created_at" % did).split()
        anon = dm.Client()
        self.assertEqual([anon.get("/public/d/%s" % t).status for t in toks], [200, 200])
        c.post("/dashboards/%s/links/%s/revoke" % (did, lids[0]), {"_csrf": dm.page_csrf(c, "/dashboards/%s" % did)})
        dm.psql("UPDATE dashboard_links SET expires_at = now() - interval '1 minute' WHERE id = '%s'" % lids[1])
        self.assertEqual([anon.get("/public/d/%s" % t).status for t in toks], [410, 410])

    def test_no_csrf_names_or_session_on_the_public_page(self):
        a = self.a
        for client in (dm.Client(), a["c"], self.b["c"]):
            r = client.get("/public/d/%s" % a["token"])
            self.assertEqual(r.status, 200)
            for leak in ("_csrf", "csrf", "CSRF", a["name"], self.b["name"], "<form", "<nav", 'href="/dashboards',
                         a["slug"], self.b["slug"], a["did"]):
                self.assertNotIn(leak, r.text, leak)
            self.assertNotIn("dm_session", r.header("Set-Cookie") or "")
            self.assertIsNone(re.search(UUID, r.text.replace(a["wid"], "")), "an id other than the widget's")


if __name__ == "__main__":
    unittest.main()
