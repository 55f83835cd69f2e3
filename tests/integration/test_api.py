"""The JSON API /api/v1 (issue 17, part 1): personal tokens made in Settings
(shown once, stored hashed, revoked, expiring), every route with a token,
JSON errors, pagination, roles (a viewer's token on an analyst's route is a
403), tenancy (another organization's ids are 404), rate limits (429), and
the OpenAPI document against the route table, both ways."""
import json
import os
import re
import time
import unittest

import dm
from apiclient import api_routes, call, make_token, settle, upload
from test_ratelimit import web_setting

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def error_of(reply):
    e = (reply.json or {}).get("error") or {}
    return e.get("code"), e.get("message")


class World:
    """An organization (its own connection to the demo shop) with an admin,
    an analyst and a viewer, each with a token, and a dashboard, widget,
    saved query, alert and notification made through the API or pages."""

    def __init__(self):
        self.admin, self.slug, self.cid = dm.shop_org()
        self.oid = dm.psql("SELECT id FROM organizations WHERE slug = '%s'" % self.slug)
        self.tokens = {"admin": make_token(self.admin, "admin script")}
        for role in ("analyst", "viewer"):
            email = "%s-%s@example.com" % (role, self.slug)
            dm.add_user(self.admin, email, role)
            c = dm.login(email)[0]
            self.tokens[role] = make_token(c, role + " script")
        t = self.tokens["admin"]
        r = call("POST", "/api/v1/queries", t, {"name": "Orders", "sql": "SELECT count(*) AS n FROM orders",
                                                "connection_id": self.cid, "shared": True})
        assert r.status == 201, (r.status, r.text)
        self.query = r.json["id"]
        r = call("POST", "/api/v1/dashboards", t, {"title": "Board", "shared": True})
        assert r.status == 201, (r.status, r.text)
        self.dashboard = r.json["id"]
        r = call("POST", "/api/v1/dashboards/%s/widgets" % self.dashboard, t,
                 {"title": "Regions", "kind": "chart", "connection_id": self.cid,
                  "sql": "SELECT 'north' AS region, 1 AS amount UNION ALL SELECT 'south', 2"})
        assert r.status == 201, (r.status, r.text)
        self.widget = r.json["id"]
        r = self.admin.post("/alerts", {"_csrf": dm.page_csrf(self.admin, "/alerts/new"), "name": "Many",
                                        "connection_id": self.cid, "sql": "SELECT 5000 AS n",
                                        "condition": "above", "threshold": "1", "interval_minutes": "60"})
        assert r.status == 303, r.status
        self.alert = re.search(UUID, r.header("Location")).group(0)
        self.admin.post("/alerts/%s/check" % self.alert, {"_csrf": dm.page_csrf(self.admin, "/alerts/%s" % self.alert)})
        self.notification = dm.wait_for(lambda: dm.psql(
            "SELECT id FROM notifications WHERE org_id = '%s' AND user_id = (SELECT id FROM users WHERE "
            "org_id = '%s' AND role = 'admin' LIMIT 1) LIMIT 1" % (self.oid, self.oid)), timeout=40, step=0.3)
        assert self.notification, "the alert check made no notification"
        # a chat question and an Explore run of the API: their job ids
        r = call("POST", "/api/v1/ask", t, {"question": "how many orders are there", "connection_id": self.cid})
        assert r.status in (200, 202), (r.status, r.text)
        self.chat = r.json["chat_id"]
        r = call("POST", "/api/v1/queries/run", t, {"connection_id": self.cid, "sql": "SELECT 1 AS one"})
        assert r.status in (200, 202), (r.status, r.text)
        self.query_job = r.json["job_id"]
        self.ask_job = self.job_of("session_id")
        r = upload(t, "sales.csv", "region,amount\nnorth,1\nsouth,2\n")
        assert r.status == 202, (r.status, r.text)
        self.upload = r.json["id"]
        r = call("GET", "/api/v1/queries/%s/export?format=csv" % self.query, t)
        assert r.status in (200, 202), (r.status, r.text)
        self.export_job = self.job_of("kind", "ejob:")

    def job_of(self, key, kind="qjob:"):
        sys_path = os.path.join(dm.ROOT, "tests", "security")
        import sys
        if sys_path not in sys.path:
            sys.path.insert(0, sys_path)
        from common import user_job
        return user_job(self.oid, key, kind)

    def path(self, pattern):
        ids = {"id": None, "wid": self.widget}
        if pattern.startswith("/api/v1/ask/jobs/"):
            ids["id"] = self.ask_job
        elif pattern.startswith("/api/v1/queries/jobs/"):
            ids["id"] = self.query_job
        elif pattern.startswith("/api/v1/queries/"):
            ids["id"] = self.query
        elif pattern.startswith("/api/v1/dashboards/"):
            ids["id"] = self.dashboard
        elif pattern.startswith("/api/v1/connections/"):
            ids["id"] = self.cid
        elif pattern.startswith("/api/v1/alerts/"):
            ids["id"] = self.alert
        elif pattern.startswith("/api/v1/notifications/"):
            ids["id"] = self.notification
        elif pattern.startswith("/api/v1/chats/"):
            ids["id"] = self.chat
        elif pattern.startswith("/api/v1/uploads/"):
            ids["id"] = self.upload
        elif pattern.startswith("/api/v1/exports/"):
            ids["id"] = self.export_job
        out = pattern
        for k, v in ids.items():
            if "{%s}" % k in out:
                assert v, "no id for %s" % pattern
                out = out.replace("{%s}" % k, v)
        return out


