"""Issue 17, part 2: data rights. A user downloads all their data as one JSON
file (a job, like any export; never a secret); an admin erases a user (their
chats and private items gone, what they shared handed to the admin, audit rows
kept with the person shown as "erased user"); an organization sets a chat
retention period and chat.purge deletes older chats; an organization's admin
deletes the whole organization (typed confirmation; its uploads schema and
role go, its users' sessions end). Another organization is untouched
throughout; a non-admin cannot erase or delete; another organization's user id
is a 404."""
import json
import os
import re
import subprocess
import unittest
import uuid

import dm
from test_chat import ask, session_of
from test_uploads import upload, wait_done


def uid_of(email, slug):
    return dm.psql("SELECT u.id FROM users u JOIN organizations o ON o.id = u.org_id"
                   " WHERE o.slug = '%s' AND u.email = '%s'" % (slug, email))


def save_query(client, name, shared):
    data = {"_csrf": dm.page_csrf(client, "/explore"), "name": name, "sql": "SELECT 1 AS one"}
    if shared:
        data["shared"] = "1"
    r = client.post("/queries", data)
    assert r.status == 303, (r.status, r.text[:1000])


def make_dashboard(client, title, shared):
    data = {"_csrf": dm.page_csrf(client, "/dashboards"), "title": title}
    if shared:
        data["shared"] = "1"
    r = client.post("/dashboards", data)
    assert r.status == 303, (r.status, r.text[:1000])


def count(sql):
    return int(dm.psql(sql))


class Person:
    """An analyst of org with a chat, a private and a shared saved query, a
    private and a shared dashboard; every name carries a mark."""

    def __init__(self, admin, slug, conn, ask_question=True):
        self.mark = "m" + uuid.uuid4().hex[:10]
        self.email = self.mark + "@example.com"
        dm.add_user(admin, self.email, "analyst", name="Person " + self.mark)
        self.c, r = dm.login(self.email, org=slug)
        assert r.status == 303, r.status
        self.id = uid_of(self.email, slug)
        if ask_question:
            self.chat = session_of(ask(self.c, "how many orders", conn=conn))
        save_query(self.c, "private " + self.mark, False)
        save_query(self.c, "shared " + self.mark, True)
        make_dashboard(self.c, "private board " + self.mark, False)
        make_dashboard(self.c, "shared board " + self.mark, True)


