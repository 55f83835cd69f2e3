"""Foundation: the stack answers through nginx; workers are replaced when
they die; SIGTERM drains; health reflects the servers; errors are pages."""
import json
import os
import signal
import subprocess
import threading
import time
import unittest

import dm


class TestFoundation(unittest.TestCase):
    def setUp(self):
        self.c = dm.Client()

    def test_healthz_ok(self):
        r = self.c.get("/healthz")
        self.assertEqual(r.status, 200)
        self.assertEqual(json.loads(r.text), {"status": "ok", "database": "ok", "redis": "ok"})
        self.assertIsNotNone(r.header("X-Request-Id"))

    def test_redis_listens_on_its_unix_socket_only(self):
        """No passwordless TCP port: Redis has no password, so a loopback
        port would let any local user read and write the job queue."""
        sock = os.path.join(dm.VAR, "run", "redis.sock")
        out = subprocess.run(["redis-cli", "-s", sock, "CONFIG", "GET", "port"], capture_output=True,
                             text=True, check=True).stdout.split()
        self.assertEqual(out, ["port", "0"])
        pid = dm.pid_of("redis")
        listening = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True).stdout
        self.assertNotIn("pid=%d," % pid, listening, "Redis holds a TCP port")

    def test_healthz_503_when_redis_down(self):
        pid = dm.pid_of("redis")
        self.assertIsNotNone(pid)
        dm.kill(pid, signal.SIGTERM)
        try:
            r = dm.wait_for(lambda: (lambda x: x if x.status == 503 else None)(self.c.get("/healthz")))
            self.assertEqual(r.status, 503)
            self.assertEqual(json.loads(r.text)["redis"], "down")
            # pages that need no Redis still render
            self.assertEqual(self.c.get("/login").status, 200)
        finally:
            out = dm.devstack("start")
            self.assertEqual(out.returncode, 0, out.stderr)
        r = dm.wait_for(lambda: (lambda x: x if x.status == 200 else None)(self.c.get("/healthz")))
        self.assertEqual(r.status, 200)

    def test_postgres_down_is_503_not_signed_out_or_404(self):
        admin = dm.register()[0]
        from test_dashboards import new_dashboard
        dash = new_dashboard(admin, "Outage board")
        with open(os.path.join(dm.VAR, "pg", "postmaster.pid")) as f:
            postmaster = int(f.readline())
        dm.kill(postmaster, signal.SIGINT)  # fast shutdown: ends every session
        try:
            dm.wait_for(lambda: json.loads(self.c.get("/healthz").text)["database"] == "down")
            for path in ("/", "/dashboards/" + dash, "/dashboards/" + dash + "/widgets/"
                         "00000000-0000-0000-0000-000000000000"):
                r = admin.get(path)
                self.assertEqual(r.status, 503, path)
                self.assertIn("cannot reach its database", r.text)
        finally:
            out = dm.devstack("start")
            self.assertEqual(out.returncode, 0, out.stderr)
        dm.wait_for(lambda: self.c.get("/healthz").status == 200)
        # the session outlived the outage, and a missing dashboard is a 404 again
        self.assertEqual(admin.get("/dashboards/" + dash).status, 200)
        self.assertEqual(admin.get("/dashboards/00000000-0000-0000-0000-000000000000").status, 404)

    @unittest.skipUnless(os.geteuid() == 0, "the servers' user exists only when run as root")
    def test_devstack_start_leaves_the_database_files_alone(self):
        # Starting again (as after an outage) gives the servers' user only the
        # paths devstack made; a chown -R over PostgreSQL's files raced with a
        # server removing its postmaster.pid and failed the start.
        marker = os.path.join(dm.VAR, "pg", "dm-test-not-devstacks")
        open(marker, "w").close()  # root's, inside the running server's files
        try:
            out = dm.devstack("start")
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertEqual(os.stat(marker).st_uid, 0)
            self.assertEqual(os.stat(os.path.join(dm.VAR, "pg")).st_uid, os.stat(dm.VAR).st_uid)
        finally:
            os.remove(marker)

    def test_404_page(self):
        r = self.c.get("/no/such/page")
        self.assertEqual(r.status, 404)
        self.assertIn("Page not found", r.text)
        self.assertIn('class="error-code"', r.text)

    def test_405_page(self):
        r = self.c.request("DELETE", "/login")
        self.assertEqual(r.status, 405)

    def test_login_page_renders(self):
        r = self.c.get("/login")
        self.assertEqual(r.status, 200)
        self.assertIn("<title>Sign in · DataMind</title>", r.text)
        self.assertIn('href="/static/app.css"', r.text)
        self.assertIn('hx-boost="true"', r.text)
        csp = r.header("Content-Security-Policy")
        self.assertIn("default-src 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")

    def test_static_file_and_htmx(self):
        r = self.c.get("/static/app.css")
        self.assertEqual(r.status, 200)
        self.assertIn("--accent", r.text)
        self.assertIn("max-age", r.header("Cache-Control"))
        r = self.c.get("/static/vendor/htmx.min.js")
        self.assertEqual(r.status, 200)
        self.assertIn("htmx", r.text[:2000])

    def test_gzip(self):
        r = self.c.get("/static/app.css", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(r.header("Content-Encoding"), "gzip")

    def test_home_redirects_to_login(self):
        r = self.c.get("/")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/login")

    def test_bad_query_encoding_is_400(self):
        r = self.c.get("/login?next=%00")
        self.assertEqual(r.status, 400)

    def test_metrics_from_loopback(self):
        self.c.get("/login")
        r = self.c.get("/metrics")
        self.assertEqual(r.status, 200)
        self.assertIn('datamind_http_requests_total{route="login",status="2xx"}', r.text)
        self.assertIn("datamind_http_request_duration_seconds_bucket", r.text)
        self.assertIn("datamind_worker_restarts_total", r.text)

    def test_killed_worker_is_replaced(self):
        master = dm.pid_of("web")
        want = int(os.environ.get("DM_WORKERS", "2"))
        before = dm.wait_for(lambda: (lambda k: k if len(k) == want else None)(dm.children(master)))
        self.assertGreaterEqual(len(before), 1)
        dm.kill(before[0], signal.SIGKILL)
        after = dm.wait_for(lambda: (lambda k: k if len(k) == len(before) and before[0] not in k
                                     else None)(dm.children(master)))
        self.assertTrue(after, "the killed worker was not replaced")
        self.assertNotIn(before[0], after)
        for _ in range(10):
            self.assertEqual(self.c.get("/login").status, 200)
        m = self.c.get("/metrics").text
        restarts = [l for l in m.splitlines() if l.startswith("datamind_worker_restarts_total")]
        self.assertTrue(restarts and int(restarts[0].split()[1]) >= 1)

    def test_sigterm_under_load_loses_nothing_in_flight(self):
        """Requests that reached a worker all complete; only connections
        nginx could not open after the socket closed may fail (502)."""
        errlog = os.path.join(dm.VAR, "log", "nginx-error.log")
        start_size = os.path.getsize(errlog) if os.path.exists(errlog) else 0
        results = []
        stop = threading.Event()

        def hammer():
            c = dm.Client()
            while not stop.is_set():
                results.append(c.get("/login").status)

        threads = [threading.Thread(target=hammer) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        master = dm.pid_of("web")
        os.kill(master, signal.SIGTERM)
        dm.wait_for(lambda: not os.path.exists("/proc/%d" % master), timeout=30)
        time.sleep(0.3)
        stop.set()
        for t in threads:
            t.join()
        out = dm.devstack("start")
        self.assertEqual(out.returncode, 0, out.stderr)
        with open(errlog) as f:
            f.seek(start_size)
            log = f.read()
        lost = [l for l in log.splitlines()
                if "prematurely closed" in l or "reset by peer" in l or "upstream timed out" in l]
        self.assertEqual(lost, [], "in-flight requests were cut off")
        ok = results.count(200)
        refused = len(results) - ok
        self.assertGreater(ok, 50)
        not_accepted = log.count("connect() to unix:")
        self.assertLessEqual(refused, not_accepted,
                             "%d failed but only %d were refused at connect" % (refused, not_accepted))
        self.assertEqual(dm.Client().get("/healthz").status, 200)


if __name__ == "__main__":
    unittest.main()


class TestReload(unittest.TestCase):
    def test_sighup_replaces_workers_and_bad_config_keeps_them(self):
        master = dm.pid_of("web")
        want = int(os.environ.get("DM_WORKERS", "2"))
        # the master starts its workers one at a time: let them all be up
        before = dm.wait_for(lambda: (lambda k: k if len(k) == want else None)(dm.children(master)))
        self.assertTrue(before)
        os.kill(master, signal.SIGHUP)
        after = dm.wait_for(lambda: (lambda k: k if len(k) == want and not set(k) & set(before)
                                     else None)(dm.children(master)), timeout=20)
        self.assertTrue(after, "workers were not replaced on SIGHUP")
        self.assertEqual(dm.Client().get("/login").status, 200)
        envfile = os.path.join(dm.VAR, "datamind.env")
        with open(envfile) as f:
            good = f.read()
        try:
            with open(envfile, "a") as f:
                f.write("DATAMIND_NO_SUCH_SETTING=1\n")
            os.kill(master, signal.SIGHUP)
            time.sleep(1.5)
            self.assertEqual(dm.children(master), after, "a broken config must keep the old workers")
            with open(os.path.join(dm.VAR, "log", "web.log")) as f:
                self.assertIn("reload refused", f.read())
            self.assertEqual(dm.Client().get("/login").status, 200)
        finally:
            with open(envfile, "w") as f:
                f.write(good)
