"""Rate limits: per user, with a friendly 429 that says when to retry."""
import contextlib
import os
import re
import signal
import subprocess
import time
import unittest

import dm
from test_chat import ask


@contextlib.contextmanager
def web_setting(name, value):
    """Run the block with the web workers reloaded (SIGHUP) under
    DATAMIND_<name>=value, and put the old settings back afterwards."""
    envfile = os.path.join(dm.VAR, "datamind.env")
    with open(envfile) as f:
        good = f.read()
    master = dm.pid_of("web")
    want = int(os.environ.get("DM_WORKERS", "2"))
    dm.wait_for(lambda: len(dm.children(master)) == want)
    try:
        with open(envfile, "w") as f:
            f.write(re.sub(r"DATAMIND_%s=\d+" % name, "DATAMIND_%s=%s" % (name, value), good))
        before = dm.children(master)
        os.kill(master, signal.SIGHUP)
        dm.wait_for(lambda: (lambda k: len(k) == want and not set(k) & set(before))(dm.children(master)), timeout=20)
        yield
    finally:
        with open(envfile, "w") as f:
            f.write(good)
        before = dm.children(master)
        os.kill(master, signal.SIGHUP)
        dm.wait_for(lambda: not set(dm.children(master)) & set(before), timeout=20)


class TestRateLimit(unittest.TestCase):
    def test_questions_limit(self):
        with web_setting("RATE_QUESTIONS", 3):
            c, _, _ = dm.register()  # a fresh user: nobody else counted against it
            # and a fresh address (127.0.0.1 is a trusted proxy in the test
            # stack, so its X-Forwarded-For names the client)
            xff = {"X-Forwarded-For": "10.77.%d.%d" % (os.getpid() % 250, int(time.time()) % 250)}
            def ask_from(q):
                return c.post("/chat", {"_csrf": dm.page_csrf(c, "/chat"), "message": q,
                                        "connection_id": dm.shop_connection_id()}, headers=xff)
            statuses = [ask_from("how many orders are there").status for _ in range(5)]
            self.assertNotIn(429, statuses[:3])
            self.assertEqual(statuses[3], 429)
            r = ask_from("how many orders are there")
            self.assertEqual(r.status, 429)
            self.assertTrue(r.header("Retry-After"))
            self.assertIn("Try again in", r.text)
            # another user is not affected by this user's limit
            other = dm.register()[0]
            r = other.post("/chat", {"_csrf": dm.page_csrf(other, "/chat"), "message": "how many orders",
                                     "connection_id": dm.shop_connection_id()},
                           headers={"X-Forwarded-For": "10.78.%d.1" % (os.getpid() % 250)})
            self.assertNotEqual(r.status, 429)

    def test_check_now_limit(self):
        """issue 19: "check now" had no rate limit (ten clicks, ten checks)."""
        with web_setting("RATE_CHECKS", 2):
            data = {"name": dm.unique("Limited"), "sql": "SELECT 1",
                    "connection_id": dm.shop_connection_id(), "condition": "above", "threshold": "5",
                    "interval_minutes": "60"}
            admin = dm.demo_client()  # the demo org owns the shop connection
            r = admin.post("/alerts", dict(data, _csrf=dm.page_csrf(admin, "/alerts/new")))
            self.assertEqual(r.status, 303)
            aid = r.header("Location").rsplit("/", 1)[1]
            # the demo admin's window may hold checks of other tests: start a new one
            sock = os.path.join(dm.VAR, "run", "redis.sock")
            keys = subprocess.run(["redis-cli", "-s", sock, "--scan", "--pattern", "*rl:checks:*"],
                                  capture_output=True, text=True, check=True).stdout.split()
            if keys:
                subprocess.run(["redis-cli", "-s", sock, "DEL"] + keys, capture_output=True, check=True)
            xff = {"X-Forwarded-For": "10.79.%d.%d" % (os.getpid() % 250, int(time.time()) % 250)}
            check = lambda: admin.post("/alerts/%s/check" % aid,
                                       {"_csrf": dm.page_csrf(admin, "/alerts/%s" % aid)}, headers=xff)
            statuses = [check().status for _ in range(3)]
            self.assertEqual(statuses[:2], [303, 303])
            self.assertEqual(statuses[2], 429)
            r = check()
            self.assertEqual(r.status, 429)
            self.assertTrue(r.header("Retry-After"))
            self.assertIn("more checks than DataMind allows in a minute (2)", r.text)



if __name__ == "__main__":
    unittest.main()
