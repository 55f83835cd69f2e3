"""Accounts: register, sign in/out, sessions, CSRF, roles, user admin, audit."""
import re
import subprocess
import time
import unittest

import dm


class TestAccountsFlow(unittest.TestCase):
    def test_register_signout_signin_viewer_audit(self):
        admin, slug, email = dm.register()
        # signed in: settings shows the user
        r = admin.get("/settings")
        self.assertEqual(r.status, 200)
        self.assertIn(email, r.text)
        # sign out
        r = admin.post("/logout", {"_csrf": dm.page_csrf(admin)})
        self.assertEqual(r.status, 303)
        self.assertEqual(admin.get("/settings").status, 303)  # back to sign-in
        # sign in again
        admin, r = dm.login(email)
        self.assertEqual(r.status, 303)
        # add a viewer
        vemail = "viewer-" + slug + "@example.com"
        dm.add_user(admin, vemail, "viewer", name="Vera Viewer")
        users = admin.get("/admin/users").text
        self.assertIn(vemail, users)
        # sign in as the viewer: the admin page is forbidden
        viewer, r = dm.login(vemail)
        self.assertEqual(r.status, 303)
        self.assertEqual(viewer.get("/admin/users").status, 403)
        self.assertEqual(viewer.get("/audit").status, 403)
        nav = viewer.get("/settings").text
        self.assertNotIn('href="/audit"', nav)
        # the audit log shows all of it
        log = admin.get("/audit").text
        for action in ("org.create", "user.create", "auth.login", "auth.logout"):
            self.assertIn(action, log)
        self.assertIn("Vera Viewer", log)
        csv = admin.get("/audit.csv")
        self.assertEqual(csv.status, 200)
        self.assertIn("text/csv", csv.header("Content-Type"))
        self.assertIn("auth.login", csv.text)
        # filters
        only = admin.get("/audit?action=user.create").text
        self.assertIn("user.create", only)
        self.assertNotIn("<code>auth.logout</code>", only)

    def test_login_redirects_only_to_local_paths(self):
        _, slug, email = dm.register()
        for bad in ("//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)"):
            c = dm.Client()
            token = dm.csrf_of(c, "/login")
            r = c.post("/login", {"_csrf": token, "email": email, "password": dm.PASSWORD, "next": bad})
            self.assertEqual(r.status, 303)
            self.assertEqual(r.header("Location"), "/", bad)
        c = dm.Client()
        token = dm.csrf_of(c, "/login")
        r = c.post("/login", {"_csrf": token, "email": email, "password": dm.PASSWORD, "next": "/audit?x=1"})
        self.assertEqual(r.header("Location"), "/audit?x=1")

    def test_signed_out_visitor_goes_to_login_with_next(self):
        r = dm.Client().get("/admin/users")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/login?next=%2Fadmin%2Fusers")


