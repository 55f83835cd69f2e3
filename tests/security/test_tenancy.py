"""Tenancy: organization B's admin walks every route of routes.c that takes
an id, with organization A's ids (GET, and POST with B's own valid CSRF
token): each is a 404 — never a 200, a 303 with effect, or a 403 that
admits the object exists. Ids inside forms (connection_id, session_id,
message_id, ...) are tried too. Afterwards nothing of A has changed."""
import re
import unittest

from common import (build_world, dead_job_exists, plant_dead_job, dm, export_query, fill, fingerprint, params, post_body, redis, redis_prefix, routes)


class TestTenancy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = build_world("A")
        cls.b = build_world("B", users=False)
        cls.before = fingerprint(cls.a["ids"]["org"])
        cls.bc = cls.b["admin"]

    def assert_a_untouched(self, jobs=False):
        after = fingerprint(self.a["ids"]["org"])
        for k in self.before:
            self.assertEqual(after[k], self.before[k], "organization A's %s changed" % k)
        if jobs:
            self.assertTrue(dead_job_exists(self.a["ids"]["job_retry"]), "A's dead job was retried by B")
            self.assertTrue(dead_job_exists(self.a["ids"]["job_discard"]), "A's dead job was discarded by B")

    def walk(self, override_from_b=None):
        bad = []
        n = 0
        for method, pattern, _least, name in routes():
            ps = params(pattern)
            if not ps or pattern.startswith("/public/"):
                continue  # a public link's token is the credential itself: test_public_links
            override = None
            if override_from_b:
                if len(ps) < 2:
                    continue
                override = {ps[0]: self.b["ids"][__import__("common").id_kind(pattern, ps[0])]}
            path = fill(pattern, self.a["ids"], override) + export_query(pattern)
            n += 1
            if method == "GET":
                r = self.bc.get(path)
            else:
                confirm = self.a["names"]["connection"] if name == "connection_delete" else "yes"
                r = self.bc.post(path, post_body(dm.page_csrf(self.bc, "/settings"), confirm=confirm))
            if r.status != 404:
                bad.append("%s %s (%s) -> %d %s" % (method, pattern, name, r.status, r.header("Location") or ""))
        return n, bad

    def test_every_id_route_with_the_other_orgs_ids_is_404(self):
        n, bad = self.walk()
        self.assertGreaterEqual(n, 45, "fewer id routes than expected: routes.c not parsed?")
        self.assertEqual(bad, [], "routes that did not answer 404 for another organization's ids:\n" + "\n".join(bad))
        self.assert_a_untouched(jobs=True)

    def test_own_parent_id_with_the_other_orgs_child_id_is_404(self):
        # B's own dashboard / connection with A's widget / vocabulary term
        n, bad = self.walk(override_from_b=True)
        self.assertGreaterEqual(n, 8)
        self.assertEqual(bad, [], "B's parent id with A's child id did not answer 404:\n" + "\n".join(bad))
        self.assert_a_untouched()

    def test_ids_in_forms_and_query_strings(self):
        A, B, c = self.a["ids"], self.b["ids"], self.bc
        tok = lambda: dm.page_csrf(c, "/settings")
        bad = []
        # continue A's chat session
        r = c.post("/chat", {"_csrf": tok(), "message": "how many orders are there", "session_id": A["session"],
                             "connection_id": B["connection"]})
        if r.status != 404:
            bad.append("POST /chat session_id=A -> %d" % r.status)
        # ask against A's connection
        r = c.post("/chat", {"_csrf": tok(), "message": "how many orders are there", "connection_id": A["connection"]})
        if r.status == 303:
            sid = re.search(r"/chat/([0-9a-f-]{36})", r.header("Location") or "")
            if sid and dm.psql("SELECT count(*) FROM chat_sessions WHERE id = '%s' AND connection_id = '%s'"
                               % (sid.group(1), A["connection"])) != "0":
                bad.append("POST /chat connection_id=A made a session on A's connection")
        # pin A's answer to B's dashboard
        r = c.post("/dashboards/pin", {"_csrf": tok(), "message_id": A["message"], "dashboard_id": B["dashboard"]})
        if r.status != 404:
            bad.append("POST /dashboards/pin message_id=A -> %d" % r.status)
        r = c.post("/dashboards/pin", {"_csrf": tok(), "message_id": B["message"], "dashboard_id": A["dashboard"]})
        if r.status != 404:
            bad.append("POST /dashboards/pin dashboard_id=A -> %d" % r.status)
        # run / export SQL through A's connection
        for path in ("/explore/run", "/explore/export"):
            r = c.post(path, {"_csrf": tok(), "connection_id": A["connection"], "sql": "SELECT 4242 AS probe",
                              "format": "csv"})
            if r.status == 200:
                bad.append("POST %s connection_id=A ran the query (%d)" % (path, r.status))
        # objects of B attached to A's connection
        c.post("/queries", {"_csrf": tok(), "name": "sneaky", "sql": "SELECT 1", "connection_id": A["connection"]})
        c.post("/alerts", {"_csrf": tok(), "name": "sneaky", "connection_id": A["connection"], "sql": "SELECT 1",
                           "condition": "above", "threshold": "1", "interval_minutes": "60"})
        c.post("/dashboards/%s/widgets" % B["dashboard"], {"_csrf": tok(), "source": "sql", "title": "sneaky",
                                                          "kind": "table", "sql": "SELECT 1",
                                                          "connection_id": A["connection"]})
        c.post("/connections/%s/vocabulary" % A["connection"], {"_csrf": tok(), "term": "sneaky", "kind": "column",
                                                                "table": "orders", "column": "id"})
        for table in ("saved_queries", "alerts", "widgets", "vocabulary", "chat_sessions"):
            n = dm.psql("SELECT count(*) FROM %s WHERE org_id = '%s' AND connection_id = '%s'"
                        % (table, B["org"], A["connection"]))
            if n != "0":
                bad.append("B has %s rows of %s on A's connection" % (n, table))
        # query strings that name A's objects
        a_sql = "SELECT count(*) AS orders FROM orders"
        page = c.get("/explore?query=%s" % A["query"]).text
        if self.a["names"]["query"] in page:
            bad.append("GET /explore?query=A shows A's saved query")
        page = c.get("/explore?connection=%s" % A["connection"]).text
        if self.a["names"]["connection"] in page:
            bad.append("GET /explore?connection=A shows A's connection")
        page = c.get("/chat?connection=%s" % A["connection"]).text
        if self.a["names"]["connection"] in page:
            bad.append("GET /chat?connection=A shows A's connection")
        del a_sql
        self.assertEqual(bad, [], "\n".join(bad))
        self.assert_a_untouched()

    def test_lists_and_logs_show_nothing_of_the_other_org(self):
        A, n = self.a["ids"], self.a["names"]
        markers = [n["connection"], n["query"], n["dashboard"], n["alert"], n["upload"], n["term"],
                   n["analyst"], n["viewer"], self.a["email"], self.a["slug"], A["session"], A["dashboard"],
                   A["connection"], A["alert"], A["query"], A["upload"]]
        job = plant_dead_job(A["org"], "l")
        bad = []
        for path in ("/chat", "/dashboards", "/connections", "/queries", "/uploads", "/alerts", "/notifications",
                     "/notifications/count", "/admin/users", "/admin/jobs", "/audit", "/audit.csv", "/settings",
                     "/explore", "/alerts/new", "/connections/new",
                     "/audit?resource_id=%s" % A["dashboard"], "/audit?user_id=%s" % A["user_admin"],
                     "/chat?q=orders", "/queries?q=Query", "/dashboards?q=Board"):
            text = self.bc.get(path).text
            for m in markers + ([job] if path == "/admin/jobs" else []):
                if m in text:
                    bad.append("%s shows %r of organization A" % (path, m))
        self.assertEqual(bad, [], "\n".join(bad))
        redis("HDEL", redis_prefix() + "dead", job)
        redis("ZREM", redis_prefix() + "dead:idx", job)


if __name__ == "__main__":
    unittest.main()
