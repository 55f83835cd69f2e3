"""Scheduled reports (issue 15, item 6): a dashboard's PDF and a saved
query's CSV e-mailed daily or weekly by the job worker through the alerts'
SMTP sender to a local SMTP sink; status (last sent, last error, next run)
on the page; "Send now"; a failed send recorded and retried; a runner
killed mid-run neither loses nor duplicates the e-mail; addresses
validated; another organization can neither see nor trigger a schedule."""
import email
import email.policy
import os
import re
import signal
import subprocess
import time
import unittest

import dm
from sinks import Smtp
from test_dashboards import add_sql_widget, new_dashboard
from test_ratelimit import web_setting

SMTP_PORT = int(os.environ.get("DM_SMTP_PORT", "18025"))


def schedule(client, path, recipients, frequency="daily", weekday="1", hour="7"):
    return client.post(path + "/reports", {"_csrf": dm.page_csrf(client, path), "recipients": recipients,
                                           "frequency": frequency, "weekday": weekday, "hour": hour})


def report_of(target_id):
    return dm.psql("SELECT id FROM report_schedules WHERE dashboard_id::text = '%s' OR query_id::text = '%s' "
                   "ORDER BY created_at DESC LIMIT 1" % (target_id, target_id))


def due_now(rid):
    dm.psql("UPDATE report_schedules SET next_run_at = now() - interval '1 second' WHERE id = '%s'" % rid)


def send_now(client, rid, back):
    return client.post("/reports/%s/send" % rid, {"_csrf": dm.page_csrf(client, back)})


def card(page, rid):
    m = re.search(r'<li id="report-%s">(.*?)</li>' % rid, page, re.S)
    return m.group(1) if m else ""


