"""HTTP edges: path traversal under /static/, export file names from hostile
titles (no traversal, no header injection), oversized headers, bodies and
URLs, malformed multipart, NUL bytes, invalid UTF-8 in every register field —
then /healthz is 200 and no worker died."""
import http.client
import re
import socket
import time
import unittest
import urllib.parse

from common import UUID, build_world, dm, new_dashboard, upload

SAFE_NAME = re.compile(r'^attachment; filename="[A-Za-z0-9][A-Za-z0-9._-]*"(; filename\*=UTF-8\'\'[A-Za-z0-9%._-]+)?$')


def raw(request, timeout=20):
    """Send bytes as they are; return (status, headers+body bytes)."""
    u = urllib.parse.urlsplit(dm.BASE)
    s = socket.create_connection((u.hostname, u.port), timeout=timeout)
    try:
        s.sendall(request)
        data = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            data += chunk
    finally:
        s.close()
    m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return (int(m.group(1)) if m else 0), data


def host():
    return urllib.parse.urlsplit(dm.BASE).netloc.encode()


def get_raw_path(path):
    return raw(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: " + host() + b"\r\nConnection: close\r\n\r\n")


class TestHttp(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.web_children = dm.children(dm.pid_of("web")) if dm.pid_of("web") else []

    def test_static_traversal(self):
        secrets = [b"root:x:0:", b"DATAMIND_SECRET_KEY", b"#include", b"[core]", b"BEGIN PRIVATE KEY"]
        paths = ["/static/../../etc/passwd", "/static/../../../../../../etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
                 "/static/%2e%2e/%2e%2e/etc/passwd", "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                 "/static/%252e%252e/%252e%252e/etc/passwd", "/static/..%252f..%252fetc%252fpasswd",
                 "/static/..%5c..%5cetc%5cpasswd", "/static/..\\..\\etc\\passwd", "/static//etc/passwd",
                 "/static/%2fetc%2fpasswd", "/static/....//....//etc/passwd", "/static/vendor/../../src/main.c",
                 "/static/vendor/..%2f..%2fsrc%2fmain.c", "/static../src/main.c", "/static/vendor../../main.c",
                 "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/static/..%00/etc/passwd",
                 "/static/app.css%00.html", "/static/../datamind.env", "/static/../../var/datamind.env",
                 "/static/../.git/config", "/static/%2e%2e/%2e%2e/.git/config", "/static/errors/../../src/main.c",
                 "/static/..;/..;/etc/passwd", "/static/./../../etc/passwd", "/static/../../../" + dm.VAR.lstrip("/") +
                 "/datamind.env", "/%2e%2e/%2e%2e/etc/passwd", "/uploads/..%2f..%2f..%2fetc%2fpasswd",
                 "/favicon.ico/../../etc/passwd"]
        bad = []
        for p in paths:
            status, data = get_raw_path(p)
            if status >= 500 or status == 0:
                bad.append("%s -> %d" % (p, status))
            for s in secrets:
                if s in data:
                    bad.append("%s served %r" % (p, s))
        self.assertEqual(bad, [], "\n".join(bad))
        self.assertEqual(get_raw_path("/static/app.css")[0], 200)

    def test_export_names_from_hostile_titles(self):
        c, _, _ = dm.register()
        shop = build_world.__globals__["new_connection"](c, "Shop")
        titles = ['../../x', '..\\..\\x', 'a"; filename="evil.exe', "x\r\nSet-Cookie: injected=1",
                  "x\nX-Injected: 1", "%0d%0aSet-Cookie:%20injected=1", "/etc/passwd", "report.csv\u202egpj.exe",
                  "Ümlaut ☃ 数据", "'quoted' `back` <b>", ".", "..", "   ", "x" * 300, "CON", "a/b\\c:d*e?f|g"]
        bad = []
        for t in titles:
            r = c.post("/queries", {"_csrf": dm.page_csrf(c, "/explore"), "name": t, "sql": "SELECT 1 AS one",
                                    "connection_id": shop, "shared": "1"})
            m = re.search(UUID, r.header("Location") or "")
            if r.status != 303 or not m:
                self.assertLess(r.status, 500, t)
                continue  # refused as a name: fine
            qid = m.group(0)
            for fmt in ("csv", "xlsx", "pdf"):
                e = c.get("/queries/%s/export?format=%s" % (qid, fmt))
                cd = e.header("Content-Disposition") or ""
                if e.status != 200:
                    bad.append("%r %s -> %d" % (t, fmt, e.status))
                    continue
                if not SAFE_NAME.match(cd) or ".." in cd or "/" in cd.split("filename")[1]:
                    bad.append("%r %s: Content-Disposition %r" % (t, fmt, cd))
                if e.headers.get_all("Set-Cookie") and any("injected" in x for x in e.headers.get_all("Set-Cookie")):
                    bad.append("%r: injected Set-Cookie" % t)
                if e.header("X-Injected"):
                    bad.append("%r: injected header" % t)
        did = new_dashboard(c, 'x"; filename="../../evil.exe')
        e = c.get("/dashboards/%s/export.pdf" % did)
        self.assertRegex(e.header("Content-Disposition") or "", SAFE_NAME)
        self.assertFalse(any("injected" in x for x in (e.headers.get_all("Set-Cookie") or [])))
        self.assertEqual(bad, [], "\n".join(bad))

    def test_hostile_upload_filenames(self):
        c, _, _ = dm.register()
        bad = []
        for name in ("../../../../tmp/dm-sec-evil.csv", "..\\..\\evil.csv", "a\"; name=\"_csrf.csv",
                     "/etc/passwd.csv", "x%0d%0aX-Injected: 1.csv", "nul\x01byte.csv", "😀.csv", "." * 300 + ".csv"):
            r = upload(c, name, "a,b\n1,2\n")
            if r.status >= 500 or r.header("X-Injected"):
                bad.append("%r -> %d" % (name, r.status))
            if r.status == 303:
                page = c.get(r.header("Location"))
                if page.status >= 500:
                    bad.append("%r upload page -> %d" % (name, page.status))
        import os
        self.assertFalse(os.path.exists("/tmp/dm-sec-evil.csv"))
        names = dm.psql("SELECT coalesce(string_agg(table_name, ' '), '') FROM uploads u JOIN organizations o "
                        "ON o.id = u.org_id")
        for t in names.split():
            self.assertRegex(t, r"^[a-z_][a-z0-9_]*$", "upload table name")
        self.assertEqual(bad, [], "\n".join(bad))

    def test_oversized_header(self):
        for size in (17 * 1024, 64 * 1024):
            status, _ = raw(b"GET /login HTTP/1.1\r\nHost: " + host() + b"\r\nX-Big: " + b"a" * size +
                            b"\r\nConnection: close\r\n\r\n")
            self.assertTrue(400 <= status < 500, (size, status))
        status, _ = raw(b"GET /login HTTP/1.1\r\nHost: " + host() + b"\r\nCookie: dm_session=" + b"a" * 20000 +
                        b"\r\nConnection: close\r\n\r\n")
        self.assertTrue(400 <= status < 500, status)
        many = b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 100) for i in range(1000))
        status, _ = raw(b"GET /login HTTP/1.1\r\nHost: " + host() + b"\r\n" + many + b"Connection: close\r\n\r\n")
        self.assertTrue(status == 200 or 400 <= status < 500, status)

    def test_big_form_is_413(self):
        c, _, _ = dm.register()
        body = urllib.parse.urlencode({"_csrf": dm.page_csrf(c), "action": "name", "full_name": "x" * (2 << 20)})
        r = c.post("/settings", body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(r.status, 413)
        anon = dm.Client()
        r = anon.post("/login", {"_csrf": dm.csrf_of(anon), "email": "a@b.c", "password": "p" * (2 << 20)})
        self.assertEqual(r.status, 413)

    def test_long_urls(self):
        status, _ = get_raw_path("/" + "a" * 10000)
        self.assertTrue(400 <= status < 500, status)
        status, data = get_raw_path("/dashboards/" + "a" * 10000)  # signed out: to sign in, or refused
        self.assertTrue(400 <= status < 500 or (status == 303 and b"Location: /login?next=" in data), status)
        status, _ = get_raw_path("/login?next=/" + "a" * 10000)
        self.assertTrue(status == 200 or 400 <= status < 500, status)
        status, _ = get_raw_path("/" + "a" * 20000)
        self.assertTrue(400 <= status < 500, status)

    def test_malformed_multipart(self):
        c, _, _ = dm.register()
        tok = dm.page_csrf(c, "/uploads")
        cases = [
            ("multipart/form-data", b"--x\r\n\r\n"),
            ("multipart/form-data; boundary=", b"----\r\n"),
            ("multipart/form-data; boundary=abc", b"garbage without any boundary"),
            ("multipart/form-data; boundary=abc", b"--abc\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" +
             tok.encode() + b"\r\n--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na,b\n1"),
            ("multipart/form-data; boundary=abc", b"--abc\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" +
             tok.encode() + b"\r\n--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\r\nX-Injected: 1\"\r\n\r\na,b\n1,2\r\n--abc--\r\n"),
            ("multipart/form-data; boundary=abc", b"--abc\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" +
             tok.encode() + b"\r\n--abc\r\n" + b"X-Long: " + b"h" * 100000 + b"\r\n\r\nx\r\n--abc--\r\n"),
            ("multipart/form-data; boundary=abc", b"--abc\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" +
             tok.encode() + b"\r\n" + b"--abc\r\nContent-Disposition: form-data\r\n\r\n\r\n" * 5000 + b"--abc--\r\n"),
            ("multipart/form-data; boundary=" + "b" * 5000, b"--" + b"b" * 5000 + b"--\r\n"),
            ("multipart/form-data; boundary=abc", b"--abc\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" +
             tok.encode() + b"\x00\xff\r\n--abc--\r\n"),
        ]
        bad = []
        for ctype, body in cases:
            r = c.post("/uploads", body, headers={"Content-Type": ctype})
            if r.status >= 500 or r.status == 0 or r.header("X-Injected"):
                bad.append("%s %r -> %d" % (ctype[:60], body[:60], r.status))
        # a Content-Length larger than the body: the server must not hang for ever or crash
        status, _ = raw(b"POST /uploads HTTP/1.1\r\nHost: " + host() + b"\r\nContent-Type: multipart/form-data; "
                        b"boundary=abc\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n--abc\r\n", timeout=90)
        if status >= 500 and status not in (504, 408):
            bad.append("short body -> %d" % status)
        self.assertEqual(bad, [], "\n".join(bad))
        self.assertEqual(dm.Client().get("/healthz").status, 200)

    def test_nul_bytes(self):
        c, _, _ = dm.register()
        r = c.post("/settings", "_csrf=%s&action=name&full_name=a%%00b" % dm.page_csrf(c),
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(r.status, 400)
        self.assertNotIn("a\x00b", dm.psql("SELECT full_name FROM users WHERE email = '%s'" % _email(c)))
        self.assertEqual(c.get("/chat?q=a%00b").status, 400)
        self.assertIn(c.get("/chat%00/x").status, (400, 404))
        status, _ = raw(b"GET /login HTTP/1.1\r\nHost: " + host() + b"\r\nX-Nul: a\x00b\r\nConnection: close\r\n\r\n")
        self.assertTrue(400 <= status < 500 or status == 200, status)
        status, _ = raw(b"GET /lo\x00gin HTTP/1.1\r\nHost: " + host() + b"\r\nConnection: close\r\n\r\n")
        self.assertTrue(400 <= status < 500, status)

    def test_invalid_utf8_in_every_register_field(self):
        fields = ("org_name", "org_slug", "full_name", "email", "password")
        bad = []
        for f in fields:
            for junk in ("%FF", "%C0%AF", "%ED%A0%80", "%F8%88%80%80%80", "a%80b", "%E2%82"):
                c = dm.Client()
                slug = dm.unique("utf")
                data = {"_csrf": dm.csrf_of(c, "/register"), "org_name": "Org", "org_slug": slug,
                        "full_name": "Name", "email": slug + "@example.com", "password": dm.PASSWORD}
                body = "&".join("%s=%s" % (k, (urllib.parse.quote(v) + junk) if k == f else urllib.parse.quote(v))
                                for k, v in data.items())
                r = c.post("/register", body, headers={"Content-Type": "application/x-www-form-urlencoded"})
                if r.status != 400:
                    bad.append("%s+%s -> %d" % (f, junk, r.status))
                if dm.psql("SELECT count(*) FROM organizations WHERE slug LIKE '%s%%'" % slug) != "0":
                    bad.append("%s+%s created the organization" % (f, junk))
        self.assertEqual(bad, [], "\n".join(bad))
        # in the query string and in a cookie
        self.assertEqual(dm.Client().get("/login?next=%FF").status, 400)
        r = dm.Client().get("/login", headers={"Cookie": "dm_session=\udcff".encode("utf-8", "surrogateescape")
                                                .decode("latin-1")})
        self.assertLess(r.status, 500)

    def test_zz_nothing_crashed(self):
        time.sleep(0.5)
        self.assertEqual(dm.Client().get("/healthz").status, 200)
        if self.web_children:
            self.assertEqual(dm.children(dm.pid_of("web")), self.web_children, "a web worker died and was replaced")


def _email(c):
    page = c.get("/settings").text
    m = re.search(r'value="([^"]+@example\.com)"', page)
    return m.group(1) if m else ""


if __name__ == "__main__":
    unittest.main()
