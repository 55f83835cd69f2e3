"""CSRF: every POST route of routes.c, signed in as an admin with real ids:
no token → 403; another session's token (form field or htmx header) → 403;
a foreign Origin with a valid token → 403; and nothing changes."""
import unittest

from common import build_world, dm, fill, fingerprint, post_body, routes

FOREIGN = ("https://evil.example", "null", "http://127.0.0.1.evil.example", "http://localhost:1",
           "https://127.0.0.1")


class TestCsrf(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.w = build_world("C", users=False)
        cls.c = cls.w["admin"]
        cls.other, _, email = dm.register()
        # a second session of the same admin: its token is not this session's
        cls.same_user_other_session = dm.login(cls.w["email"])[0]

    def posts(self):
        return [(p, n) for m, p, least, n in routes() if m == "POST"]

    def check(self, label, make):
        before = fingerprint(self.w["ids"]["org"])
        bad = []
        for pattern, name in self.posts():
            path = fill(pattern, self.w["ids"])
            confirm = self.w["names"]["connection"] if name == "connection_delete" else "yes"
            anon = pattern in ("/login", "/register")
            client = dm.Client() if anon else self.c
            if anon:
                dm.csrf_of(client, pattern)  # the pre-session cookie
            data, headers = make(client, confirm, anon)
            if anon:
                data.update({"email": self.w["email"], "password": dm.PASSWORD, "org_slug": dm.unique("csrf"),
                             "org_name": "CSRF org", "full_name": "Mallory"})
            r = client.post(path, data, headers=headers)
            if r.status != 403:
                bad.append("%s POST %s (%s) -> %d" % (label, pattern, name, r.status))
        self.assertGreaterEqual(len(self.posts()), 40)
        self.assertEqual(bad, [], "\n".join(bad))
        after = fingerprint(self.w["ids"]["org"])
        for k in before:
            if k != "audit_log":
                self.assertEqual(after[k], before[k], "%s: %s changed" % (label, k))
        self.assertEqual(self.c.get("/settings").status, 200, "%s: still signed in" % label)

    def test_no_token(self):
        self.check("no token", lambda c, confirm, anon: ({k: v for k, v in post_body("", confirm).items()
                                                          if k != "_csrf"}, None))

    def test_empty_and_garbage_token(self):
        for tok in ("", "x", "0" * 64, "A" * 200):
            self.check("token %r" % tok[:8], lambda c, confirm, anon, t=tok: (post_body(t, confirm), None))

    def test_token_of_another_session(self):
        def make(c, confirm, anon):
            src = dm.Client() if anon else self.other
            tok = dm.csrf_of(src, "/login") if anon else dm.page_csrf(src)
            return post_body(tok, confirm), None
        self.check("another user's token", make)
        self.check("same user, other session", lambda c, confirm, anon: (
            post_body(dm.csrf_of(dm.Client(), "/login") if anon else dm.page_csrf(self.same_user_other_session),
                      confirm), None))

    def test_token_of_another_session_in_the_htmx_header(self):
        def make(c, confirm, anon):
            tok = dm.csrf_of(dm.Client(), "/login") if anon else dm.page_csrf(self.other)
            body = post_body("", confirm)
            del body["_csrf"]
            return body, {"X-CSRF-Token": tok, "HX-Request": "true"}
        self.check("htmx header of another session", make)

    def test_foreign_origin(self):
        for origin in FOREIGN:
            def make(c, confirm, anon, o=origin):
                tok = dm.csrf_of(c, "/login") if anon else dm.page_csrf(c)
                return post_body(tok, confirm), {"Origin": o}
            self.check("Origin %s" % origin, make)

    def test_multipart_without_token(self):
        before = dm.psql("SELECT count(*) FROM uploads WHERE org_id = '%s'" % self.w["ids"]["org"])
        b = "----sec"
        body = ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n"
                "Content-Type: text/csv\r\n\r\na,b\n1,2\n\r\n--%s--\r\n" % (b, b)).encode()
        r = self.c.post("/uploads", body, headers={"Content-Type": "multipart/form-data; boundary=" + b})
        self.assertEqual(r.status, 403)
        self.assertEqual(dm.psql("SELECT count(*) FROM uploads WHERE org_id = '%s'" % self.w["ids"]["org"]), before)


if __name__ == "__main__":
    unittest.main()
