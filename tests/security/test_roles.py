"""Roles: every route of routes.c, as a viewer, an analyst and an admin of
one organization (with that organization's real ids, so that it is the role
and not a 404 that stops it): above the role is a 403 (GET, and POST with a
valid CSRF token); at or above it a GET is not refused; signed out, a GET
goes to sign in and a POST is a 403. Plus escalation attempts."""
import unittest

from common import ROLE_RANK, build_world, dm, export_query, fill, fingerprint, post_body, routes


class TestRoles(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.w = build_world("R")
        cls.clients = {"viewer": cls.w["viewer"], "analyst": cls.w["analyst"], "admin": cls.w["admin"]}

    def test_route_table_roles(self):
        before = fingerprint(self.w["ids"]["org"])
        bad = []
        checked = 0
        for method, pattern, least, name in routes():
            path = fill(pattern, self.w["ids"]) + export_query(pattern)
            for role, c in self.clients.items():
                rank = ROLE_RANK[role]
                if rank < least:
                    checked += 1
                    if method == "GET":
                        r = c.get(path)
                    else:
                        r = c.post(path, post_body(dm.page_csrf(c, "/settings")))
                    if r.status != 403:
                        bad.append("%s %s (%s) as %s -> %d, want 403" % (method, pattern, name, role, r.status))
                elif method == "GET" and name not in ("metrics",):
                    r = c.get(path)
                    if r.status == 403 or r.status >= 500:
                        bad.append("%s %s (%s) as %s -> %d, want it allowed" % (method, pattern, name, role, r.status))
        self.assertGreaterEqual(checked, 45)
        self.assertEqual(bad, [], "\n".join(bad))
        after = fingerprint(self.w["ids"]["org"])
        for k in before:
            if k != "audit_log":
                self.assertEqual(after[k], before[k], "refused requests changed %s" % k)

    def test_signed_out(self):
        bad = []
        anon = dm.Client()
        for method, pattern, least, name in routes():
            if least < 0:
                continue
            path = fill(pattern, self.w["ids"]) + export_query(pattern)
            if method == "GET":
                r = anon.get(path)
                if r.status != 303 or not (r.header("Location") or "").startswith("/login"):
                    bad.append("GET %s -> %d %s" % (pattern, r.status, r.header("Location")))
            else:
                r = anon.post(path, post_body(dm.csrf_of(anon, "/login")))
                if r.status != 403:
                    bad.append("POST %s -> %d" % (pattern, r.status))
        self.assertEqual(bad, [], "\n".join(bad))

    def test_escalation_attempts(self):
        ids, oid = self.w["ids"], self.w["ids"]["org"]
        role_of = lambda uid: dm.psql("SELECT role FROM users WHERE id = '%s'" % uid)
        v, a = self.clients["viewer"], self.clients["analyst"]
        # settings accepts no role
        for c, uid in ((v, ids["user_viewer"]), (a, ids["user_analyst"])):
            for action in ("name", "role", "password", ""):
                c.post("/settings", {"_csrf": dm.page_csrf(c), "action": action, "full_name": "Still Me",
                                     "role": "admin", "org_id": "x", "is_active": "1"})
        self.assertEqual(role_of(ids["user_viewer"]), "viewer")
        self.assertEqual(role_of(ids["user_analyst"]), "analyst")
        # an analyst promoting themself or adding an admin
        r = a.post("/admin/users/%s/role" % ids["user_analyst"], {"_csrf": dm.page_csrf(a), "role": "admin"})
        self.assertEqual(r.status, 403)
        r = a.post("/admin/users", {"_csrf": dm.page_csrf(a), "full_name": "X", "email": "x-%s@example.com" % oid[:8],
                                    "role": "admin", "password": dm.PASSWORD})
        self.assertEqual(r.status, 403)
        self.assertEqual(role_of(ids["user_analyst"]), "analyst")
        # the htmx header token does not lift a role check either
        r = v.post("/dashboards", {"title": "x"}, headers={"X-CSRF-Token": dm.page_csrf(v), "HX-Request": "true"})
        self.assertEqual(r.status, 403)
        # registering the organization's slug again does not join it
        users = dm.psql("SELECT count(*) FROM users WHERE org_id = '%s'" % oid)
        c = dm.Client()
        r = c.post("/register", {"_csrf": dm.csrf_of(c, "/register"), "org_name": "Takeover",
                                 "org_slug": self.w["slug"], "full_name": "Mallory",
                                 "email": "mallory-%s@example.com" % oid[:8], "password": dm.PASSWORD})
        self.assertNotEqual(r.status, 303)
        self.assertEqual(dm.psql("SELECT count(*) FROM users WHERE org_id = '%s'" % oid), users)
        # an admin cannot be made in another org via a user id in the form
        r = self.clients["admin"].post("/admin/users", {"_csrf": dm.page_csrf(self.clients["admin"]),
                                                        "full_name": "Y", "email": "y-%s@example.com" % oid[:8],
                                                        "role": "superuser", "password": dm.PASSWORD})
        self.assertNotEqual(dm.psql("SELECT coalesce(max(role), '') FROM users WHERE email = 'y-%s@example.com'"
                                    % oid[:8]), "superuser")


if __name__ == "__main__":
    unittest.main()
