"""Alerts with real Redis, PostgreSQL and worker processes: triggering and
notifying in-app, by webhook and by e-mail; exactly one value per slot even
when a runner is killed mid-check; dead letters retried from /admin/jobs."""
import html
import json
import os
import re
import signal
import time
import unittest

import dm
from sinks import Smtp, Webhook
from test_chat import ask

HOOK_PORT = int(os.environ.get("DM_HOOK_PORT", "18099"))
SMTP_PORT = int(os.environ.get("DM_SMTP_PORT", "18025"))


def create_alert(c, **fields):
    data = {"_csrf": dm.page_csrf(c, "/alerts/new"), "name": dm.unique("Alert"),
            "connection_id": dm.shop_connection_id(), "sql": "SELECT count(*) FROM orders",
            "condition": "above", "threshold": "1000", "interval_minutes": "60"}
    data.update(fields)
    r = c.post("/alerts", data)
    assert r.status == 303, (r.status, re.findall(r'field-error">([^<]*)', r.text))
    return r.header("Location").rsplit("/", 1)[1]


def check_now(c, aid):
    return c.post("/alerts/%s/check" % aid, {"_csrf": dm.page_csrf(c, "/alerts/%s" % aid)})


def values(aid):
    return int(dm.psql("SELECT count(*) FROM alert_values WHERE alert_id = '%s'" % aid))


