"""Server-side requests an analyst can aim: an alert's webhook. The host
allow-list (DATAMIND_WEBHOOK_ALLOW, 127.0.0.1/32 on the test stack) holds
at delivery, not only when the alert is saved: a host that now resolves
elsewhere (DNS rebinding) gets nothing, and neither does the target of a
redirect from an allowed host. The stand-in for "elsewhere" is a receiver
on [::1], which the list does not allow (issue 13, item 4)."""
import re
import unittest

from common import dm
from sinks import Webhook
from test_alerts import check_now, create_alert


def delivery_failures(c, aid):
    page = c.get("/alerts/%s" % aid).text
    return re.findall(r'danger">delivery_failed</span> ([^<]*)', page)


class TestWebhookSsrf(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        cls.inside = Webhook(0, host="::1")
        cls.outside = Webhook(0)

    @classmethod
    def tearDownClass(cls):
        cls.inside.close()
        cls.outside.close()

    def test_rebound_host_is_checked_at_delivery(self):
        aid = create_alert(self.c, webhook_url="http://127.0.0.1:%d/ok" % self.outside.port)
        dm.psql("UPDATE alerts SET webhook_url = 'http://[::1]:%d/steal' WHERE id = '%s'"
                % (self.inside.port, aid))
        check_now(self.c, aid)
        failures = dm.wait_for(lambda: delivery_failures(self.c, aid), timeout=30)
        self.assertTrue(failures, "nothing refused; [::1] got %r" % self.inside.paths)
        self.assertIn("::1 is not in DATAMIND_WEBHOOK_ALLOW", failures[0])
        self.assertEqual(self.inside.paths, [])

    def test_redirect_from_an_allowed_host_is_not_followed(self):
        path = dm.unique("/bounce-")
        self.outside.redirects[path] = "http://[::1]:%d/steal" % self.inside.port
        aid = create_alert(self.c, webhook_url="http://127.0.0.1:%d%s" % (self.outside.port, path))
        check_now(self.c, aid)
        failures = dm.wait_for(lambda: delivery_failures(self.c, aid), timeout=30)
        self.assertTrue(failures)
        self.assertIn("does not follow redirects", failures[0])
        self.assertIn(path, self.outside.paths)
        self.assertEqual(self.inside.paths, [])


if __name__ == "__main__":
    unittest.main()
