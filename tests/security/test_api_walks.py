"""The API (/api/v1) under attack: every route of routes.c under /api/v1,
walked with personal tokens instead of the session cookie. Roles: a token
acts with its user's role (above it: 403, JSON); tenancy: organization B's
admin token with organization A's ids is a 404 on every route that takes an
id (and B's own dashboard with A's widget too); no token, a malformed one,
or the session cookie alone (with its CSRF token) is a 401 — the API never
authenticates by cookie. Afterwards nothing of A has changed."""
import os
import sys
import unittest

from common import ROLE_RANK, build_world, dm, fill, fingerprint, id_kind, params, routes

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from apiclient import call, make_token  # noqa: E402

BODY = {"title": "pwned", "name": "pwned", "sql": "SELECT 1", "question": "how many orders are there",
        "markdown": "pwned", "kind": "text", "shared": True, "description": "pwned"}


def path_of(pattern, ids, override=None):
    return fill(pattern, ids, override) + ("?job=%s" % ids["chat_job"] if pattern.endswith("/test") else "")


def send(method, path, token=None, headers=None):
    return call(method, path, token, BODY if method in ("POST", "PATCH", "PUT") else None, headers=headers)


class TestApiWalks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = build_world("P")
        cls.b = build_world("Q", users=False)
        cls.tokens = {role: make_token(cls.a[role], "sec " + role) for role in ("viewer", "analyst", "admin")}
        cls.btoken = make_token(cls.b["admin"], "sec b")

    def untouched(self, before):
        after = fingerprint(self.a["ids"]["org"])
        for k in before:
            if k != "audit_log":
                self.assertEqual(after[k], before[k], "organization A's %s changed" % k)

    def test_roles_with_tokens(self):
        before = fingerprint(self.a["ids"]["org"])
        bad, checked = [], 0
        for method, pattern, least, name in routes(api=True):
            path = path_of(pattern, self.a["ids"])
            for role, token in self.tokens.items():
                if ROLE_RANK[role] < least:
                    checked += 1
                    r = send(method, path, token)
                    code = ((r.json or {}).get("error") or {}).get("code")
                    if r.status != 403 or code != "forbidden":
                        bad.append("%s %s (%s) as %s -> %d, want a JSON 403" % (method, pattern, name, role, r.status))
                elif method == "GET":
                    r = send(method, path, token)
                    if r.status in (401, 403) or r.status >= 500:
                        bad.append("%s %s (%s) as %s -> %d, want it allowed" % (method, pattern, name, role, r.status))
        self.assertGreaterEqual(checked, 12)
        self.assertEqual(bad, [], "\n".join(bad))
        self.untouched(before)

    def test_other_orgs_ids_are_404(self):
        before = fingerprint(self.a["ids"]["org"])
        bad, n = [], 0
        for method, pattern, _least, name in routes(api=True):
            ps = params(pattern)
            if not ps:
                continue
            n += 1
            r = send(method, path_of(pattern, self.a["ids"]), self.btoken)
            if r.status != 404:
                bad.append("%s %s (%s) -> %d %s" % (method, pattern, name, r.status, r.text[:120]))
            if len(ps) >= 2:  # B's own dashboard, A's widget
                n += 1
                own = {ps[0]: self.b["ids"][id_kind(pattern, ps[0])]}
                r = send(method, path_of(pattern, self.a["ids"], own), self.btoken)
                if r.status != 404:
                    bad.append("%s %s (%s, B's parent) -> %d" % (method, pattern, name, r.status))
        self.assertGreaterEqual(n, 25)
        self.assertEqual(bad, [], "routes that did not answer 404 for another organization's ids:\n" + "\n".join(bad))
        # ids in bodies: A's connection, chat and saved query
        ids = self.a["ids"]
        for method, path, body in (("POST", "/api/v1/ask", {"question": "how many orders", "connection_id": ids["connection"]}),
                                   ("POST", "/api/v1/ask", {"question": "how many orders", "chat_id": ids["session"]}),
                                   ("POST", "/api/v1/queries/run", {"connection_id": ids["connection"], "sql": "SELECT 1"})):
            r = call(method, path, self.btoken, body)
            self.assertEqual(r.status, 404, (path, body, r.text))
        r = call("POST", "/api/v1/dashboards/%s/widgets" % self.b["ids"]["dashboard"], self.btoken,
                 {"title": "x", "query_id": ids["query"]})
        self.assertEqual(r.status, 422, r.text)
        r = call("POST", "/api/v1/queries", self.btoken, {"name": "x", "sql": "SELECT 1", "connection_id": ids["connection"]})
        self.assertEqual(r.status, 422, r.text)
        self.untouched(before)

    def test_no_token_or_a_cookie_is_401(self):
        before = fingerprint(self.a["ids"]["org"])
        bad = []
        cookie = self.a["admin"]  # signed in as A's admin
        csrf = dm.page_csrf(cookie)
        for method, pattern, least, name in routes(api=True):
            if least < 0:
                continue
            path = path_of(pattern, self.a["ids"])
            for label, token, headers in (("no token", None, None), ("malformed", "dm_x", None),
                                          ("basic", None, {"Authorization": "Basic YTpi"}),
                                          ("cookie", None, {"Cookie": cookie_header(cookie), "X-CSRF-Token": csrf})):
                r = send(method, path, token, headers)
                code = ((r.json or {}).get("error") or {}).get("code")
                if r.status != 401 or code != "unauthorized":
                    bad.append("%s %s (%s) with %s -> %d" % (method, pattern, name, label, r.status))
        self.assertEqual(bad, [], "\n".join(bad))
        self.untouched(before)


def cookie_header(client):
    return "; ".join("%s=%s" % (c.name, c.value) for c in client.jar)


if __name__ == "__main__":
    unittest.main()