class TestAlerts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.hook = Webhook(HOOK_PORT)
        cls.smtp = Smtp(SMTP_PORT)
        cls.c = dm.demo_client()

    @classmethod
    def tearDownClass(cls):
        cls.hook.close()
        cls.smtp.close()

    def test_trigger_notifies_in_app_webhook_and_email(self):
        aid = create_alert(self.c, webhook_url="http://127.0.0.1:%d/hook" % HOOK_PORT,
                           email_to="ops@example.com")
        check_now(self.c, aid)
        dm.wait_for(lambda: self.hook.received and self.smtp.messages, timeout=30)
        page = self.c.get("/alerts/%s" % aid).text
        self.assertIn('class="badge warn">triggered', page)
        self.assertIn("above the threshold 1000", page)
        self.assertTrue(any(aid in json.dumps(h) for h in self.hook.received), self.hook.received)
        hook = [h for h in self.hook.received if h["alert"]["id"] == aid][0]
        self.assertIn("text", hook)
        self.assertTrue(any("ops@example.com" in m and "triggered" in m for m in self.smtp.messages))
        notes = self.c.get("/notifications").text
        self.assertIn("Alert triggered", notes)
        self.assertIn('class="bell-count"', self.c.get("/chat").text)
        # still triggered: no second notification
        n_hooks = len(self.hook.received)
        check_now(self.c, aid)
        dm.wait_for(lambda: values(aid) >= 2, timeout=30)
        time.sleep(1.5)
        self.assertEqual(len([h for h in self.hook.received if h["alert"]["id"] == aid]), 1)
        # resolves once when the condition clears
        self.c.post("/alerts/%s" % aid, {"_csrf": dm.page_csrf(self.c, "/alerts/%s/edit" % aid),
                    "name": "Orders count", "connection_id": dm.shop_connection_id(),
                    "sql": "SELECT count(*) FROM orders", "condition": "above",
                    "threshold": "1000000", "interval_minutes": "60",
                    "webhook_url": "http://127.0.0.1:%d/hook" % HOOK_PORT})
        check_now(self.c, aid)
        dm.wait_for(lambda: any(h["alert"]["id"] == aid and h["alert"]["state"] == "resolved"
                                for h in self.hook.received), timeout=30)
        self.c.post("/notifications/read-all", {"_csrf": dm.page_csrf(self.c, "/notifications")})
        self.assertNotIn('class="bell-count"', self.c.get("/notifications/count").text)

    def test_new_alert_starts_from_a_saved_query_or_an_answer(self):
        shop = dm.shop_connection_id()
        name = dm.unique("Customers")
        qid = dm.save_query(self.c, name, "SELECT count(*) AS n FROM customers", shop)
        page = self.c.get("/alerts/new?query=%s" % qid).text
        self.assertIn('name="name" value="%s"' % name, page)
        self.assertIn(">SELECT count(*) AS n FROM customers</textarea>", page)
        self.assertIn('<option value="%s" selected>' % shop, page)
        # from a chat answer: its question names the alert, its SQL is the check
        r = ask(self.c, "how many customers")
        chat = self.c.get(r.header("Location")).text
        mid = re.findall(r'name="message_id" value="([0-9a-f-]{36})"', chat)[-1]
        sql = dm.psql("SELECT sql_text FROM chat_messages WHERE id = '%s'" % mid)
        self.assertTrue(sql)
        page = html.unescape(self.c.get("/alerts/new?message=%s" % mid).text)
        self.assertIn('name="name" value="how many customers"', page)
        self.assertIn(">%s</textarea>" % sql, page)
        # someone else's query or answer fills nothing
        other, _, _ = dm.register()
        page = other.get("/alerts/new?query=%s&message=%s" % (qid, mid)).text
        self.assertIn('name="name" value=""', page)
        self.assertNotIn("customers</textarea>", page)

    def test_errors_and_validation(self):
        aid = create_alert(self.c, sql="SELECT 'abc'")
        check_now(self.c, aid)
        dm.wait_for(lambda: values(aid) >= 1, timeout=30)
        self.assertIn("is not a number", self.c.get("/alerts/%s" % aid).text)
        aid = create_alert(self.c, sql="SELECT 1 WHERE false")
        check_now(self.c, aid)
        dm.wait_for(lambda: values(aid) >= 1, timeout=30)
        self.assertIn("returned no rows", self.c.get("/alerts/%s" % aid).text)
        bad = {"_csrf": dm.page_csrf(self.c, "/alerts/new"), "name": "x", "connection_id": dm.shop_connection_id(),
               "sql": "SELECT 1", "condition": "above", "threshold": "1"}
        for over, msg in (({"interval_minutes": "0"}, "1 to 1,440 minutes"),
                          ({"interval_minutes": "100000"}, "1 to 1,440 minutes"),
                          ({"interval_minutes": "5", "webhook_url": "http://198.51.100.7/x"}, "DATAMIND_WEBHOOK_ALLOW"),
                          ({"interval_minutes": "5", "condition": "above", "threshold": ""}, "needs a threshold")):
            d = dict(bad)
            d.update(over)
            r = self.c.post("/alerts", d)
            self.assertEqual(r.status, 400, over)
            self.assertIn(msg, r.text)

    def test_rows_and_change_conditions(self):
        aid = create_alert(self.c, sql="SELECT 1 FROM orders LIMIT 1", condition="rows", rows_expect="any",
                           threshold="")
        check_now(self.c, aid)
        dm.wait_for(lambda: values(aid) >= 1, timeout=30)
        self.assertIn("returned 1 row", self.c.get("/alerts/%s" % aid).text)

    def test_killed_runner_records_the_slot_once(self):
        aid = create_alert(self.c, sql="SELECT count(*) FROM generate_series(1, 40000000)")
        check_now(self.c, aid)
        admin = self.c
        runner = None
        for _ in range(100):
            page = admin.get("/admin/jobs").text
            m = re.search(r"<td>alert\.check</td><td>[^<]*:(\d+):\d+</td>", page)
            if m:
                runner = int(m.group(1))
                break
            time.sleep(0.1)
        self.assertIsNotNone(runner, "the check never showed as running")
        os.kill(runner, signal.SIGKILL)
        dm.wait_for(lambda: values(aid) >= 1, timeout=60)
        time.sleep(3)
        slots = dm.psql("SELECT slot, count(*) FROM alert_values WHERE alert_id = '%s' GROUP BY slot" % aid)
        for line in slots.splitlines():
            self.assertEqual(line.split("|")[1], "1", slots)
        self.assertEqual(int(dm.psql("SELECT count(*) FROM alert_events WHERE alert_id = '%s' AND kind = 'triggered'" % aid)), 1)

    def test_dead_letter_retry_from_jobs_page(self):
        self.hook.fail_first = 100
        aid = create_alert(self.c, webhook_url="http://127.0.0.1:%d/hook" % HOOK_PORT)
        check_now(self.c, aid)
        page = dm.wait_for(lambda: (lambda p: p if "notify.deliver" in p.split("Dead letters")[1].split("Recent")[0] else None)(
            self.c.get("/admin/jobs").text), timeout=120, step=1)
        self.assertTrue(page, "the failing delivery never reached the dead letters")
        self.assertIn("delivery_failed", self.c.get("/alerts/%s" % aid).text)
        self.hook.fail_first = 0
        dead = re.findall(r'action="/admin/jobs/([0-9a-f]+)/retry"', page)
        self.assertTrue(dead)
        for jid in dead:
            self.c.post("/admin/jobs/%s/retry" % jid, {"_csrf": dm.page_csrf(self.c, "/admin/jobs")})
        dm.wait_for(lambda: any(h["alert"]["id"] == aid for h in self.hook.received), timeout=30)

    def delivery_failures(self, aid):
        page = self.c.get("/alerts/%s" % aid).text
        return re.findall(r'danger">delivery_failed</span> ([^<]*)', page)

    def test_delivery_checks_the_address_again(self):
        """The allow-list holds at delivery, not only at save: a URL whose
        host now resolves outside DATAMIND_WEBHOOK_ALLOW (127.0.0.1/32 here)
        gets nothing, and the alert says why (issue 13, item 4)."""
        inside = Webhook(0, host="::1")
        try:
            aid = create_alert(self.c, webhook_url="http://127.0.0.1:%d/hook" % HOOK_PORT)
            # what a rebound name does after the save check: point at ::1
            dm.psql("UPDATE alerts SET webhook_url = 'http://[::1]:%d/hook' WHERE id = '%s'"
                    % (inside.port, aid))
            check_now(self.c, aid)
            failures = dm.wait_for(lambda: self.delivery_failures(aid), timeout=30)
            self.assertTrue(failures, "no delivery failure recorded; ::1 got %r" % inside.paths)
            self.assertIn("webhook refused: ::1 is not in DATAMIND_WEBHOOK_ALLOW", failures[0])
            self.assertEqual(inside.paths, [])
        finally:
            inside.close()

    def test_redirect_is_a_failed_delivery(self):
        moved = dm.unique("/moved-")
        self.hook.redirects[moved] = "http://127.0.0.1:%d/hook" % HOOK_PORT
        aid = create_alert(self.c, webhook_url="http://127.0.0.1:%d%s" % (HOOK_PORT, moved))
        check_now(self.c, aid)
        failures = dm.wait_for(lambda: self.delivery_failures(aid), timeout=30)
        self.assertTrue(failures)
        self.assertIn("webhook answered HTTP 302, a redirect to", failures[0])
        self.assertIn("DataMind does not follow redirects", failures[0])
        self.assertIn(moved, self.hook.paths)
        self.assertFalse([h for h in self.hook.received if h["alert"]["id"] == aid])

    def test_cross_org_and_roles(self):
        aid = create_alert(self.c)
        intruder, slug, _ = dm.register()
        t = dm.page_csrf(intruder, "/alerts")
        for method, path in (("GET", "/alerts/%s" % aid), ("GET", "/alerts/%s/edit" % aid),
                             ("POST", "/alerts/%s/toggle" % aid), ("POST", "/alerts/%s/check" % aid),
                             ("POST", "/alerts/%s/delete" % aid), ("POST", "/alerts/%s/mute" % aid)):
            r = intruder.request(method, path, data={"_csrf": t} if method == "POST" else None)
            self.assertEqual(r.status, 404, path)
        dm.add_user(intruder, "v-%s@example.com" % slug, "viewer")
        v, _ = dm.login("v-%s@example.com" % slug)
        self.assertEqual(v.get("/alerts").status, 200)
        self.assertEqual(v.get("/alerts/new").status, 403)
        self.assertEqual(v.get("/admin/jobs").status, 403)

    def test_pages_show_what_was_saved(self):
        """The alert's numbers, flags and value reach the pages and the
        webhook as they were saved: the form, the alert page, the list."""
        aid = create_alert(self.c, name=dm.unique("Shown"), threshold="0.1", anomaly_k="2.5",
                           anomaly_n="30", interval_minutes="15",
                           webhook_url="http://127.0.0.1:%d/hook" % HOOK_PORT)
        form = self.c.get("/alerts/%s/edit" % aid).text
        for v in ('name="threshold" value="0.1"', 'name="anomaly_k" value="2.5"',
                  'name="anomaly_n" value="30"', 'name="interval_minutes" value="15"',
                  'value="http://127.0.0.1:%d/hook"' % HOOK_PORT):
            self.assertIn(v, form)
        page = self.c.get("/alerts/%s" % aid).text
        self.assertIn("every 15 min · last checked never", page)
        self.assertIn('class="badge ok">ok', page)
        check_now(self.c, aid)
        dm.wait_for(lambda: any(h["alert"]["id"] == aid for h in self.hook.received), timeout=30)
        last = dm.psql("SELECT last_value FROM alerts WHERE id = '%s'" % aid)
        hook = [h for h in self.hook.received if h["alert"]["id"] == aid][0]
        self.assertEqual(hook["alert"]["value"], last)  # the number as text, as it always was
        page = self.c.get("/alerts/%s" % aid).text
        self.assertIn('<span class="big-value">%s</span>' % last, page)
        self.assertIn('<span class="badge warn">triggered</span>', page)
        self.assertRegex(page, r'<span class="badge warn">triggered</span> [^<]*, above the threshold 0\.1 ')
        # the bell: one unread notification linking to the alert, read on its own
        nid = dm.psql("SELECT id FROM notifications WHERE alert_id = '%s'" % aid)
        notes = self.c.get("/notifications").text
        item = notes.split('action="/notifications/%s/read"' % nid, 1)
        self.assertEqual(len(item), 2, notes)
        self.assertTrue(item[0].endswith('<li class="card unread">\n    <form method="post" '), item[0][-80:])
        self.assertIn('name="next" value="/alerts/%s"' % aid, item[1].split("</li>", 1)[0])
        r = self.c.post("/notifications/%s/read" % nid, {"_csrf": dm.page_csrf(self.c, "/notifications"),
                                                         "next": "/alerts/%s" % aid})
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").endswith("/alerts/%s" % aid), r.header("Location"))
        notes = self.c.get("/notifications").text
        self.assertTrue(notes.split('action="/notifications/%s/read"' % nid, 1)[0]
                        .endswith('<li class="card">\n    <form method="post" '))
        # muted and turned off: the page and the list say so
        t = dm.page_csrf(self.c, "/alerts/%s" % aid)
        self.assertEqual(self.c.post("/alerts/%s/mute" % aid, {"_csrf": t, "minutes": "60"}).status, 303)
        self.assertEqual(self.c.post("/alerts/%s/toggle" % aid, {"_csrf": t}).status, 303)
        page = self.c.get("/alerts/%s" % aid).text
        self.assertIn('<span class="badge">off</span><span class="badge">muted until ', page)
        self.assertIn("Turn on", page)
        row = self.c.get("/alerts").text.split('href="/alerts/%s"' % aid, 1)[1].split("</tr>", 1)[0]
        self.assertIn('<span class="badge">off</span> <span class="badge">muted</span>', row)
        self.assertIn('<td class="num">%s</td>' % last, row)
        self.assertIn("<td>15 min</td>", row)


if __name__ == "__main__":
    unittest.main()