class TestReports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.smtp = Smtp(SMTP_PORT)
        cls.c = dm.demo_client()

    @classmethod
    def tearDownClass(cls):
        cls.smtp.close()

    def mails(self, rid):
        out = []
        for raw in list(self.smtp.messages):
            if "report-%s-" % rid in raw:
                out.append(email.message_from_string(raw, policy=email.policy.default))
        return out

    def attachment(self, msg):
        parts = [p for p in msg.iter_attachments()]
        self.assertEqual(len(parts), 1, "one attachment")
        return parts[0]

    def test_dashboard_pdf_due_now_is_delivered(self):
        did = new_dashboard(self.c, dm.unique("Weekly sales"))
        add_sql_widget(self.c, did, "SELECT 'north' AS region, 10 AS amount UNION ALL SELECT 'south', 20")
        r = schedule(self.c, "/dashboards/%s" % did, "boss@example.com, team@example.com", "weekly", "1", "7")
        self.assertEqual(r.status, 303)
        rid = report_of(did)
        self.assertTrue(rid)
        # the next run is the coming Monday 07:00 UTC
        self.assertEqual(dm.psql("SELECT extract(dow FROM next_run_at AT TIME ZONE 'UTC') || ' ' || "
                                 "extract(hour FROM next_run_at AT TIME ZONE 'UTC') || ' ' || "
                                 "(next_run_at > now() AND next_run_at <= now() + interval '7 days') "
                                 "FROM report_schedules WHERE id = '%s'" % rid), "1 7 true")
        self.assertEqual(dm.psql("SELECT count(*) FROM audit_log WHERE action = 'report.create' AND resource_id = '%s'" % rid), "1")
        page = self.c.get("/dashboards/%s" % did).text
        self.assertIn("every Monday at 07:00 UTC", card(page, rid))
        self.assertIn("Last sent: never", card(page, rid))
        due_now(rid)
        self.assertTrue(dm.wait_for(lambda: self.mails(rid), timeout=120, step=0.5), "no e-mail reached the sink")
        msg = self.mails(rid)[0]
        self.assertIn("boss@example.com", msg["To"])
        self.assertIn("team@example.com", msg["To"])
        self.assertIn("Weekly sales", str(msg["Subject"]))
        pdf = self.attachment(msg)
        self.assertEqual(pdf.get_content_type(), "application/pdf")
        body = pdf.get_content()
        self.assertEqual(body[:5], b"%PDF-")
        self.assertIn(b"%%EOF", body)
        # status on the page; the next run moved on; one delivery row, sent
        page = dm.wait_for(lambda: (lambda p: p if "Last sent: never" not in card(p, rid) else None)(
            self.c.get("/dashboards/%s" % did).text), timeout=30)
        self.assertTrue(page)
        self.assertRegex(card(page, rid), r"Last sent: \d{4}-\d\d-\d\d \d\d:\d\d UTC")
        self.assertEqual(dm.psql("SELECT next_run_at > now() FROM report_schedules WHERE id = '%s'" % rid), "t")
        self.assertEqual(dm.psql("SELECT count(*) || ' ' || count(sent_at) FROM report_deliveries "
                                 "WHERE schedule_id = '%s'" % rid), "1 1")
        self.assertEqual(len(self.mails(rid)), 1)

    def test_query_csv_by_send_now(self):
        qid = dm.save_query(self.c, dm.unique("Regions"), "SELECT id, name FROM regions ORDER BY id",
                            dm.shop_connection_id())
        r = schedule(self.c, "/queries/%s" % qid, "csv@example.com", "daily", "", "9")
        self.assertEqual(r.status, 303)
        rid = report_of(qid)
        page = self.c.get("/queries/%s" % qid).text
        self.assertIn("daily at 09:00 UTC", card(page, rid))
        self.assertEqual(send_now(self.c, rid, "/queries/%s" % qid).status, 303)
        self.assertTrue(dm.wait_for(lambda: self.mails(rid), timeout=120, step=0.5), "no e-mail reached the sink")
        part = self.attachment(self.mails(rid)[0])
        self.assertEqual(part.get_content_type(), "text/csv")
        self.assertTrue(part.get_filename().endswith(".csv"))
        text = part.get_content()
        text = text.decode() if isinstance(text, bytes) else text
        lines = text.replace("\ufeff", "").splitlines()
        self.assertEqual(lines[0], "id,name")
        self.assertEqual(len(lines) - 1, int(dm.psql("SELECT count(*) FROM regions", db="shop")))
        page = dm.wait_for(lambda: (lambda p: p if "Last sent: never" not in card(p, rid) else None)(
            self.c.get("/queries/%s" % qid).text), timeout=30)
        self.assertTrue(page, "the status never showed the delivery")
        # send now does not move the schedule's own next run
        self.assertEqual(dm.psql("SELECT extract(hour FROM next_run_at AT TIME ZONE 'UTC') FROM report_schedules "
                                 "WHERE id = '%s'" % rid), "9")

    def test_addresses_and_times_are_validated(self):
        did = new_dashboard(self.c, dm.unique("Validate"))
        path = "/dashboards/%s" % did
        bad = [("not-an-address", "daily", "1", "7"), ("a@b", "daily", "1", "7"), ("", "daily", "1", "7"),
               ("x@example.com\r\nBcc: evil@example.com", "daily", "1", "7"),
               ("x@example.com", "weekly", "9", "7"), ("x@example.com", "daily", "1", "24"),
               ("x@example.com", "hourly", "1", "7"),
               (", ".join("u%d@example.com" % i for i in range(21)), "daily", "1", "7")]
        for rcpt, freq, wd, hr in bad:
            r = schedule(self.c, path, rcpt, freq, wd, hr)
            self.assertEqual(r.status, 303)
            self.assertEqual(dm.psql("SELECT count(*) FROM report_schedules WHERE dashboard_id = '%s'" % did), "0",
                             (rcpt, freq, wd, hr))
        r = schedule(self.c, path, "not-an-address")
        self.assertIn("not an e-mail address", self.c.get(path).text)
        r = schedule(self.c, path, "a@example.com; A@example.com b@example.com")
        self.assertEqual(dm.psql("SELECT array_length(recipients, 1) FROM report_schedules WHERE dashboard_id = '%s'" % did), "2")

    def test_failed_send_is_recorded_and_retried(self):
        qid = dm.save_query(self.c, dm.unique("Retry"), "SELECT 1 AS one", dm.shop_connection_id())
        schedule(self.c, "/queries/%s" % qid, "retry@example.com")
        rid = report_of(qid)
        self.smtp.close()
        try:
            send_now(self.c, rid, "/queries/%s" % qid)
            page = dm.wait_for(lambda: (lambda p: p if "failed" in card(p, rid) else None)(
                self.c.get("/queries/%s" % qid).text), timeout=60, step=0.5)
            self.assertTrue(page, "the failure never showed")
            self.assertIn("e-mail failed", card(page, rid))
            self.assertIn("Last sent: never", card(page, rid))
        finally:
            type(self).smtp = Smtp(SMTP_PORT)
        self.assertTrue(dm.wait_for(lambda: self.mails(rid), timeout=120, step=0.5), "the retry never delivered")
        page = dm.wait_for(lambda: (lambda p: p if "Last sent: never" not in card(p, rid) else None)(
            self.c.get("/queries/%s" % qid).text), timeout=30)
        self.assertNotIn("failed", card(page, rid), "a success clears the error")
        self.assertEqual(dm.psql("SELECT attempts > 1 AND sent_at IS NOT NULL FROM report_deliveries "
                                 "WHERE schedule_id = '%s'" % rid), "t")

    def test_killed_runner_neither_loses_nor_duplicates(self):
        qid = dm.save_query(self.c, dm.unique("Slow"), "SELECT count(*) AS n FROM generate_series(1, 40000000)",
                            dm.shop_connection_id())
        schedule(self.c, "/queries/%s" % qid, "slow@example.com")
        rid = report_of(qid)
        due_now(rid)
        runner = None
        for _ in range(600):
            m = re.search(r"<td>report\.send</td><td>[^<]*:(\d+):\d+</td>", self.c.get("/admin/jobs").text)
            if m:
                runner = int(m.group(1))
                break
            time.sleep(0.1)
        self.assertIsNotNone(runner, "the report never showed as running")
        os.kill(runner, signal.SIGKILL)
        self.assertTrue(dm.wait_for(lambda: self.mails(rid), timeout=180, step=0.5), "the report was lost")
        self.assertTrue(dm.wait_for(lambda: dm.psql("SELECT count(sent_at) FROM report_deliveries WHERE "
                                                     "schedule_id = '%s'" % rid) == "1", timeout=30))
        self.assertEqual(dm.psql("SELECT count(*) FROM report_deliveries WHERE schedule_id = '%s'" % rid), "1")
        self.assertEqual(len(self.mails(rid)), 1, "sent twice")

    def test_send_now_is_rate_limited(self):
        qid = dm.save_query(self.c, dm.unique("Often"), "SELECT 1 AS one", dm.shop_connection_id())
        schedule(self.c, "/queries/%s" % qid, "often@example.com")
        rid = report_of(qid)
        with web_setting("RATE_CHECKS", 2):
            sock = os.path.join(dm.VAR, "run", "redis.sock")
            keys = subprocess.run(["redis-cli", "-s", sock, "--scan", "--pattern", "*rl:report sends:*"],
                                  capture_output=True, text=True, check=True).stdout.splitlines()
            if keys:
                subprocess.run(["redis-cli", "-s", sock, "DEL"] + keys, capture_output=True, check=True)
            codes = [send_now(self.c, rid, "/queries/%s" % qid).status for _ in range(4)]
        self.assertEqual(codes[:2], [303, 303])
        self.assertIn(429, codes, codes)

    def test_other_org_cannot_see_or_trigger(self):
        did = new_dashboard(self.c, dm.unique("Private report"), shared=True)
        schedule(self.c, "/dashboards/%s" % did, "secret-rcpt@example.com")
        rid = report_of(did)
        qid = dm.save_query(self.c, dm.unique("Q"), "SELECT 1", dm.shop_connection_id())
        intruder, _, _ = dm.register()
        tok = dm.page_csrf(intruder, "/settings")
        for path in ("/reports/%s/send" % rid, "/reports/%s/delete" % rid, "/dashboards/%s/reports" % did,
                     "/queries/%s/reports" % qid):
            r = intruder.post(path, {"_csrf": tok, "recipients": "x@example.com", "frequency": "daily",
                                     "hour": "1"})
            self.assertEqual(r.status, 404, path)
        self.assertEqual(dm.psql("SELECT count(*) FROM report_schedules WHERE id = '%s'" % rid), "1")
        self.assertEqual(dm.psql("SELECT count(*) FROM report_deliveries WHERE schedule_id = '%s'" % rid), "0")
        own = new_dashboard(intruder, "Mine")
        self.assertNotIn("secret-rcpt", intruder.get("/dashboards/%s" % own).text)
        # a viewer of the same organization neither sees nor sends it
        email_ = "viewer-%s@example.com" % dm.unique("rv")
        dm.add_user(self.c, email_, "viewer")
        viewer, _ = dm.login(email_)
        self.assertNotIn("secret-rcpt", viewer.get("/dashboards/%s" % did).text)
        self.assertEqual(viewer.post("/reports/%s/send" % rid, {"_csrf": dm.page_csrf(viewer)}).status, 403)
        # delete: gone from the page, audited
        r = self.c.post("/reports/%s/delete" % rid, {"_csrf": dm.page_csrf(self.c, "/dashboards/%s" % did)})
        self.assertEqual(r.status, 303)
        self.assertEqual(dm.psql("SELECT count(*) FROM report_schedules WHERE id = '%s'" % rid), "0")
        self.assertEqual(dm.psql("SELECT count(*) FROM audit_log WHERE action = 'report.delete' AND resource_id = '%s'" % rid), "1")


if __name__ == "__main__":
    unittest.main()
