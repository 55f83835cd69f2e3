"""Rate limits: per user, with a friendly 429 that says when to retry."""
import os
import re
import signal
import time
import unittest

import dm
from test_chat import ask


class TestRateLimit(unittest.TestCase):
    def test_questions_limit(self):
        envfile = os.path.join(dm.VAR, "datamind.env")
        with open(envfile) as f:
            good = f.read()
        master = dm.pid_of("web")
        try:
            with open(envfile, "w") as f:
                f.write(re.sub(r"DATAMIND_RATE_QUESTIONS=\d+", "DATAMIND_RATE_QUESTIONS=3", good))
            before = dm.children(master)
            os.kill(master, signal.SIGHUP)
            dm.wait_for(lambda: not set(dm.children(master)) & set(before), timeout=20)
            c, _, _ = dm.register()  # a fresh user: nobody else counted against it
            statuses = [ask(c, "how many orders are there").status for _ in range(5)]
            self.assertNotIn(429, statuses[:3])
            self.assertEqual(statuses[3], 429)
            r = ask(c, "how many orders are there")
            self.assertEqual(r.status, 429)
            self.assertTrue(r.header("Retry-After"))
            self.assertIn("Try again in", r.text)
            # another user is not affected by this user's limit
            self.assertNotEqual(ask(dm.register()[0], "how many orders").status, 429)
        finally:
            with open(envfile, "w") as f:
                f.write(good)
            before = dm.children(master)
            os.kill(master, signal.SIGHUP)
            dm.wait_for(lambda: not set(dm.children(master)) & set(before), timeout=20)


if __name__ == "__main__":
    unittest.main()