class TestDataRights(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin, cls.slug, cls.conn = dm.shop_org(functions=None)
        cls.admin_email = cls.slug + "@example.com"
        cls.admin_id = uid_of(cls.admin_email, cls.slug)
        cls.org_id = dm.psql("SELECT id FROM organizations WHERE slug = '%s'" % cls.slug)
        # another organization, with data of its own that nothing here may touch
        cls.other, cls.other_slug, cls.other_conn = dm.shop_org(functions=None)
        cls.other_person = Person(cls.other, cls.other_slug, cls.other_conn)

    def assert_other_org_untouched(self):
        p = self.other_person
        self.assertEqual(count("SELECT count(*) FROM users WHERE id = '%s'" % p.id), 1)
        self.assertEqual(count("SELECT count(*) FROM chat_sessions WHERE id = '%s'" % p.chat), 1)
        self.assertEqual(count("SELECT count(*) FROM saved_queries WHERE name LIKE '%%%s'" % p.mark), 2)
        self.assertEqual(count("SELECT count(*) FROM dashboards WHERE title LIKE '%%%s'" % p.mark), 2)
        self.assertEqual(self.other_person.c.get("/chat").status, 200)

    # ---------------------------------------------------------------- download

    def test_download_my_data_without_javascript(self):
        p = Person(self.admin, self.slug, self.conn)
        r = dm.follow_export(p.c, p.c.get("/settings/data"))
        self.assertEqual(r.status, 200, r.text[:500])
        self.assertTrue(r.header("Content-Type").startswith("application/json"))
        self.assertRegex(r.header("Content-Disposition"),
                         r'^attachment; filename="datamind-my-data-\d{4}-\d\d-\d\d\.json"$')
        doc = json.loads(r.body)
        self.assertEqual(doc["format"], "datamind-user-data/1")
        self.assertEqual(doc["user"]["email"], p.email)
        self.assertEqual(doc["user"]["theme"], "system")
        chats = {c["id"]: c for c in doc["chats"]}
        self.assertIn(p.chat, chats)
        roles = [m["role"] for m in chats[p.chat]["messages"]]
        self.assertEqual(roles, ["user", "assistant"])
        self.assertEqual(chats[p.chat]["messages"][0]["content"], "how many orders")
        self.assertEqual(sorted(q["name"] for q in doc["saved_queries"]),
                         ["private " + p.mark, "shared " + p.mark])
        self.assertEqual(sorted(d["title"] for d in doc["dashboards"]),
                         ["private board " + p.mark, "shared board " + p.mark])
        for d in doc["dashboards"]:
            self.assertEqual(d["widgets"], [])
        # never a secret, and nothing of anyone else
        text = r.text.lower()
        for secret in ("password", "argon2", "$argon", "token"):
            self.assertNotIn(secret, text)
        self.assertNotIn(self.admin_email, r.text)
        self.assertNotIn(self.other_person.mark, r.text)
        # audited as an export of the user
        self.assertEqual(count("SELECT count(*) FROM audit_log WHERE action = 'export.json'"
                               " AND user_id = '%s' AND resource_id = '%s'" % (p.id, p.id)), 1)

    def test_download_my_data_with_htmx(self):
        p = Person(self.admin, self.slug, self.conn, ask_question=False)
        settings = p.c.get("/settings").text
        self.assertIn('href="/settings/data" hx-boost="false" hx-get="/settings/data"', settings)
        r = p.c.get("/settings/data", headers={"HX-Request": "true"})
        # the file at once (the browser is sent to it), or a note that follows the job
        self.assertIn(r.status, (200, 202, 204), r.text[:500])
        if r.status == 204:
            url = r.header("HX-Redirect")
        else:
            url = re.search(r'href="(/exports/[0-9a-f]{32})"|hx-get="(/exports/[0-9a-f]{32})"',
                            r.text).group(0).split('"')[1]
        self.assertRegex(url, r"^/exports/[0-9a-f]{32}$")
        f = dm.follow_export(p.c, p.c.get(url))
        self.assertEqual(f.status, 200)
        self.assertEqual(json.loads(f.body)["user"]["email"], p.email)
        # another user cannot fetch it
        self.assertEqual(self.admin.get(url).status, 404)

    # ------------------------------------------------------------------ erase

    def test_erase_removes_and_keeps_what_it_says(self):
        p = Person(self.admin, self.slug, self.conn)
        self.assertGreater(count("SELECT count(*) FROM audit_log WHERE user_id = '%s'" % p.id), 0)
        page = self.admin.get("/admin/users").text
        self.assertIn('href="/admin/users/%s/erase"' % p.id, page)
        form = self.admin.get("/admin/users/%s/erase" % p.id)
        self.assertEqual(form.status, 200)
        self.assertIn(p.email, form.text)
        r = self.admin.post("/admin/users/%s/erase" % p.id,
                            {"_csrf": form.form_value("_csrf")})
        self.assertEqual(r.status, 303, r.text[:1000])
        self.assertEqual(r.header("Location"), "/admin/users")
        # gone: the user, their sessions, chats (and messages), private items
        self.assertEqual(count("SELECT count(*) FROM users WHERE id = '%s'" % p.id), 0)
        self.assertEqual(count("SELECT count(*) FROM sessions WHERE user_id = '%s'" % p.id), 0)
        self.assertEqual(count("SELECT count(*) FROM chat_sessions WHERE id = '%s'" % p.chat), 0)
        self.assertEqual(count("SELECT count(*) FROM chat_messages WHERE session_id = '%s'" % p.chat), 0)
        self.assertEqual(count("SELECT count(*) FROM saved_queries WHERE name = 'private %s'" % p.mark), 0)
        self.assertEqual(count("SELECT count(*) FROM dashboards WHERE title = 'private board %s'" % p.mark), 0)
        # kept: what they shared, now the admin's
        self.assertEqual(dm.psql("SELECT created_by_id FROM saved_queries WHERE name = 'shared %s'" % p.mark),
                         self.admin_id)
        self.assertEqual(dm.psql("SELECT created_by_id FROM dashboards WHERE title = 'shared board %s'" % p.mark),
                         self.admin_id)
        # kept: their audit rows, anonymized (no user, no address, no e-mail anywhere)
        self.assertGreater(count("SELECT count(*) FROM audit_log WHERE org_id = '%s' AND actor_erased"
                                 " AND user_id IS NULL AND ip_address IS NULL AND action = 'chat.ask'"
                                 % self.org_id), 0)
        self.assertEqual(count("SELECT count(*) FROM audit_log WHERE details::text ILIKE '%%%s%%'"
                               % p.email), 0)
        self.assertEqual(count("SELECT count(*) FROM audit_log WHERE action = 'user.erase'"
                               " AND resource_id = '%s' AND user_id = '%s'" % (p.id, self.admin_id)), 1)
        audit = self.admin.get("/audit?action=chat.ask").text
        self.assertIn("erased user", audit)
        self.assertNotIn(p.email, self.admin.get("/audit").text)
        # the erased user is signed out and cannot sign in again
        self.assertEqual(p.c.get("/chat").status, 303)
        _, r = dm.login(p.email, org=self.slug)
        self.assertNotEqual(r.status, 303)
        self.assert_other_org_untouched()

    def test_only_an_admin_of_the_same_org_erases(self):
        p = Person(self.admin, self.slug, self.conn, ask_question=False)
        q = Person(self.admin, self.slug, self.conn, ask_question=False)
        token = dm.page_csrf(q.c, "/settings")
        self.assertEqual(q.c.get("/admin/users/%s/erase" % p.id).status, 403)
        self.assertEqual(q.c.post("/admin/users/%s/erase" % p.id, {"_csrf": token}).status, 403)
        # another organization's admin: its user id is a 404
        token = dm.page_csrf(self.other, "/admin/users")
        self.assertEqual(self.other.get("/admin/users/%s/erase" % p.id).status, 404)
        self.assertEqual(self.other.post("/admin/users/%s/erase" % p.id, {"_csrf": token}).status, 404)
        self.assertEqual(self.admin.get("/admin/users/%s/erase" % uuid.uuid4()).status, 404)
        self.assertEqual(self.admin.get("/admin/users/not-a-uuid/erase").status, 404)
        # nor themselves
        token = dm.page_csrf(self.admin, "/admin/users")
        self.assertEqual(self.admin.post("/admin/users/%s/erase" % self.admin_id, {"_csrf": token}).status, 400)
        # and without the CSRF token nothing happens
        self.assertEqual(self.admin.post("/admin/users/%s/erase" % p.id, {}).status, 403)
        self.assertEqual(count("SELECT count(*) FROM users WHERE id = '%s'" % p.id), 1)

    # -------------------------------------------------------------- retention

    def test_chat_retention(self):
        p = Person(self.admin, self.slug, self.conn)
        fresh = session_of(ask(p.c, "how many customers", conn=self.conn))
        other = self.other_person
        old_other = session_of(ask(other.c, "how many products", conn=self.other_conn))
        dm.psql("UPDATE chat_sessions SET updated_at = now() - interval '10 days'"
                " WHERE id IN ('%s', '%s')" % (p.chat, old_other))
        page = self.admin.get("/admin/org")
        self.assertEqual(page.status, 200)
        bad = self.admin.post("/admin/org/retention", {"_csrf": page.form_value("_csrf"),
                                                       "retention_days": "ten"})
        self.assertEqual(bad.status, 400)
        self.assertIn("whole number of days", bad.text)
        token = dm.page_csrf(p.c, "/settings")
        self.assertEqual(p.c.post("/admin/org/retention", {"_csrf": token, "retention_days": "1"}).status, 403)
        r = self.admin.post("/admin/org/retention", {"_csrf": page.form_value("_csrf"),
                                                     "retention_days": "7"})
        self.assertEqual(r.status, 303)
        self.assertIn('value="7"', self.admin.get("/admin/org").text)
        gone = lambda: count("SELECT count(*) FROM chat_sessions WHERE id = '%s'" % p.chat) == 0
        self.assertTrue(dm.wait_for(gone, timeout=150, step=1), "chat.purge did not run")
        self.assertEqual(count("SELECT count(*) FROM chat_messages WHERE session_id = '%s'" % p.chat), 0)
        self.assertEqual(count("SELECT count(*) FROM chat_sessions WHERE id = '%s'" % fresh), 1)
        # the other organization keeps its chats (no retention there)
        self.assertEqual(count("SELECT count(*) FROM chat_sessions WHERE id = '%s'" % old_other), 1)
        # empty: kept again
        r = self.admin.post("/admin/org/retention", {"_csrf": page.form_value("_csrf"),
                                                     "retention_days": ""})
        self.assertEqual(r.status, 303)
        self.assertEqual(dm.psql("SELECT coalesce(chat_retention_days, 0) FROM organizations"
                                 " WHERE id = '%s'" % self.org_id), "0")


def cli(*args):
    return subprocess.run([os.environ.get("DM_BIN", dm.ROOT + "/datamind"), "org"] + list(args)
                          + ["--config", dm.VAR + "/datamind.env"],
                          capture_output=True, text=True, timeout=60)


class TestLimits(unittest.TestCase):
    def test_limits_page_and_cli(self):
        admin, slug, _ = dm.register()
        page = admin.get("/admin/org").text
        self.assertIn("<td>Users</td><td>1</td><td>50</td>", page)
        self.assertIn('name="retention_days" min="1" max="36500" inputmode="numeric" value=""', page)
        self.assertIn("<td>Connections</td><td>0</td><td>20</td>", page)
        self.assertIn('href="/admin/org"', admin.get("/admin/users").text)
        out = cli("list")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertRegex(out.stdout, r"(?m)^%s\s+1/50\s+0/20\s+kept$" % re.escape(slug))
        out = cli("set-limits", slug, "--max-users", "2", "--max-connections", "5")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertRegex(out.stdout, r"(?m)^%s\s+1/2\s+0/5\s+kept$" % re.escape(slug))
        page = admin.get("/admin/org").text
        self.assertIn("<td>Users</td><td>1</td><td>2</td>", page)
        self.assertIn("<td>Connections</td><td>0</td><td>5</td>", page)
        # the limit set is the one enforced
        dm.add_user(admin, unique_email(), "viewer")
        token = dm.page_csrf(admin, "/admin/users")
        r = admin.post("/admin/users", {"_csrf": token, "full_name": "One Too Many",
                                        "email": unique_email(), "role": "viewer",
                                        "password": dm.PASSWORD})
        self.assertEqual(r.status, 400)
        self.assertIn("user limit", r.text)
        page = admin.get("/admin/org").text
        self.assertIn('<td>Users</td><td>2</td><td>2 <span class="badge warn">full</span></td>', page)
        self.assertEqual(dm.psql("SELECT count(*) FROM audit_log l JOIN organizations o ON o.id = l.org_id"
                                 " WHERE o.slug = '%s' AND l.action = 'org.limits'" % slug), "1")
        # one limit alone keeps the other; bad input and unknown orgs are refused
        self.assertEqual(cli("set-limits", slug, "--max-connections", "7").returncode, 0)
        self.assertEqual(dm.psql("SELECT max_users || '/' || max_connections FROM organizations"
                                 " WHERE slug = '%s'" % slug), "2/7")
        self.assertEqual(cli("set-limits", slug, "--max-users", "-3").returncode, 2)
        self.assertEqual(cli("set-limits", slug).returncode, 2)
        self.assertEqual(cli("set-limits", slug, "--max-seats", "3").returncode, 2)
        bad = cli("set-limits", "no-such-org-here", "--max-users", "3")
        self.assertEqual(bad.returncode, 1)
        self.assertIn("no organization", bad.stderr)

    def test_limits_page_is_for_admins(self):
        admin, slug, _ = dm.register()
        email = unique_email()
        dm.add_user(admin, email, "analyst")
        c, _ = dm.login(email, org=slug)
        self.assertEqual(c.get("/admin/org").status, 403)
        self.assertNotIn('href="/admin/org"', c.get("/chat").text)


def unique_email():
    return "u" + uuid.uuid4().hex[:10] + "@example.com"


class TestDeleteOrg(unittest.TestCase):
    def test_delete_org_removes_everything_and_nothing_else(self):
        admin, slug, _ = dm.register()
        org_id = dm.psql("SELECT id FROM organizations WHERE slug = '%s'" % slug)
        other, other_slug, _ = dm.register()
        other_query = "kept " + uuid.uuid4().hex[:8]
        save_query(other, other_query, True)
        # an upload makes the organization's schema and role in the uploads database
        r = upload(admin, "sales.csv", "region,amount\nnorth,10\nsouth,20\n")
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertIn("Ready:", wait_done(admin, r.header("Location")))
        hexid = org_id.replace("-", "")
        schema, role = "org_" + hexid, "dm_u_" + hexid
        self.assertEqual(dm.psql("SELECT count(*) FROM pg_namespace WHERE nspname = '%s'" % schema,
                                 db="datamind_uploads"), "1")
        self.assertEqual(dm.psql("SELECT count(*) FROM pg_roles WHERE rolname = '%s'" % role), "1")
        analyst_email = unique_email()
        dm.add_user(admin, analyst_email, "analyst")
        analyst, _ = dm.login(analyst_email, org=slug)
        save_query(admin, "doomed", True)
        # a non-admin cannot; a wrong name deletes nothing
        token = dm.page_csrf(analyst, "/settings")
        self.assertEqual(analyst.post("/admin/org/delete", {"_csrf": token,
                                                            "confirm_name": "Org " + slug}).status, 403)
        page = admin.get("/admin/org")
        self.assertIn("Type <strong>Org %s</strong> to confirm" % slug, page.text)
        r = admin.post("/admin/org/delete", {"_csrf": page.form_value("_csrf"),
                                             "confirm_name": "org " + slug})
        self.assertEqual(r.status, 400)
        self.assertIn("exactly as shown", r.text)
        self.assertEqual(dm.psql("SELECT count(*) FROM organizations WHERE id = '%s'" % org_id), "1")
        # the right name: gone
        r = admin.post("/admin/org/delete", {"_csrf": page.form_value("_csrf"),
                                             "confirm_name": "Org " + slug})
        self.assertEqual(r.status, 303, r.text[:1000])
        self.assertEqual(r.header("Location"), "/login")
        for table in ("organizations WHERE id", "users WHERE org_id", "sessions WHERE org_id",
                      "saved_queries WHERE org_id", "connections WHERE org_id",
                      "uploads WHERE org_id", "audit_log WHERE org_id"):
            self.assertEqual(dm.psql("SELECT count(*) FROM %s = '%s'" % (table, org_id)), "0", table)
        self.assertEqual(dm.psql("SELECT count(*) FROM pg_namespace WHERE nspname = '%s'" % schema,
                                 db="datamind_uploads"), "0")
        self.assertEqual(dm.psql("SELECT count(*) FROM pg_roles WHERE rolname = '%s'" % role), "0")
        # every session of its users ended
        self.assertEqual(admin.get("/chat").status, 303)
        self.assertEqual(analyst.get("/chat").status, 303)
        _, r = dm.login(slug + "@example.com", org=slug)
        self.assertNotEqual(r.status, 303)
        # the other organization is untouched
        self.assertEqual(other.get("/queries").status, 200)
        self.assertIn(other_query, other.get("/queries").text)


if __name__ == "__main__":
    unittest.main()
