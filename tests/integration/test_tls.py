"""HTTPS (issue 20, part 4): `DM_TLS=1 scripts/devstack start` serves the
site with nginx/snippets/datamind-tls.conf and a throw-away certificate;
the http port only redirects; cookies are Secure and __Host- prefixed;
HSTS only over TLS; TLS 1.0/1.1 refused. A second private stack of its own
(the suite's stack stays on http)."""
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import unittest

import dm
from test_llm_chat import free_port


def set_cookies(resp):
    return resp.headers.get_all("Set-Cookie") or []


class TlsStackTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.var = tempfile.mkdtemp(prefix="dm-tls-")
        os.chmod(cls.var, 0o755)
        cls.http_port, cls.https_port = free_port(), free_port()
        cls.env = dict(os.environ, DM_VAR=cls.var, DM_TLS="1", DM_HTTP_PORT=str(cls.http_port),
                       DM_HTTPS_PORT=str(cls.https_port), DM_PG_PORT=str(free_port()),
                       # its own MariaDB and ClickHouse too: the suite's stack holds theirs
                       DM_MYSQL_PORT=str(free_port()), DM_CH_PORT=str(free_port()),
                       DM_WORKERS="1")
        out = subprocess.run([os.path.join(dm.ROOT, "scripts", "devstack"), "start"],
                             env=cls.env, capture_output=True, text=True, timeout=180)
        if out.returncode != 0:
            cls.tearDownClass()
            raise RuntimeError("DM_TLS=1 devstack start failed:\n" + out.stdout + out.stderr)
        cls.base = "https://127.0.0.1:%d" % cls.https_port
        cls.ctx = ssl.create_default_context(cafile=os.path.join(cls.var, "tls", "datamind.crt"))

    @classmethod
    def tearDownClass(cls):
        subprocess.run([os.path.join(dm.ROOT, "scripts", "devstack"), "stop"], env=cls.env,
                       capture_output=True, timeout=120)
        shutil.rmtree(cls.var, ignore_errors=True)

    def client(self):
        return dm.Client(self.base, ssl_context=self.ctx)

    def test_http_port_redirects_to_https(self):
        r = dm.Client("http://127.0.0.1:%d" % self.http_port).get("/login?next=%2Fchat")
        self.assertEqual(r.status, 301)
        self.assertEqual(r.header("Location"), self.base + "/login?next=%2Fchat")
        self.assertIsNone(r.header("Strict-Transport-Security"))
        self.assertIsNone(r.header("Set-Cookie"))   # the app never answered over http

    def test_sign_in_over_https_gets_secure_cookies(self):
        c = self.client()
        r = c.get("/login")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Strict-Transport-Security"), "max-age=31536000")
        pre = [h for h in set_cookies(r) if h.startswith("__Host-dm_pre=")]
        self.assertEqual(len(pre), 1, set_cookies(r))
        self.assertIn("; Secure", pre[0])
        self.assertIn("; HttpOnly", pre[0])
        self.assertIn("Path=/", pre[0])
        self.assertNotIn("Domain=", pre[0])
        c, slug, email = dm.register(client=c)
        r = c.post("/logout", {"_csrf": dm.page_csrf(c)})
        self.assertEqual(r.status, 303)
        c2 = self.client()
        c2, r = dm.login(email, client=c2)
        self.assertEqual(r.status, 303)
        sess = [h for h in set_cookies(r) if h.startswith("__Host-dm_session=")]
        self.assertEqual(len(sess), 1, set_cookies(r))
        for attr in ("; Secure", "; HttpOnly", "SameSite=Lax", "Path=/"):
            self.assertIn(attr, sess[0])
        self.assertIsNone(c2.cookie("dm_session"))
        page = c2.get("/settings")
        self.assertEqual(page.status, 200)
        self.assertIn(email, page.text)
        # a POST with this site's https Origin passes the CSRF check
        r = c2.post("/settings", {"_csrf": page.form_value("_csrf"), "action": "theme",
                                  "theme": "dark"}, headers={"Origin": self.base})
        self.assertEqual(r.status, 303)
        # under https only the __Host- cookie is read: the same value under
        # the plain-http name signs nobody in
        value = c2.cookie("__Host-dm_session")
        r = self.client().get("/settings", headers={"Cookie": "dm_session=" + value})
        self.assertIn(r.status, (302, 303))
        r = self.client().get("/settings", headers={"Cookie": "__Host-dm_session=" + value})
        self.assertEqual(r.status, 200)

    def test_static_files_carry_hsts_too(self):
        r = self.client().get("/static/app.css")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Strict-Transport-Security"), "max-age=31536000")

    def test_modern_protocols_only(self):
        with socket.create_connection(("127.0.0.1", self.https_port)) as raw:
            with self.ctx.wrap_socket(raw, server_hostname="127.0.0.1") as s:
                self.assertIn(s.version(), ("TLSv1.2", "TLSv1.3"))
        old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        old.check_hostname = False
        old.verify_mode = ssl.CERT_NONE
        old.minimum_version = ssl.TLSVersion.TLSv1
        old.maximum_version = ssl.TLSVersion.TLSv1_1
        old.set_ciphers("ALL:@SECLEVEL=0")
        with socket.create_connection(("127.0.0.1", self.https_port)) as raw:
            with self.assertRaises(ssl.SSLError):
                old.wrap_socket(raw, server_hostname="127.0.0.1").close()


if __name__ == "__main__":
    unittest.main()
