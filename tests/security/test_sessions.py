"""Sessions: a tampered or truncated cookie is signed out; an old cookie is
dead after sign-out, sign-out-everywhere and a password change; /login's
`next` never leaves the site."""
import re
import unittest
import urllib.parse

from common import dm

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def signed_out(cookie):
    r = dm.Client().get("/settings", headers={"Cookie": "dm_session=" + cookie})
    return r.status == 303 and r.header("Location", ).startswith("/login")


class TestCookies(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.email = dm.register()
        cls.value = cls.c.cookie("dm_session")

    def test_valid_cookie_works(self):
        r = dm.Client().get("/settings", headers={"Cookie": "dm_session=" + self.value})
        self.assertEqual(r.status, 200)

    def test_every_byte_flipped(self):
        v = self.value
        bad = []
        for i in range(len(v)):
            for repl in {ALPHABET[(ALPHABET.find(v[i]) + 1) % len(ALPHABET)], chr(ord(v[i]) ^ 0x01)}:
                t = v[:i] + repl + v[i + 1:]
                if t != v and not signed_out(t):
                    bad.append((i, t))
        self.assertEqual(bad, [])

    def test_truncated_extended_and_odd(self):
        v = self.value
        bad = [k for k in range(0, len(v)) if not signed_out(v[:k])]
        self.assertEqual(bad, [], "prefixes accepted")
        for t in (v + "A", v + v, "A" + v, v[1:], v.upper(), v.lower(), v[::-1],
                  "%00" + v, v + "%00", urllib.parse.quote(v, safe=""), "x" * 4000):
            if t != v:
                self.assertTrue(signed_out(t), t[:80])


class TestReplay(unittest.TestCase):
    def test_after_logout(self):
        c, _, _ = dm.register()
        copied, tok = c.cookie("dm_session"), dm.page_csrf(c)
        c.post("/logout", {"_csrf": tok})
        self.assertTrue(signed_out(copied))
        r = dm.Client().post("/settings", {"_csrf": tok, "action": "name", "full_name": "Ghost"},
                             headers={"Cookie": "dm_session=" + copied})
        self.assertEqual(r.status, 403)

    def test_sign_out_holds_at_once_in_every_worker(self):
        """The session is checked by one statement on every request, with no
        cache: after a sign-out no worker lets the cookie in, not even for a
        dashboard the browser holds a matching ETag for."""
        c, _, _ = dm.register()
        cookie = c.cookie("dm_session")
        did = c.post("/dashboards", {"_csrf": dm.page_csrf(c, "/dashboards"), "title": "Mine"})
        url = did.header("Location")
        c.get(url)  # the flash, once
        etag = c.get(url).header("ETag")
        browsers = [dm.Client() for _ in range(8)]  # 8 connections: both web workers serve them
        for b in browsers:
            r = b.get(url, headers={"Cookie": "dm_session=" + cookie, "If-None-Match": etag})
            self.assertEqual(r.status, 304)
        self.assertEqual(c.post("/logout", {"_csrf": dm.page_csrf(c)}).status, 303)
        for b in browsers:
            r = b.get(url, headers={"Cookie": "dm_session=" + cookie, "If-None-Match": etag})
            self.assertEqual(r.status, 303, "signed out in every worker at once")
            self.assertTrue(r.header("Location").startswith("/login"))

    def test_bell_counts_at_once(self):
        """The bell's count comes with the session: a new notification shows
        on the very next page (and a read one goes)."""
        c, slug, email = dm.register()
        self.assertNotIn('class="bell-count"', c.get("/settings").text)
        uid = dm.psql("SELECT u.id FROM users u JOIN organizations o ON o.id = u.org_id"
                      " WHERE o.slug = '%s' AND u.email = '%s'" % (slug, email))
        dm.psql("INSERT INTO notifications (org_id, user_id, title, body)"
                " SELECT org_id, id, 'Bell test', 'x' FROM users WHERE id = '%s'" % uid)
        self.assertIn('<span class="bell-count">1</span>', c.get("/settings").text)
        r = c.get("/notifications/count", headers={"HX-Request": "true"})
        self.assertEqual(r.text.strip(), '<span class="bell-count">1</span>')
        c.post("/notifications/read-all", {"_csrf": dm.page_csrf(c)})
        self.assertEqual(c.get("/notifications/count", headers={"HX-Request": "true"}).text.strip(), "")
        self.assertNotIn('class="bell-count"', c.get("/settings").text)

    def test_after_sign_out_everywhere(self):
        _, _, email = dm.register()
        a, _ = dm.login(email)
        b, _ = dm.login(email)
        ca, cb, tb = a.cookie("dm_session"), b.cookie("dm_session"), dm.page_csrf(b)
        r = a.post("/settings", {"_csrf": dm.page_csrf(a), "action": "signout_all"})
        self.assertEqual(r.status, 303)
        self.assertTrue(signed_out(ca), "this device")
        self.assertTrue(signed_out(cb), "the other device")
        r = dm.Client().post("/settings", {"_csrf": tb, "action": "name", "full_name": "Ghost"},
                             headers={"Cookie": "dm_session=" + cb})
        self.assertEqual(r.status, 403)
        self.assertEqual(dm.psql("SELECT count(*) FROM users WHERE email = '%s' AND full_name = 'Ghost'" % email), "0")

    def test_after_password_change(self):
        _, _, email = dm.register()
        a, _ = dm.login(email)
        b, _ = dm.login(email)
        cb = b.cookie("dm_session")
        r = a.post("/settings", {"_csrf": dm.page_csrf(a), "action": "password", "current_password": dm.PASSWORD,
                                 "new_password": "a different fine password 7"})
        self.assertEqual(r.status, 303)
        self.assertTrue(signed_out(cb))

    def test_after_deactivation_and_role_change_takes_effect(self):
        admin, slug, _ = dm.register()
        email = "v-%s@example.com" % slug
        dm.add_user(admin, email, "analyst")
        v, _ = dm.login(email)
        self.assertEqual(v.get("/explore").status, 200)
        uid = dm.psql("SELECT id FROM users WHERE email = '%s'" % email)
        admin.post("/admin/users/%s/role" % uid, {"_csrf": dm.page_csrf(admin, "/admin/users"), "role": "viewer"})
        self.assertEqual(v.get("/explore").status, 403, "a demoted user keeps no analyst rights")
        cv = v.cookie("dm_session")
        admin.post("/admin/users/%s/active" % uid, {"_csrf": dm.page_csrf(admin, "/admin/users"), "active": "0"})
        self.assertTrue(signed_out(cv))


NASTY = ["//evil.example", "//evil.example/", "/\\evil.example", "\\\\evil.example", "\\/evil.example",
         "https:evil.example", "https://evil.example", "http:/evil.example", "javascript:alert(1)",
         "%2F%2Fevil.example", "/%2F/evil.example", "%2F%5Cevil.example", "/%5Cevil.example",
         "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "\t//evil.example", " //evil.example",
         "/%09/evil.example", "/%0a/evil.example", "/%0d%0aLocation:%20http://evil.example",
         "///evil.example", "////evil.example", "/.//evil.example", "//%65vil.example", "/\x00//evil.example",
         "%252F%252Fevil.example", "evil.example", "@evil.example", "/@evil.example", "\u3002/evil.example",
         "//evil%E3%80%82example", "/\u2215\u2215evil.example", "data:text/html,<script>alert(1)</script>",
         "/login?next=//evil.example", "http://127.0.0.1@evil.example"]


def local(base, location):
    """True when a browser following `location` from `base` stays on the site."""
    loc = re.sub(r"[\t\n\r]", "", location or "").strip()
    target = urllib.parse.urlsplit(urllib.parse.urljoin(base + "/login", loc.replace("\\", "/")))
    b = urllib.parse.urlsplit(base)
    return (target.scheme, target.netloc) == (b.scheme, b.netloc) and not loc.lower().startswith(("javascript:", "data:"))


class TestOpenRedirect(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.email = dm.register()

    def test_next_never_leaves_the_site(self):
        bad = []
        for nxt in NASTY:
            c = dm.Client()
            q = urllib.parse.quote(nxt, safe="%") if "%" in nxt else urllib.parse.quote(nxt, safe="")
            page = c.get("/login?next=" + q)
            hidden = page.form_value("next")
            if hidden is not None and not local(dm.BASE, hidden):
                bad.append("GET /login?next=%r put %r in the form" % (nxt, hidden))
            tok = page.form_value("_csrf")
            r = c.post("/login", {"_csrf": tok, "email": self.email, "password": dm.PASSWORD, "next": nxt})
            if r.status == 400 and "\x00" in nxt:
                continue
            loc = r.header("Location")
            if r.status != 303 or not local(dm.BASE, loc):
                bad.append("POST /login next=%r -> %d Location %r" % (nxt, r.status, loc))
            r = c.post("/login?next=" + q, {"_csrf": tok, "email": self.email, "password": dm.PASSWORD})
            if r.status in (301, 302, 303, 307, 308) and not local(dm.BASE, r.header("Location")):
                bad.append("POST /login?next=%r -> Location %r" % (nxt, r.header("Location")))
        self.assertEqual(bad, [], "\n".join(bad))

    def test_signed_out_redirect_keeps_next_local(self):
        for path in ("//evil.example/chat", "/chat/..//evil.example", "/chat?x=//evil.example"):
            r = dm.Client().get(path)
            if r.status in (301, 302, 303, 307, 308):
                self.assertTrue(local(dm.BASE, r.header("Location")), (path, r.header("Location")))


if __name__ == "__main__":
    unittest.main()