class TestLogin(unittest.TestCase):
    def test_same_message_for_unknown_email_and_wrong_password(self):
        _, _, email = dm.register()
        _, r1 = dm.login(email, "wrong password 123")
        _, r2 = dm.login("nobody-%s@example.com" % dm.unique(), "wrong password 123")
        self.assertEqual(r1.status, 401)
        self.assertEqual(r2.status, 401)
        msg = lambda r: re.search(r'class="form-error"[^>]*>([^<]*)<', r.text).group(1)
        self.assertEqual(msg(r1), msg(r2))
        self.assertIn("Wrong email or password", msg(r1))
        self.assertIn('value="%s"' % email, r1.text)  # the email is kept

    def test_throttle_after_repeated_failures(self):
        _, _, email = dm.register()
        statuses = [dm.login(email, "wrong password %d" % i)[1].status for i in range(7)]
        self.assertIn(429, statuses[5:])
        _, r = dm.login(email)  # even the right password waits now
        self.assertEqual(r.status, 429)
        self.assertIn("Try again in", r.text)
        self.assertTrue(r.header("Retry-After"))

    def test_same_email_in_two_orgs_asks_for_org(self):
        shared = "shared-%s@example.com" % dm.unique()
        _, slug1, _ = dm.register(email=shared)
        _, slug2, _ = dm.register(email=shared)
        _, r = dm.login(shared)
        self.assertEqual(r.status, 200)
        self.assertIn('name="org"', r.text)
        c, r = dm.login(shared, org=slug2)
        self.assertEqual(r.status, 303)
        self.assertIn("Org " + slug2, c.get("/settings").text)

    def test_rehash_is_transparent_and_deactivated_cannot_login(self):
        admin, slug, _ = dm.register()
        vemail = "deact-%s@example.com" % slug
        dm.add_user(admin, vemail, "analyst")
        users = admin.get("/admin/users").text
        uid = re.search(r'action="/admin/users/([0-9a-f-]{36})/active"[^<]*<input[^>]*>\s*'
                        r'(?:<input type="hidden" name="active" value="0">)', users)
        ids = re.findall(r'/admin/users/([0-9a-f-]{36})/active', users)
        target = None
        for i in ids:
            if i not in users.split(vemail)[0][-2000:] and target is None:
                pass
        # find the row of the new user
        row = [l for l in users.split("<tr>") if vemail in l][0]
        target = re.search(r'/admin/users/([0-9a-f-]{36})/active', row).group(1)
        v, r = dm.login(vemail)
        self.assertEqual(r.status, 303)
        self.assertEqual(v.get("/settings").status, 200)
        r = admin.post("/admin/users/%s/active" % target, {"_csrf": dm.page_csrf(admin, "/admin/users"), "active": "0"})
        self.assertEqual(r.status, 303)
        self.assertEqual(v.get("/settings").status, 303, "deactivation ends sessions")
        _, r = dm.login(vemail)
        self.assertEqual(r.status, 401)


class TestSessions(unittest.TestCase):
    def test_cookie_flags(self):
        c = dm.Client()
        token = dm.csrf_of(c, "/register")
        slug = dm.unique("org")
        r = c.post("/register", {"_csrf": token, "org_name": "X", "org_slug": slug, "full_name": "X",
                                 "email": slug + "@example.com", "password": dm.PASSWORD})
        cookies = r.headers.get_all("Set-Cookie")
        sess = [x for x in cookies if x.startswith("dm_session=")][0]
        self.assertIn("HttpOnly", sess)
        self.assertIn("SameSite=Lax", sess)
        self.assertIn("Path=/", sess)

    def test_tampered_cookie_is_signed_out(self):
        c, _, _ = dm.register()
        value = c.cookie("dm_session")
        for tampered in (value[:-1] + ("A" if value[-1] != "A" else "B"), value[:20], "", "x" * 64,
                         value + "A", "%00" + value):
            t = dm.Client()
            r = t.get("/settings", headers={"Cookie": "dm_session=" + tampered})
            self.assertEqual(r.status, 303, tampered)

    def test_logout_kills_copied_cookie(self):
        c, _, _ = dm.register()
        copied = c.cookie("dm_session")
        c.post("/logout", {"_csrf": dm.page_csrf(c)})
        r = dm.Client().get("/settings", headers={"Cookie": "dm_session=" + copied})
        self.assertEqual(r.status, 303)

    def test_new_session_id_at_every_signin(self):
        _, _, email = dm.register()
        a, _ = dm.login(email)
        b, _ = dm.login(email)
        self.assertNotEqual(a.cookie("dm_session"), b.cookie("dm_session"))

    def test_sign_out_everywhere_and_one_session(self):
        _, _, email = dm.register()
        a, _ = dm.login(email)
        b, _ = dm.login(email)
        page = a.get("/settings").text
        self.assertEqual(page.count("this device"), 1)
        ids = re.findall(r'name="session" value="([0-9a-f]{32})"', page)
        self.assertGreaterEqual(len(ids), 1)
        # sign out one other session (b's or the registration one)
        for sid in ids:
            r = a.post("/settings", {"_csrf": dm.page_csrf(a), "action": "revoke", "session": sid})
            self.assertEqual(r.status, 303)
        self.assertEqual(b.get("/settings").status, 303)
        self.assertEqual(a.get("/settings").status, 200)
        r = a.post("/settings", {"_csrf": dm.page_csrf(a), "action": "signout_all"})
        self.assertEqual(r.status, 303)
        self.assertEqual(a.get("/settings").status, 303)

    def test_password_change_ends_other_sessions(self):
        _, _, email = dm.register()
        a, _ = dm.login(email)
        b, _ = dm.login(email)
        newpw = "another fine password 42"
        r = a.post("/settings", {"_csrf": dm.page_csrf(a), "action": "password",
                                 "current_password": "wrong one entirely", "new_password": newpw})
        self.assertEqual(r.status, 400)
        self.assertIn("not your current password", r.text)
        r = a.post("/settings", {"_csrf": dm.page_csrf(a), "action": "password",
                                 "current_password": dm.PASSWORD, "new_password": newpw})
        self.assertEqual(r.status, 303)
        self.assertEqual(a.get("/settings").status, 200)
        self.assertEqual(b.get("/settings").status, 303)
        self.assertEqual(dm.login(email, newpw)[1].status, 303)


