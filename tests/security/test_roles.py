"""Roles: every route of routes.c, as a viewer, an analyst and an admin of
one organization (with that organization's real ids, so that it is the role
and not a 404 that stops it): above the role is a 403 (GET, and POST with a
valid CSRF token); at or above it a GET is not refused; signed out, a GET
goes to sign in and a POST is a 403. Plus escalation attempts."""
import os
import unittest

from common import (ROLE_RANK, build_world, dm, export_query, fill, fingerprint, post_body,
                    reader_password, routes)


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


    def test_llm_sharing_is_the_admins_choice(self):
        """What a connection lets go to the LLM: an analyst cannot widen it
        (the form field is refused, not ignored), nor can a crafted value."""
        ids = self.w["ids"]
        cid = ids["connection"]
        level = lambda: dm.psql("SELECT llm_sharing FROM connections WHERE id = '%s'" % cid)
        self.assertEqual(level(), "schema")  # the default
        name = dm.psql("SELECT name FROM connections WHERE id = '%s'" % cid)
        form = {"name": name, "host": "127.0.0.1", "port": os.environ["DM_PG_PORT"],
                "database": "shop", "user": "shop_reader", "sslmode": "disable"}
        a, admin = self.clients["analyst"], self.clients["admin"]
        self.assertNotIn('name="llm_sharing"', a.get("/connections/%s/edit" % cid).text)
        self.assertIn('name="llm_sharing"', admin.get("/connections/%s/edit" % cid).text)
        for c, value in ((a, "rows"), (a, "samples"), (admin, "rows' OR '1'='1"), (admin, "all")):
            r = c.post("/connections/%s" % cid, dict(form, _csrf=dm.page_csrf(c), llm_sharing=value))
            self.assertEqual(r.status, 400, value)
            self.assertEqual(level(), "schema", value)
        # a new connection from an analyst starts at schema whatever it sends
        r = a.post("/connections", dict(form, _csrf=dm.page_csrf(a, "/connections/new"),
                                        name="LLM " + ids["org"][:8], password=reader_password(),
                                        llm_sharing="rows"))
        self.assertEqual(r.status, 400)
        self.assertEqual(dm.psql("SELECT count(*) FROM connections WHERE name = 'LLM %s'" % ids["org"][:8]), "0")
        # the admin can, and the audit log says so
        r = admin.post("/connections/%s" % cid, dict(form, _csrf=dm.page_csrf(admin), llm_sharing="samples"))
        self.assertEqual(r.status, 303)
        self.assertEqual(level(), "samples")
        self.assertEqual(dm.psql("SELECT details->>'llm_sharing' FROM audit_log WHERE resource_id = '%s' "
                                 "AND action = 'connection.update' ORDER BY created_at DESC LIMIT 1" % cid),
                         "samples")
        r = admin.post("/connections/%s" % cid, dict(form, _csrf=dm.page_csrf(admin), llm_sharing="schema"))
        self.assertEqual(level(), "schema")


if __name__ == "__main__":
    unittest.main()
