"""apiclient.py — what the API tests share (tests/integration/test_api.py,
tests/security/test_api_security.py): personal tokens made on the settings
page, JSON requests with a bearer token and no cookies, and the /api/v1
routes of src/pages/routes.c."""
import html
import json
import os
import re
import time
import urllib.error
import urllib.request

import dm


def make_token(client, name="script", days="30"):
    """A new token through Settings (as a person would): the token."""
    r = client.post("/settings", {"_csrf": dm.page_csrf(client), "action": "token_create",
                                  "token_name": name, "expires_days": days})
    assert r.status == 200, (r.status, r.text[:1500])
    m = re.search(r'id="new-token" value="(dm_[A-Za-z0-9_-]{43})"', r.text)
    assert m, r.text[:3000]
    return html.unescape(m.group(1))


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8", "replace")
        try:
            self.json = json.loads(self.text) if self.text else None
        except ValueError:
            self.json = None

    def header(self, name):
        return self.headers.get(name)


def call(method, path, token=None, body=None, headers=None, raw=None, timeout=60):
    """One request to the API, no cookie jar: a Reply."""
    hdrs = {"User-Agent": "dm-api-test", "Accept": "application/json"}
    if token:
        hdrs["Authorization"] = "Bearer " + token
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        hdrs["Content-Type"] = "application/json"
    if raw is not None:
        data = raw
    hdrs.update(headers or {})
    req = urllib.request.Request(dm.BASE + path, data=data, method=method, headers=hdrs)
    opener = urllib.request.build_opener(dm.NoRedirect)
    try:
        with opener.open(req, timeout=timeout) as r:
            return Reply(r.status, r.headers, r.read())
    except urllib.error.HTTPError as e:
        return Reply(e.code, e.headers, e.read())


def upload(token, name, data, **fields):
    """POST /api/v1/uploads as multipart/form-data: a Reply."""
    boundary = "----dmapi%d" % int(time.time() * 1e6)
    parts = []
    for k, v in fields.items():
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, k, v)).encode())
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n" % (boundary, name)).encode())
    parts.append(data.encode() if isinstance(data, str) else data)
    parts.append(("\r\n--%s--\r\n" % boundary).encode())
    return call("POST", "/api/v1/uploads", token, raw=b"".join(parts),
                headers={"Content-Type": "multipart/form-data; boundary=" + boundary})


def settle(reply, token, timeout=120):
    """Poll a 202's status_url until it is not 202 any more."""
    deadline = time.time() + timeout
    while reply.status == 202 and time.time() < deadline:
        time.sleep(0.3)
        reply = call("GET", reply.json["status_url"], token)
    return reply


def api_routes():
    """[(method, pattern, least role rank, name)] of the /api/v1 routes of routes.c."""
    rank = {"ROLE_NONE": -1, "ROLE_VIEWER": 0, "ROLE_ANALYST": 1, "ROLE_ADMIN": 2}
    with open(os.path.join(dm.ROOT, "src", "pages", "routes.c")) as f:
        text = f.read()
    out = [(m, p, rank[role], name) for m, p, role, name in
           re.findall(r'\{\s*"(GET|POST|PUT|PATCH|DELETE)",\s*"(/api/v1[^"]*)",\s*(ROLE_\w+),\s*\w+,\s*"(\w+)"', text)]
    assert len(out) >= 30, "routes.c could not be parsed (%d API routes)" % len(out)
    return out