class TestCsrf(unittest.TestCase):
    def test_post_without_token_is_403_and_changes_nothing(self):
        c, _, _ = dm.register()
        r = c.post("/settings", {"action": "name", "full_name": "Hacked"})
        self.assertEqual(r.status, 403)
        self.assertNotIn("Hacked", c.get("/settings").text)

    def test_token_from_another_session_is_refused(self):
        a, _, _ = dm.register()
        b, _, _ = dm.register()
        r = a.post("/settings", {"_csrf": dm.page_csrf(b), "action": "name", "full_name": "Replayed"})
        self.assertEqual(r.status, 403)

    def test_foreign_origin_is_refused(self):
        c, _, _ = dm.register()
        r = c.post("/settings", {"_csrf": dm.page_csrf(c), "action": "name", "full_name": "X"},
                   headers={"Origin": "https://evil.example"})
        self.assertEqual(r.status, 403)
        r = c.post("/settings", {"_csrf": dm.page_csrf(c), "action": "name", "full_name": "Fine Name"},
                   headers={"Origin": dm.BASE})
        self.assertEqual(r.status, 303)

    def test_htmx_header_token_works(self):
        c, _, _ = dm.register()
        tok = dm.page_csrf(c)
        r = c.post("/settings", {"action": "name", "full_name": "Via Header"},
                   headers={"X-CSRF-Token": tok, "HX-Request": "true"})
        self.assertEqual(r.status, 303)
        self.assertIn("Via Header", c.get("/settings").text)

    def test_login_form_needs_presession_token(self):
        c = dm.Client()
        r = c.post("/login", {"email": "a@example.com", "password": "x"})
        self.assertEqual(r.status, 403)