# A body that would do something on any route, were it allowed.
ANY_BODY = {"name": "pwned", "title": "pwned", "sql": "SELECT 1", "question": "how many orders",
            "markdown": "pwned", "kind": "text"}


class TestApi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.w = World()
        cls.b = World.__new__(World)  # another organization, only its admin's token
        cls.b.admin, cls.b.slug, cls.b.cid = dm.shop_org()
        cls.b.tokens = {"admin": make_token(cls.b.admin)}

    # --- tokens -------------------------------------------------------------
    def test_token_is_shown_once_and_stored_hashed(self):
        c = self.w.admin
        token = make_token(c, "once")
        page = c.get("/settings").text
        self.assertNotIn(token, page)
        self.assertIn("once", page)
        self.assertIn(token[:8], page)  # its prefix tells it apart
        rows = dm.psql("SELECT length(token_hash), prefix FROM api_tokens WHERE name = 'once' AND org_id = '%s'" % self.w.oid)
        self.assertTrue(rows.startswith("32|dm_"), rows)
        self.assertEqual(dm.psql("SELECT count(*) FROM api_tokens WHERE position('%s' in prefix) > 0 "
                                 "OR encode(token_hash, 'escape') LIKE '%%%s%%'" % (token, token[3:])), "0")
        me = call("GET", "/api/v1/me", token)
        self.assertEqual(me.status, 200, me.text)
        self.assertEqual(me.json["role"], "admin")
        self.assertEqual(me.json["org"]["slug"], self.w.slug)
        self.assertNotEqual(dm.psql("SELECT last_used_at IS NOT NULL FROM api_tokens WHERE name = 'once' "
                                    "AND org_id = '%s'" % self.w.oid), "f")
        self.assertIn("api_token.create", dm.psql("SELECT string_agg(action, ',') FROM audit_log WHERE org_id = '%s'" % self.w.oid))

    def test_revoked_and_expired_tokens_are_401(self):
        c = self.w.admin
        token = make_token(c, "to revoke")
        self.assertEqual(call("GET", "/api/v1/me", token).status, 200)
        tid = dm.psql("SELECT id FROM api_tokens WHERE name = 'to revoke' AND org_id = '%s'" % self.w.oid)
        r = c.post("/settings", {"_csrf": dm.page_csrf(c), "action": "token_revoke", "token": tid})
        self.assertEqual(r.status, 303)
        r = call("GET", "/api/v1/me", token)
        self.assertEqual(r.status, 401)
        self.assertEqual(error_of(r)[0], "unauthorized")
        self.assertIn("Bearer", r.header("WWW-Authenticate") or "")
        # another user cannot revoke someone else's token
        other = make_token(c, "kept")
        kept = dm.psql("SELECT id FROM api_tokens WHERE name = 'kept' AND org_id = '%s'" % self.w.oid)
        b = self.b.admin
        r = b.post("/settings", {"_csrf": dm.page_csrf(b), "action": "token_revoke", "token": kept})
        self.assertEqual(r.status, 404)
        self.assertEqual(call("GET", "/api/v1/me", other).status, 200)
        # expired
        token = make_token(c, "to expire", days="7")
        self.assertEqual(call("GET", "/api/v1/me", token).status, 200)
        dm.psql("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE name = 'to expire' "
                "AND org_id = '%s'" % self.w.oid)
        self.assertEqual(call("GET", "/api/v1/me", token).status, 401)
        self.assertIn("expired", c.get("/settings").text)
        # a token that never expires
        token = make_token(c, "forever", days="0")
        self.assertEqual(dm.psql("SELECT expires_at IS NULL FROM api_tokens WHERE name = 'forever' AND org_id = '%s'" % self.w.oid), "t")
        self.assertEqual(call("GET", "/api/v1/me", token).status, 200)

    def test_deactivated_user_and_role_change_hold_at_once(self):
        email = "temp-%s@example.com" % self.w.slug
        dm.add_user(self.w.admin, email, "analyst")
        token = make_token(dm.login(email)[0], "temp")
        uid = dm.psql("SELECT id FROM users WHERE email = '%s'" % email)
        self.assertEqual(call("GET", "/api/v1/me", token).json["role"], "analyst")
        c = self.w.admin
        r = c.post("/admin/users/%s/role" % uid, {"_csrf": dm.page_csrf(c, "/admin/users"), "role": "viewer"})
        self.assertEqual(r.status, 303)
        self.assertEqual(call("GET", "/api/v1/me", token).json["role"], "viewer")
        self.assertEqual(call("POST", "/api/v1/dashboards", token, {"title": "x"}).status, 403)
        r = c.post("/admin/users/%s/active" % uid, {"_csrf": dm.page_csrf(c, "/admin/users"), "active": "0"})
        self.assertEqual(r.status, 303)
        self.assertEqual(call("GET", "/api/v1/me", token).status, 401)

    def test_no_cookie_authentication_and_no_csrf(self):
        c = self.w.admin  # signed in: its cookie is not a token
        r = c.get("/api/v1/me")
        self.assertEqual(r.status, 401, r.text[:300])
        self.assertEqual(json.loads(r.text)["error"]["code"], "unauthorized")
        r = c.post("/api/v1/dashboards", {"_csrf": dm.page_csrf(c, "/dashboards"), "title": "by cookie"})
        self.assertEqual(r.status, 401)
        self.assertEqual(dm.psql("SELECT count(*) FROM dashboards WHERE title = 'by cookie'"), "0")
        for bad in (None, "dm_nope", "Basic abc", "dm_" + "A" * 43):
            r = call("GET", "/api/v1/me", headers={"Authorization": "Bearer " + bad} if bad and not bad.startswith("Basic") else
                     ({"Authorization": bad} if bad else {}))
            self.assertEqual(r.status, 401, bad)
            self.assertEqual(error_of(r)[0], "unauthorized")
        # no CSRF token and a foreign Origin: a token is enough
        r = call("POST", "/api/v1/dashboards", self.w.tokens["analyst"], {"title": "No CSRF"},
                 headers={"Origin": "http://evil.example"})
        self.assertEqual(r.status, 201, r.text)
        self.assertIsNone(r.header("Set-Cookie"))

    # --- errors -------------------------------------------------------------
    def test_errors_are_json_with_the_right_status(self):
        t = self.w.tokens["admin"]
        r = call("GET", "/api/v1/nothing-here", t)
        self.assertEqual((r.status, error_of(r)[0]), (404, "not_found"))
        r = call("PUT", "/api/v1/me", t)
        self.assertEqual(r.status, 405)
        self.assertEqual(error_of(r)[0], "method_not_allowed")
        r = call("POST", "/api/v1/dashboards", t, raw=b"{not json", headers={"Content-Type": "application/json"})
        self.assertEqual((r.status, error_of(r)[0]), (400, "bad_request"))
        self.assertIn("not valid JSON", error_of(r)[1])
        r = call("POST", "/api/v1/dashboards", t, raw=b"title=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(r.status, 400)
        r = call("POST", "/api/v1/dashboards", t, ["a list"])
        self.assertEqual(r.status, 400)
        r = call("POST", "/api/v1/dashboards", t, {"title": ""})
        self.assertEqual((r.status, error_of(r)[0]), (422, "invalid"))
        r = call("POST", "/api/v1/dashboards", t, {"title": 5})
        self.assertEqual(r.status, 422)
        r = call("POST", "/api/v1/queries", t, {"name": "x"})
        self.assertEqual(r.status, 422)
        self.assertIn("sql", error_of(r)[1])
        r = call("POST", "/api/v1/ask", t, {"connection_id": self.w.cid})
        self.assertEqual(r.status, 422)
        r = call("GET", "/api/v1/queries/not-a-uuid", t)
        self.assertEqual(r.status, 404)
        r = call("GET", "/api/v1/dashboards?limit=0", t)
        self.assertEqual(r.status, 400)
        r = call("POST", "/api/v1/queries/run", t, {"connection_id": self.w.cid, "sql": "DELETE FROM orders"})
        r = settle(r, t)
        self.assertEqual((r.status, error_of(r)[0]), (422, "query_failed"), r.text)
        r = call("POST", "/api/v1/queries/%s/refresh" % self.w.query, self.w.tokens["admin"])
        self.assertIn(r.status, (200, 202))
        self.assertEqual(r.header("Content-Type"), "application/json")

    # --- every route --------------------------------------------------------
    def test_every_route_answers_an_admin_token(self):
        t = self.w.tokens["admin"]
        bad = []
        for method, pattern, least, name in api_routes():
            if method == "DELETE" or name in ("api_ask",):
                continue  # below, on objects of their own
            path = self.w.path(pattern)
            if name == "api_connection_test_job":
                path += "?job=none"
            r = call(method, path, t, ANY_BODY if method in ("POST", "PATCH") else None)
            want_json = name not in ("api_widget_svg", "api_export_dashboard", "api_export_job")
            if r.status >= 500 or r.status in (401, 403) or (want_json and r.json is None):
                bad.append("%s %s (%s) -> %d %s" % (method, pattern, name, r.status, r.text[:200]))
        self.assertEqual(bad, [], "\n".join(bad))

    def test_ask_answers_with_sql_rows_chart_and_insight(self):
        t = self.w.tokens["viewer"]
        r = call("POST", "/api/v1/ask", t, {"question": "how many orders are there", "connection_id": self.w.cid})
        self.assertIn(r.status, (200, 202), r.text)
        if r.status == 202:
            self.assertTrue(r.json["status_url"].startswith("/api/v1/ask/jobs/"))
            self.assertEqual(r.header("Location"), r.json["status_url"])
        a = settle(r, t)
        self.assertEqual(a.status, 200, a.text)
        self.assertEqual(a.json["status"], "answered", a.text)
        self.assertIn("orders", a.json["sql"].lower())
        self.assertTrue(a.json["columns"] and a.json["rows"], a.text)
        self.assertTrue(a.json["insight"])
        self.assertIn("type", a.json["chart"])
        chat = a.json["chat_id"]
        # a follow-up in the same chat
        r = settle(call("POST", "/api/v1/ask", t, {"question": "by status", "chat_id": chat}), t)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json["chat_id"], chat)
        self.assertIn(r.json["status"], ("answered", "clarify"))
        n = dm.psql("SELECT count(*) FROM chat_messages WHERE session_id = '%s'" % chat)
        self.assertEqual(n, "4")
        r = call("GET", "/api/v1/chats/%s" % chat, t)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual([m["role"] for m in r.json["messages"]], ["user", "assistant", "user", "assistant"])
        self.assertEqual(r.json["messages"][0]["question"], "how many orders are there")
        self.assertEqual(r.json["messages"][1]["sql"], a.json["sql"])
        self.assertIn(chat, [c["id"] for c in call("GET", "/api/v1/chats", t).json["items"]])
        self.assertEqual(call("GET", "/api/v1/chats/%s" % chat, self.w.tokens["analyst"]).status, 404)
        # another user's chat is not there
        r = call("POST", "/api/v1/ask", self.w.tokens["analyst"], {"question": "how many", "chat_id": chat})
        self.assertEqual(r.status, 404)
        # a question it cannot place asks back
        r = settle(call("POST", "/api/v1/ask", t, {"question": "how are the flurbs doing", "connection_id": self.w.cid}), t)
        self.assertEqual(r.status, 200, r.text)
        self.assertIn(r.json["status"], ("clarify", "failed", "answered"))
        if r.json["status"] == "clarify":
            self.assertTrue(r.json["clarify"])

    def test_run_query_and_poll(self):
        t = self.w.tokens["analyst"]
        r = call("POST", "/api/v1/queries/run", t, {"connection_id": self.w.cid,
                                                    "sql": "SELECT status, count(*) AS n FROM orders GROUP BY 1 ORDER BY 1"})
        r = settle(r, t)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json["status"], "done")
        self.assertTrue(r.json["rows"])
        self.assertEqual(len(r.json["columns"]), 2)
        # polled later, the job still answers; another user of the org does not see it
        again = call("GET", "/api/v1/queries/jobs/%s" % r.json["job_id"], t)
        self.assertEqual(again.status, 200)
        other = call("GET", "/api/v1/queries/jobs/%s" % r.json["job_id"], self.w.tokens["admin"])
        self.assertEqual(other.status, 404)
        # {{name}} parameters
        r = settle(call("POST", "/api/v1/queries/run", t, {"connection_id": self.w.cid,
                                                           "sql": "SELECT {{x}}::int + 1 AS y", "params": {"x": "41"}}), t)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(str(r.json["rows"][0][0]) if isinstance(r.json["rows"][0], list) else str(list(r.json["rows"][0].values())[0]), "42")
        self.assertIn("query.run", dm.psql("SELECT string_agg(DISTINCT action, ',') FROM audit_log WHERE org_id = '%s'" % self.w.oid))

    def test_saved_queries_crud_and_refresh(self):
        t = self.w.tokens["analyst"]
        r = call("POST", "/api/v1/queries", t, {"name": "Mine", "sql": "SELECT 2 AS two", "connection_id": self.w.cid,
                                                "tags": "api, test"})
        self.assertEqual(r.status, 201, r.text)
        qid = r.json["id"]
        self.assertEqual(r.header("Location"), "/api/v1/queries/%s" % qid)
        self.assertFalse(r.json["is_shared"])
        r = call("PATCH", "/api/v1/queries/%s" % qid, t, {"description": "two", "shared": True})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual((r.json["description"], r.json["is_shared"], r.json["name"]), ("two", True, "Mine"))
        r = settle(call("POST", "/api/v1/queries/%s/refresh" % qid, t), t)
        self.assertEqual(r.status, 200, r.text)
        got = dm.wait_for(lambda: (lambda j: j["last_result"] and j)(call("GET", "/api/v1/queries/%s" % qid, t).json), timeout=20)
        self.assertTrue(got["last_result"]["rows"])
        # listed, paginated
        ids = []
        cursor = None
        while True:
            r = call("GET", "/api/v1/queries?limit=1" + ("&cursor=" + cursor if cursor else ""), t)
            self.assertEqual(r.status, 200)
            self.assertLessEqual(len(r.json["items"]), 1)
            ids += [q["id"] for q in r.json["items"]]
            cursor = r.json["next_cursor"]
            if not cursor:
                break
        self.assertIn(qid, ids)
        self.assertIn(self.w.query, ids)
        self.assertEqual(len(ids), len(set(ids)))
        # the admin may change it, the viewer not; another analyst not either
        self.assertEqual(call("PATCH", "/api/v1/queries/%s" % qid, self.w.tokens["viewer"], {"name": "x"}).status, 403)
        # {{name}} parameters with their defaults: a refresh runs with them
        r = call("POST", "/api/v1/queries", t, {"name": "Param", "sql": "SELECT {{x}}::int * 2 AS y",
                                                "connection_id": self.w.cid, "params": {"x": "21"}})
        self.assertEqual(r.status, 201, r.text)
        r = settle(call("POST", "/api/v1/queries/%s/refresh" % r.json["id"], t), t)
        self.assertEqual(r.status, 200, r.text)
        self.assertIn("42", json.dumps(r.json["rows"]))
        r = call("DELETE", "/api/v1/queries/%s" % qid, t)
        self.assertEqual((r.status, r.json["deleted"]), (200, True))
        self.assertEqual(call("GET", "/api/v1/queries/%s" % qid, t).status, 404)
        self.assertEqual(call("DELETE", "/api/v1/queries/%s" % qid, t).status, 404)

    def test_dashboards_and_widgets(self):
        t = self.w.tokens["analyst"]
        r = call("POST", "/api/v1/dashboards", t, {"title": "Sales", "description": "d", "refresh_minutes": 15})
        self.assertEqual(r.status, 201, r.text)
        did = r.json["id"]
        self.assertEqual((r.json["refresh_minutes"], r.json["is_shared"]), (15, False))
        r = call("POST", "/api/v1/dashboards/%s/widgets" % did, t,
                 {"title": "By status", "connection_id": self.w.cid, "sql": "SELECT status, count(*) AS n FROM orders GROUP BY 1",
                  "chart": {"type": "bar", "x": "status", "y": ["n"]}})
        self.assertEqual(r.status, 201, r.text)
        wid = r.json["id"]
        r = call("POST", "/api/v1/dashboards/%s/widgets" % did, t, {"title": "Notes", "markdown": "# hi"})
        self.assertEqual((r.status, r.json["kind"]), (201, "text"))
        tid = r.json["id"]
        qname = call("GET", "/api/v1/queries/%s" % self.w.query, t).json["name"]
        r = call("POST", "/api/v1/dashboards/%s/widgets" % did, t, {"query_id": self.w.query, "kind": "kpi"})
        self.assertEqual((r.status, r.json["title"]), (201, qname), r.text)
        r = call("POST", "/api/v1/dashboards/%s/widgets" % did, t, {"title": "x", "sql": "SELECT 1", "connection_id": self.b.cid})
        self.assertEqual(r.status, 422)  # another org's connection
        r = call("POST", "/api/v1/dashboards/%s/refresh" % did, t)
        self.assertIn(r.status, (200, 202), r.text)
        d = dm.wait_for(lambda: (lambda j: all(w["result"] for w in j["widget_list"] if w["kind"] != "text") and j)(
            call("GET", "/api/v1/dashboards/%s" % did, t).json), timeout=60, step=0.5)
        self.assertTrue(d, "the widgets never got their results")
        self.assertEqual(len(d["widget_list"]), 3)
        svg = call("GET", "/api/v1/dashboards/%s/widgets/%s.svg" % (did, wid), t)
        self.assertEqual(svg.status, 200, svg.text[:300])
        self.assertTrue(svg.text.lstrip().startswith("<svg"), svg.text[:100])
        r = call("GET", "/api/v1/dashboards/%s/widgets/%s.svg" % (did, tid), t)
        self.assertEqual((r.status, error_of(r)[0]), (404, "not_found"))
        r = call("PATCH", "/api/v1/dashboards/%s/widgets/%s" % (did, wid), t, {"title": "Orders by status", "size": "large"})
        self.assertEqual((r.status, r.json["title"], r.json["size"]), (200, "Orders by status", "large"), r.text)
        r = call("PATCH", "/api/v1/dashboards/%s/widgets/%s" % (did, wid), t, {"kind": "pie"})
        self.assertEqual(r.status, 422)
        r = settle(call("POST", "/api/v1/dashboards/%s/widgets/%s/refresh" % (did, wid), t), t)
        self.assertIn(r.status, (200, 202))
        r = call("PATCH", "/api/v1/dashboards/%s" % did, t, {"shared": True})
        self.assertEqual((r.status, r.json["is_shared"], r.json["title"]), (200, True, "Sales"))
        # the viewer reads it, but does not change it
        v = self.w.tokens["viewer"]
        self.assertEqual(call("GET", "/api/v1/dashboards/%s" % did, v).status, 200)
        self.assertEqual(call("PATCH", "/api/v1/dashboards/%s" % did, v, {"title": "x"}).status, 403)
        self.assertEqual(call("DELETE", "/api/v1/dashboards/%s/widgets/%s" % (did, tid), v).status, 403)
        r = call("DELETE", "/api/v1/dashboards/%s/widgets/%s" % (did, tid), t)
        self.assertEqual(r.status, 200)
        listed = call("GET", "/api/v1/dashboards", v).json["items"]
        self.assertIn(did, [x["id"] for x in listed])
        r = call("DELETE", "/api/v1/dashboards/%s" % did, t)
        self.assertEqual(r.status, 200)
        self.assertEqual(call("GET", "/api/v1/dashboards/%s" % did, t).status, 404)
        acts = dm.psql("SELECT string_agg(DISTINCT action, ',') FROM audit_log WHERE org_id = '%s'" % self.w.oid)
        for a in ("dashboard.create", "widget.create", "widget.update", "widget.delete", "dashboard.delete"):
            self.assertIn(a, acts)

    def test_connections_alerts_notifications(self):
        t = self.w.tokens["viewer"]
        r = call("GET", "/api/v1/connections", t)
        self.assertEqual(r.status, 200)
        self.assertIn(self.w.cid, [c["id"] for c in r.json["items"]])
        self.assertNotIn("password", r.text.lower().replace("password_enc", ""))
        r = call("GET", "/api/v1/connections/%s/schema" % self.w.cid, t)
        self.assertEqual(r.status, 200)
        self.assertIn("orders", [x.get("name") for x in r.json["tables"]])
        self.assertEqual(call("POST", "/api/v1/connections/%s/test" % self.w.cid, t).status, 403)
        a = self.w.tokens["analyst"]
        r = settle(call("POST", "/api/v1/connections/%s/test" % self.w.cid, a), a)
        self.assertEqual((r.status, r.json["status"]), (200, "ok"), r.text)
        # issue 16: a connection made by URL, by an admin only; bad ones in words
        shop = "postgresql://shop_reader:%s@127.0.0.1:%s/shop?sslmode=disable" % (
            open(os.path.join(dm.VAR, "demo-secrets", "shop_reader")).read().strip(), os.environ["DM_PG_PORT"])
        self.assertEqual(call("POST", "/api/v1/connections", a, {"name": "By URL", "url": shop}).status, 403)
        admin = self.w.tokens["admin"]
        r = call("POST", "/api/v1/connections", admin, {"name": "By URL", "url": shop})
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual((r.json["kind"], r.json["port"], r.json["database_name"]),
                         ("postgresql", int(os.environ["DM_PG_PORT"]), "shop"))
        self.assertNotIn("shop_reader:", r.text)  # the password is never given back
        new = r.json["id"]
        self.assertTrue(r.header("Location").endswith(new))
        r = call("POST", "/api/v1/connections", admin, {"name": "Maria", "url": "mysql://u:p@127.0.0.1/shop"})
        self.assertEqual((r.status, r.json["kind"], r.json["port"]), (201, "mysql", 3306), r.text)
        r = call("POST", "/api/v1/connections", admin, {"name": "Bad", "url": "oracle://h/d"})
        self.assertEqual(r.status, 422)
        self.assertIn("not a database URL", r.json["error"]["message"])
        r = call("POST", "/api/v1/connections", admin, {"name": "By URL", "url": shop})
        self.assertEqual(r.status, 422)  # the name is taken
        self.assertEqual(call("POST", "/api/v1/connections", admin, {"name": ["x"]}).status, 422)
        end = time.time() + 60  # its schema, read by the worker
        while time.time() < end and not call("GET", "/api/v1/connections/%s/schema" % new,
                                             admin).json.get("tables"):
            time.sleep(0.3)
        r = call("GET", "/api/v1/connections/%s/schema" % new, admin)
        self.assertIn("orders", [x.get("name") for x in r.json.get("tables", [])], r.text[:500])
        r = call("GET", "/api/v1/alerts", t)
        self.assertIn(self.w.alert, [x["id"] for x in r.json["items"]])
        r = call("GET", "/api/v1/alerts/%s/events" % self.w.alert, t)
        self.assertEqual(r.status, 200)
        self.assertTrue(r.json["items"])
        admin = self.w.tokens["admin"]
        r = call("GET", "/api/v1/notifications", admin)
        self.assertIn(self.w.notification, [n["id"] for n in r.json["items"]])
        self.assertIn("unread", r.json)
        r = call("POST", "/api/v1/notifications/%s/read" % self.w.notification, admin)
        self.assertEqual(r.status, 200)
        self.assertEqual(dm.psql("SELECT is_read FROM notifications WHERE id = '%s'" % self.w.notification), "t")
        self.assertEqual(call("POST", "/api/v1/notifications/%s/read" % self.w.notification, t).status, 404)
        r = call("POST", "/api/v1/notifications/read-all", admin)
        self.assertEqual((r.status, r.json["unread"]), (200, 0))

    def test_uploads_and_exports(self):
        t = self.w.tokens["analyst"]
        r = upload(t, "regions.csv", "region,amount\neast,3\nwest,4\n")
        self.assertEqual(r.status, 202, r.text)
        self.assertEqual(r.header("Location"), r.json["status_url"])
        done = dm.wait_for(lambda: (lambda j: j["status"] in ("done", "failed") and j)(
            call("GET", r.json["status_url"], t).json), timeout=60, step=0.3)
        self.assertEqual(done["status"], "done", done)
        self.assertIn(r.json["id"], [u["id"] for u in call("GET", "/api/v1/uploads", self.w.tokens["viewer"]).json["items"]])
        r = upload(t, "notes.pdf", "%PDF")
        self.assertEqual((r.status, error_of(r)[0]), (422, "invalid"))
        r = upload(self.w.tokens["viewer"], "x.csv", "a\n1\n")
        self.assertEqual(r.status, 403)
        # a saved query's full result as CSV: the file, or 202 and then the file
        v = self.w.tokens["viewer"]
        r = call("GET", "/api/v1/queries/%s/export?format=csv" % self.w.query, v)
        if r.status == 202:
            url = r.json["status_url"]
            self.assertTrue(url.startswith("/api/v1/exports/"))
            r = dm.wait_for(lambda: (lambda x: x.status != 202 and x)(call("GET", url, v)), timeout=60, step=0.3)
        self.assertEqual(r.status, 200, r.text[:300])
        self.assertIn("text/csv", r.header("Content-Type"))
        self.assertIn("attachment", r.header("Content-Disposition"))
        self.assertGreaterEqual(len(r.text.splitlines()), 2, r.text[:100])  # a header and a row
        r = call("GET", "/api/v1/queries/%s/export" % self.w.query, v)
        self.assertEqual((r.status, error_of(r)[0]), (400, "bad_request"))
        r = call("GET", "/api/v1/dashboards/%s/widgets/%s/export?format=xlsx" % (self.w.dashboard, self.w.widget), v)
        self.assertIn(r.status, (200, 202), r.text[:300])
        # another user's export job is not theirs
        self.assertEqual(call("GET", "/api/v1/exports/%s" % self.w.export_job, v).status, 404)

    def test_alerts_through_the_api(self):
        t = self.w.tokens["analyst"]
        body = {"name": "Big orders", "connection_id": self.w.cid, "sql": "SELECT count(*) AS n FROM orders",
                "condition": "above", "threshold": 10, "interval_minutes": 60}
        r = call("POST", "/api/v1/alerts", t, body)
        self.assertEqual(r.status, 201, r.text)
        aid = r.json["id"]
        self.assertEqual((r.json["condition"], r.json["threshold"], r.json["interval_minutes"]), ("above", 10, 60))
        bad = dict(body, condition="sideways", interval_minutes=0)
        r = call("POST", "/api/v1/alerts", t, bad)
        self.assertEqual((r.status, error_of(r)[0]), (422, "invalid"), r.text)
        self.assertIn("condition", r.json["error"]["fields"])
        self.assertIn("interval_minutes", r.json["error"]["fields"])
        r = call("POST", "/api/v1/alerts", t, dict(body, webhook_url="http://169.254.169.254/latest"))
        self.assertEqual(r.status, 422)
        self.assertIn("webhook_url", r.json["error"]["fields"])
        r = call("POST", "/api/v1/alerts", t, dict(body, name={"x": 1}))
        self.assertEqual(r.status, 422)
        # a change keeps what it does not name
        r = call("PATCH", "/api/v1/alerts/%s" % aid, t, {"threshold": 99.5})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual((r.json["threshold"], r.json["name"], r.json["sql_text"]), (99.5, "Big orders", body["sql"]))
        r = call("POST", "/api/v1/alerts/%s/check" % aid, t)
        self.assertEqual(r.status, 202, r.text)
        ev = dm.wait_for(lambda: call("GET", "/api/v1/alerts/%s" % aid, t).json["last_checked"], timeout=40, step=0.3)
        self.assertTrue(ev, "the check never ran")
        self.assertEqual(call("POST", "/api/v1/alerts/%s/check" % aid, self.w.tokens["viewer"]).status, 403)
        r = call("DELETE", "/api/v1/alerts/%s" % aid, t)
        self.assertEqual(r.status, 200)
        self.assertEqual(call("GET", "/api/v1/alerts/%s" % aid, t).status, 404)
        acts = dm.psql("SELECT string_agg(DISTINCT action, ',') FROM audit_log WHERE org_id = '%s'" % self.w.oid)
        for a in ("alert.create", "alert.update", "alert.check_now", "alert.delete"):
            self.assertIn(a, acts)

    # --- roles and tenancy ----------------------------------------------------
    def test_viewer_token_on_analyst_and_admin_routes_is_403(self):
        before = dm.psql("SELECT count(*) FROM audit_log WHERE org_id = '%s' AND action NOT LIKE 'api_token%%'" % self.w.oid)
        bad = []
        n = 0
        for method, pattern, least, name in api_routes():
            if least <= 0:
                continue
            n += 1
            r = call(method, self.w.path(pattern), self.w.tokens["viewer"], ANY_BODY if method in ("POST", "PATCH") else None)
            if r.status != 403 or error_of(r)[0] != "forbidden":
                bad.append("%s %s -> %d" % (method, pattern, r.status))
        self.assertGreaterEqual(n, 10)
        self.assertEqual(bad, [], "\n".join(bad))
        self.assertEqual(dm.psql("SELECT count(*) FROM audit_log WHERE org_id = '%s' AND action NOT LIKE 'api_token%%'" % self.w.oid), before)

    def test_another_orgs_ids_are_404(self):
        tb = self.b.tokens["admin"]
        bad = []
        n = 0
        for method, pattern, least, name in api_routes():
            if "{" not in pattern:
                continue
            n += 1
            path = self.w.path(pattern) + ("?job=x" if name == "api_connection_test_job" else "")
            r = call(method, path, tb, ANY_BODY if method in ("POST", "PATCH") else None)
            if r.status != 404:
                bad.append("%s %s -> %d %s" % (method, pattern, r.status, r.text[:150]))
        self.assertGreaterEqual(n, 20)
        self.assertEqual(bad, [], "\n".join(bad))
        self.assertEqual(call("GET", "/api/v1/queries/%s" % self.w.query, self.w.tokens["admin"]).status, 200)
        # its own lists show nothing of org A
        for path in ("/api/v1/queries", "/api/v1/dashboards", "/api/v1/connections", "/api/v1/alerts", "/api/v1/notifications"):
            r = call("GET", path, tb)
            self.assertEqual(r.status, 200)
            for x in (self.w.query, self.w.dashboard, self.w.cid, self.w.alert, self.w.notification):
                self.assertNotIn(x, r.text, path)
        # with org A's connection, B can neither ask nor run
        r = call("POST", "/api/v1/ask", tb, {"question": "how many orders", "connection_id": self.w.cid})
        self.assertEqual(r.status, 404)
        r = call("POST", "/api/v1/queries/run", tb, {"connection_id": self.w.cid, "sql": "SELECT 1"})
        self.assertEqual(r.status, 404)
        r = call("POST", "/api/v1/queries", tb, {"name": "x", "sql": "SELECT 1", "connection_id": self.w.cid})
        self.assertEqual(r.status, 422)

    # --- rate limits ------------------------------------------------------------
    def test_rate_limits_are_429(self):
        with web_setting("RATE_QUERIES", 2):
            admin, slug, cid = dm.shop_org()
            t = make_token(admin)
            xff = {"X-Forwarded-For": "10.79.%d.%d" % (os.getpid() % 250, int(time.time()) % 250)}
            statuses = [call("POST", "/api/v1/queries/run", t, {"connection_id": cid, "sql": "SELECT 1"}, headers=xff)
                        for _ in range(4)]
            codes = [s.status for s in statuses]
            self.assertNotIn(429, codes[:2], codes)
            self.assertEqual(codes[2], 429, codes)
            r = statuses[2]
            self.assertEqual(error_of(r)[0], "rate_limited")
            self.assertTrue(r.header("Retry-After"))
            self.assertIn("Try again in", error_of(r)[1])

    # --- the OpenAPI document -----------------------------------------------------
    def test_openapi_document_matches_the_route_table(self):
        r = call("GET", "/api/v1/openapi.json")  # no token needed
        self.assertEqual(r.status, 200)
        doc = r.json
        with open(os.path.join(dm.ROOT, "data", "openapi.json")) as f:
            self.assertEqual(doc, json.load(f))
        self.assertTrue(doc["openapi"].startswith("3.1"))
        documented = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops
                      if m in ("get", "post", "put", "patch", "delete")}
        routed = {(m, p) for m, p, _l, _n in api_routes()}
        self.assertEqual(sorted(routed - documented), [], "routes missing from data/openapi.json")
        self.assertEqual(sorted(documented - routed), [], "documented paths with no route in routes.c")
        for (m, p) in routed:
            op = doc["paths"][p][m.lower()]
            self.assertTrue(op.get("operationId") and op.get("responses"), (m, p))
            for name in re.findall(r"\{(\w+)\}", p):
                self.assertIn(name, [x["name"] for x in op["parameters"] if x["in"] == "path"], (m, p))
            least = [l for mm, pp, l, _n in api_routes() if (mm, pp) == (m, p)][0]
            if least >= 0:
                self.assertIn("401", op["responses"], (m, p))
            if least >= 1:
                self.assertIn("analyst" if least == 1 else "admin", op["description"], (m, p))


if __name__ == "__main__":
    unittest.main()
