"""GET /search (issue 20, part 5): the organization's dashboards, saved
queries, connections, the user's chats and DataMind's pages whose names
hold every word typed — with the list pages' visibility, never another
organization's; the palette's fragment (HX-Request) is the same list."""
import html
import re
import unittest
import urllib.parse

import dm
from test_dashboards import new_dashboard


def ids_of(email):
    row = dm.psql("SELECT org_id || ' ' || id FROM users WHERE email = '%s'" % email)
    return row.split()


def new_connection(org_id, name):
    return dm.psql("INSERT INTO connections (org_id, name, host, database_name, username)"
                   " VALUES ('%s', '%s', '127.0.0.1', 'none', 'none') RETURNING id" % (org_id, name))


def new_chat(org_id, user_id, title):
    return dm.psql("INSERT INTO chat_sessions (org_id, user_id, title) VALUES ('%s', '%s', '%s')"
                   " RETURNING id" % (org_id, user_id, title))


def search(client, q, **kw):
    return client.get("/search?q=" + urllib.parse.quote(q), **kw)


def hits(page):
    """[(kind, title, href)] of a results list."""
    return [(html.unescape(k), html.unescape(t), h) for h, k, t in re.findall(
        r'<a class="search-hit" href="([^"]*)"><span class="search-kind">([^<]*)</span>'
        r' <span class="search-title">([^<]*)</span>', page)]


class SearchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tok = dm.unique("zq").replace("-", "")
        t = cls.tok
        cls.a, _, a_email = dm.register()
        cls.b, _, b_email = dm.register()
        a_org, a_user = ids_of(a_email)
        b_org, b_user = ids_of(b_email)
        # an analyst of A with a private dashboard and a chat of their own
        an_email = dm.unique("an") + "@example.com"
        dm.add_user(cls.a, an_email, "analyst")
        cls.an, r = dm.login(an_email)
        assert r.status == 303, r.status
        _, an_user = ids_of(an_email)
        v_email = dm.unique("vw") + "@example.com"
        dm.add_user(cls.a, v_email, "viewer")
        cls.viewer, r = dm.login(v_email)
        assert r.status == 303, r.status

        cls.mine = {
            ("Dashboard", "Alpha Revenue " + t, "/dashboards/" + new_dashboard(cls.a, "Alpha Revenue " + t, shared=True)),
            ("Saved query", "Alpha Orders " + t, "/queries/" + dm.save_query(cls.a, "Alpha Orders " + t, "SELECT 1")),
            ("Connection", "Alpha Warehouse " + t, "/connections/" + new_connection(a_org, "Alpha Warehouse " + t)),
            ("Chat", "Alpha chat " + t, "/chat/" + new_chat(a_org, a_user, "Alpha chat " + t)),
        }
        cls.analyst_own = {
            ("Dashboard", "Private plan " + t, "/dashboards/" + new_dashboard(cls.an, "Private plan " + t)),
            ("Chat", "Analyst chat " + t, "/chat/" + new_chat(a_org, an_user, "Analyst chat " + t)),
        }
        cls.other_org = {
            ("Dashboard", "Beta Revenue " + t, "/dashboards/" + new_dashboard(cls.b, "Beta Revenue " + t, shared=True)),
            ("Saved query", "Beta Orders " + t, "/queries/" + dm.save_query(cls.b, "Beta Orders " + t, "SELECT 1")),
            ("Connection", "Beta Warehouse " + t, "/connections/" + new_connection(b_org, "Beta Warehouse " + t)),
            ("Chat", "Beta chat " + t, "/chat/" + new_chat(b_org, b_user, "Beta chat " + t)),
        }

    def test_finds_the_orgs_items_only(self):
        r = search(self.a, self.tok)
        self.assertEqual(r.status, 200)
        found = set(hits(r.text))
        self.assertEqual(found, self.mine)   # not B's, not the analyst's private ones
        for _, title, href in self.other_org | self.analyst_own:
            self.assertNotIn(title, r.text)
            self.assertNotIn(href, r.text)
        # and each hit opens
        for _, _, href in found:
            self.assertEqual(self.a.get(href).status, 200, href)

    def test_other_org_sees_its_own(self):
        self.assertEqual(set(hits(search(self.b, self.tok).text)), self.other_org)

    def test_shared_and_own_for_an_analyst(self):
        found = set(hits(search(self.an, self.tok).text))
        expected = {h for h in self.mine if h[0] in ("Dashboard", "Saved query", "Connection")
                    and not h[1].startswith("Alpha Orders")}   # the admin's query is private
        self.assertEqual(found, expected | self.analyst_own)

    def test_every_word_counts_in_any_case(self):
        found = hits(search(self.a, "REVENUE " + self.tok).text)
        self.assertEqual([h[1] for h in found], ["Alpha Revenue " + self.tok])
        self.assertEqual(hits(search(self.a, "revenue orders " + self.tok).text), [])

    def test_wildcards_match_themselves(self):
        for q in ("%", "_", "%" + self.tok, "\\"):
            r = search(self.a, q)
            self.assertEqual(r.status, 200, q)
            self.assertEqual(hits(r.text), [], q)
            self.assertIn("Nothing you can open is called", r.text)

    def test_pages_by_role(self):
        titles = lambda c, q: [h[1] for h in hits(search(c, q).text) if h[0] == "Page"]
        self.assertEqual(titles(self.a, "audit"), ["Audit log"])
        self.assertEqual(titles(self.viewer, "audit"), [])
        self.assertEqual(titles(self.viewer, "explore"), [])
        self.assertEqual(titles(self.an, "explore"), ["Explore"])
        self.assertIn("Settings", titles(self.viewer, "sett"))
        self.assertIn(("Page", "Settings", "/settings"), hits(search(self.viewer, "sett").text))

    def test_empty_search_lists_pages_and_recent(self):
        r = self.a.get("/search")
        self.assertEqual(r.status, 200)
        kinds = [h[0] for h in hits(r.text)]
        self.assertIn("Page", kinds)
        self.assertIn('name="q"', r.text)   # the form, for browsers without JavaScript

    def test_fragment_for_the_palette(self):
        r = search(self.a, "alpha " + self.tok, headers={"HX-Request": "true"})
        self.assertEqual(r.status, 200)
        self.assertNotIn("<html", r.text)
        self.assertEqual(set(hits(r.text)), self.mine)

    def test_markup_in_a_name_is_text(self):
        tok = dm.unique("mk").replace("-", "")
        new_dashboard(self.a, "<b>bold</b> " + tok, shared=True)
        r = search(self.a, tok)
        self.assertIn("&lt;b&gt;bold&lt;/b&gt;", r.text)
        self.assertNotIn("<b>bold</b>", r.text)

    def test_bad_input_is_harmless(self):
        r = self.a.get("/search?q=%ff%fe")   # not UTF-8: refused by the request layer
        self.assertEqual(r.status, 400)
        r = search(self.a, "x" * 5000)
        self.assertEqual(r.status, 200)

    def test_signed_out_goes_to_sign_in(self):
        r = dm.Client().get("/search?q=" + self.tok)
        self.assertIn(r.status, (302, 303))
        self.assertIn("/login", r.header("Location"))
        self.assertNotIn(self.tok, r.text)


if __name__ == "__main__":
    unittest.main()