class TestBadInput(unittest.TestCase):
    def register_form(self, **over):
        c = dm.Client()
        token = dm.csrf_of(c, "/register")
        slug = dm.unique("org")
        data = {"_csrf": token, "org_name": "Org", "org_slug": slug, "full_name": "Name",
                "email": slug + "@example.com", "password": dm.PASSWORD}
        data.update(over)
        return c.post("/register", data)

    def test_field_errors_keep_input(self):
        r = self.register_form(org_slug="Bad Slug!", org_name="Kept Org Name")
        self.assertEqual(r.status, 400)
        self.assertIn("lowercase letters", r.text)
        self.assertIn('value="Kept Org Name"', r.text)
        r = self.register_form(password="short")
        self.assertIn("at least 10 characters", r.text)
        r = self.register_form(password="1234567890")
        self.assertIn("most common", r.text)
        r = self.register_form(email="not-an-email")
        self.assertIn("Enter an email address", r.text)
        r = self.register_form(full_name="")
        self.assertIn("Your name is required", r.text)

    def test_duplicate_slug(self):
        _, slug, _ = dm.register()
        r = self.register_form(org_slug=slug, org_name="Another")
        self.assertEqual(r.status, 409)
        self.assertIn("This short name is taken", r.text)
        self.assertIn('value="Another"', r.text)

    def test_oversized_and_control_characters(self):
        r = self.register_form(org_name="x" * 10000)
        self.assertEqual(r.status, 400)
        self.assertIn("at most 200 characters", r.text)
        self.assertNotIn("x" * 300, r.text)
        r = self.register_form(full_name="bad\x01name")
        self.assertEqual(r.status, 400)
        self.assertIn("control characters", r.text)

    def test_invalid_utf8_is_400(self):
        c = dm.Client()
        token = dm.csrf_of(c, "/register")
        body = ("_csrf=%s&org_name=%%FF%%FE&org_slug=x&full_name=y&email=z%%40e.com&password=p" % token)
        r = c.post("/register", body.encode(), headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(r.status, 400)

    def test_html_in_names_is_escaped(self):
        evil = '<script>alert(1)</script><img src=x onerror=alert(2)>'
        admin, slug, email = dm.register(name=evil)
        page = admin.get("/settings").text
        self.assertNotIn("<script>alert(1)", page)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page)
        log = admin.get("/audit").text
        self.assertNotIn("<script>alert(1)", log)

    def test_no_partial_rows_on_failed_register(self):
        _, slug, email = dm.register()
        # same slug, different email: the org insert fails, so no user either
        r = self.register_form(org_slug=slug, email="orphan-" + slug + "@example.com")
        self.assertEqual(r.status, 409)
        _, r = dm.login("orphan-" + slug + "@example.com")
        self.assertEqual(r.status, 401)


class TestUserAdmin(unittest.TestCase):
    def users_page_ids(self, admin):
        page = admin.get("/admin/users").text
        rows = {}
        for row in page.split("<tr>")[1:]:
            m = re.search(r'/admin/users/([0-9a-f-]{36})/role', row)
            e = re.search(r'<td>([^<]+@[^<]+)</td>', row)
            if m and e:
                rows[e.group(1)] = m.group(1)
        return rows

    def test_onetime_password_shown_once_and_works(self):
        admin, slug, _ = dm.register()
        email = "ot-%s@example.com" % slug
        tok = dm.page_csrf(admin, "/admin/users")
        r = admin.post("/admin/users", {"_csrf": tok, "full_name": "One Time", "email": email, "role": "analyst"})
        self.assertEqual(r.status, 201)
        pw = re.search(r'class="onetime"><code>([^<]+)</code>', r.text).group(1)
        self.assertEqual(len(pw), 16)
        self.assertNotIn(pw, admin.get("/admin/users").text)
        self.assertEqual(dm.login(email, pw)[1].status, 303)

    def test_last_admin_cannot_be_demoted_or_deactivated(self):
        admin, slug, email = dm.register()
        ids = self.users_page_ids(admin)
        me = ids[email]
        r = admin.post("/admin/users/%s/role" % me, {"_csrf": dm.page_csrf(admin, "/admin/users"), "role": "viewer"})
        self.assertEqual(r.status, 303)
        page = admin.get("/admin/users", follow=True).text
        self.assertIn("at least one active admin", page)
        r = admin.post("/admin/users/%s/active" % me, {"_csrf": dm.page_csrf(admin, "/admin/users"), "active": "0"})
        self.assertEqual(admin.get("/settings").status, 200, "still signed in: not deactivated")
        # with a second admin, demotion works
        dm.add_user(admin, "second-%s@example.com" % slug, "admin")
        r = admin.post("/admin/users/%s/role" % me, {"_csrf": dm.page_csrf(admin, "/admin/users"), "role": "analyst"})
        self.assertEqual(r.status, 303)
        self.assertEqual(admin.get("/admin/users").status, 403)

    def test_duplicate_email_and_user_limit(self):
        admin, slug, email = dm.register()
        tok = dm.page_csrf(admin, "/admin/users")
        r = admin.post("/admin/users", {"_csrf": tok, "full_name": "Dup", "email": email, "role": "viewer",
                                        "password": dm.PASSWORD})
        self.assertEqual(r.status, 409)
        self.assertIn("already uses this email", r.text)
        subprocess.run(["psql", "-h", dm.VAR + "/run", "-p", __import__("os").environ["DM_PG_PORT"],
                        "-U", "postgres", "-d", "datamind", "-qc",
                        "UPDATE organizations SET max_users = 1 WHERE slug = '%s'" % slug], check=True,
                       capture_output=True)
        tok = dm.page_csrf(admin, "/admin/users")
        r = admin.post("/admin/users", {"_csrf": tok, "full_name": "Over", "email": "over-" + email,
                                        "role": "viewer", "password": dm.PASSWORD})
        self.assertEqual(r.status, 400)
        self.assertIn("user limit", r.text)

    def test_cli_user_add(self):
        _, slug, _ = dm.register()
        env = dict(__import__("os").environ)
        email = "cli-%s@example.com" % slug
        out = subprocess.run([dm.ROOT + "/datamind", "user", "add", "--config", dm.VAR + "/datamind.env",
                              "--org", slug, "--email", email, "--name", "Cli User", "--role", "analyst"],
                             input=dm.PASSWORD + "\n", capture_output=True, text=True, env=env)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(dm.login(email)[1].status, 303)
        out = subprocess.run([dm.ROOT + "/datamind", "user", "add", "--config", dm.VAR + "/datamind.env",
                              "--org", slug, "--email", "x-" + email, "--name", "Weak", "--role", "viewer"],
                             input="password\n", capture_output=True, text=True)
        self.assertEqual(out.returncode, 1)
        self.assertIn("10 characters", out.stderr)


class TestTenancyAndRoles(unittest.TestCase):
    """Routes with another org's ids are 404; routes above a role are 403."""

    def test_cross_org_user_ids_are_404(self):
        a, slug_a, _ = dm.register()
        b, slug_b, email_b = dm.register()
        b_id = TestUserAdmin.users_page_ids(None, b)[email_b]
        for path, data in (("/admin/users/%s/role" % b_id, {"role": "viewer"}),
                           ("/admin/users/%s/active" % b_id, {"active": "0"})):
            data["_csrf"] = dm.page_csrf(a, "/admin/users")
            r = a.post(path, data)
            self.assertEqual(r.status, 404, path)
        self.assertEqual(b.get("/admin/users").status, 200, "b is untouched")
        r = a.post("/admin/users/not-a-uuid/role", {"_csrf": dm.page_csrf(a, "/admin/users"), "role": "viewer"})
        self.assertEqual(r.status, 404)

    def test_role_table(self):
        admin, slug, _ = dm.register()
        clients = {"admin": admin}
        for role in ("analyst", "viewer"):
            email = "%s-%s@example.com" % (role, slug)
            dm.add_user(admin, email, role)
            clients[role] = dm.login(email)[0]
        table = [("GET", "/admin/users", "admin"), ("GET", "/audit", "admin"),
                 ("GET", "/audit.csv", "admin"), ("GET", "/settings", "viewer")]
        rank = {"viewer": 0, "analyst": 1, "admin": 2}
        for method, path, least in table:
            for role, c in clients.items():
                r = c.request(method, path)
                want = 200 if rank[role] >= rank[least] else 403
                self.assertEqual(r.status, want, "%s %s as %s" % (method, path, role))
        tok = dm.page_csrf(clients["analyst"])
        r = clients["analyst"].post("/admin/users", {"_csrf": tok, "full_name": "X", "email": "x@y.com", "role": "admin"})
        self.assertEqual(r.status, 403)


if __name__ == "__main__":
    unittest.main()
