"""Live updates through nginx's nchan module (a real nginx with
libnginx-mod-nchan, Redis as nchan's store): what is published reaches the
channel's subscriber; the bell is pushed to the user's channel when an alert
notifies and when notifications are read; an upload's progress and its end
are pushed to its page; nobody else may read a channel (403 from the auth
subrequest to `datamind web`)."""
import html
import http.client
import os
import re
import socket
import unittest

import dm
from live import Subscriber, channel_of
from test_alerts import check_now, create_alert
from test_chat import answers
from test_uploads import upload


def user_channel(email, slug="demo"):
    """A user's channel, from the database's ids: u.<org>.<user>."""
    row = dm.psql("SELECT o.id || '.' || u.id FROM users u JOIN organizations o ON o.id = u.org_id "
                  "WHERE o.slug = '%s' AND u.email = '%s'" % (slug, email))
    return "u." + row


def publish(channel, event, html):
    """What live_publish does: POST to nchan's publisher on its unix socket."""
    conn = http.client.HTTPConnection("localhost", timeout=10)
    conn.sock = socket.socket(socket.AF_UNIX)
    conn.sock.connect(os.path.join(dm.VAR, "run", "live.sock"))
    conn.request("POST", "/pub/" + channel, body=html.encode(),
                 headers={"X-EventSource-Event": event, "Content-Type": "text/html"})
    status = conn.getresponse().status
    conn.close()
    return status


def unread(c):
    m = re.search(r'bell-count">(\d+)<', c.get("/notifications/count").text)
    return int(m.group(1)) if m else 0


class TestLiveBell(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        cls.channel = channel_of(cls.c.get("/chat").text)

    def test_pages_subscribe_instead_of_polling(self):
        page = self.c.get("/chat").text
        self.assertIsNotNone(self.channel, "no sse-connect on the bell")
        bell = re.search(r'<span id="bell-count"[^>]*>', page).group(0)
        self.assertIn('hx-ext="sse"', bell)
        self.assertIn('sse-swap="bell"', bell)
        self.assertNotIn("every 30s", bell)  # no polling when pushed
        self.assertIn('src="/static/vendor/ext/sse.min.js"', page)
        self.assertEqual(dm.Client().get("/static/vendor/ext/sse.min.js").status, 200)
        # the channel names the user's org and the user
        org = dm.psql("SELECT id FROM organizations WHERE slug = 'demo'")
        self.assertTrue(self.channel.startswith("u.%s." % org), self.channel)

    def test_bell_count_pushed_when_an_alert_notifies(self):
        sub = Subscriber(self.c, self.channel)
        try:
            self.assertEqual(sub.status, 200)
            self.assertTrue(sub.content_type.startswith("text/event-stream"), sub.content_type)
            before = unread(self.c)
            aid = create_alert(self.c)          # count(*) of orders is above 1000
            check_now(self.c, aid)
            want = '<span class="bell-count">%d</span>' % (before + 1)
            data, _ = sub.wait_for("bell", lambda d: d == want)
            self.assertEqual(data, want)
            self.assertEqual(unread(self.c), before + 1)
        finally:
            sub.close()

    def test_reading_pushes_the_new_count(self):
        sub = Subscriber(self.c, self.channel)
        try:
            self.assertEqual(sub.status, 200)
            self.c.post("/notifications/read-all", {"_csrf": dm.page_csrf(self.c, "/notifications")})
            sub.wait_for("bell", lambda d: d == "")   # no unread: the badge is empty
            self.assertEqual(unread(self.c), 0)
        finally:
            sub.close()


class TestLiveUploadProgress(unittest.TestCase):
    def test_progress_and_the_end_are_pushed(self):
        c = dm.demo_client()
        org = dm.psql("SELECT id FROM organizations WHERE slug = 'demo'")
        rows = "".join("R%d,%d\n" % (i % 7, i) for i in range(60000))
        r = upload(c, dm.unique("live") + ".csv", "region,sales\n" + rows)
        self.assertEqual(r.status, 303, r.text[:500])
        uid = r.header("Location").rsplit("/", 1)[1]
        channel = "o.%s.upload.%s" % (org, uid)
        # nchan keeps the channel's recent messages: a subscriber that comes
        # after the job began still gets them in order, then the end
        sub = Subscriber(c, channel)
        try:
            self.assertEqual(sub.status, 200)
            data, seen = sub.wait_for("done", lambda d: True)
        finally:
            sub.close()
        self.assertEqual(data, "done")
        progress = [d for ev, d in seen if ev == "progress"]
        self.assertTrue(progress, seen)
        self.assertTrue(all(d.startswith('<progress max="100" value="') for d in progress), progress)
        self.assertTrue(any("rows loaded" in d for d in progress), progress)
        self.assertTrue(any('value="95"' in d and "reading the new schema" in d for d in progress), progress)
        # on "done" the page fetches its final state
        self.assertIn("Ready:", c.get("/uploads/" + uid).text)
        # another organization may not watch it
        other, _, _ = dm.register()
        sub = Subscriber(other, channel)
        sub.close()
        self.assertEqual(sub.status, 403)


class TestLiveChatStages(unittest.TestCase):
    STAGES = ["understood", "sql", "running", "rows", "chart", "insight"]

    def test_an_answer_arrives_stage_by_stage(self):
        c = dm.demo_client()
        page = c.get("/chat").text
        key = c.get("/chat").form_value("live_key")
        self.assertIsNotNone(key, "no live_key on the ask form")
        m = re.search(r'class="stages" hx-ext="sse" sse-connect="/live/([^"]+)"', page)
        self.assertIsNotNone(m, "the ask form does not subscribe to its stages")
        for name in self.STAGES:
            self.assertIn('sse-swap="%s"' % name, page)
        channel = "u.%s.%s.chat.%s" % (m.group(1).split(".")[1], m.group(1).split(".")[2], key)
        sub = Subscriber(c, channel)
        try:
            self.assertEqual(sub.status, 200)
            data = {"_csrf": dm.page_csrf(c, "/chat"), "message": "How many orders are there?",
                    "connection_id": dm.shop_connection_id(), "live_key": key}
            r = c.post("/chat", data)
            self.assertEqual(r.status, 303)
            insight, seen = sub.wait_for("insight", lambda d: True)
        finally:
            sub.close()
        names = [ev for ev, _ in seen]
        self.assertEqual(names, self.STAGES, seen)
        got = dict(seen)
        self.assertIn("orders", got["understood"])
        self.assertTrue(got["sql"].upper().startswith("SELECT"), got["sql"])
        self.assertEqual(got["rows"].split(" (")[0], "1 row")
        self.assertIn("100K orders", insight)
        # the pushed insight is the answer the page then shows
        page = c.get(r.header("Location").split("#")[0]).text
        self.assertEqual(answers(page)[-1], html.unescape(insight))

    def test_a_key_of_another_user_is_not_theirs_to_read(self):
        c = dm.demo_client()
        key = c.get("/chat").form_value("live_key")
        org = dm.psql("SELECT id FROM organizations WHERE slug = 'demo'")
        owner = dm.psql("SELECT id FROM users WHERE email = '%s'" % dm.demo_login()[0])
        other, _, _ = dm.register()
        sub = Subscriber(other, "u.%s.%s.chat.%s" % (org, owner, key))
        sub.close()
        self.assertEqual(sub.status, 403)


class TestLiveRefused(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.owner = dm.demo_client()
        cls.channel = user_channel(dm.demo_login()[0])

    def status_for(self, client, channel):
        sub = Subscriber(client, channel)
        sub.close()
        return sub.status

    def test_another_org_is_refused(self):
        other, slug, email = dm.register()
        self.assertEqual(self.status_for(other, self.channel), 403)
        # its own channel works
        self.assertEqual(self.status_for(other, user_channel(email, slug)), 200)

    def test_another_user_of_the_same_org_is_refused(self):
        email = dm.unique("viewer") + "@example.com"
        dm.add_user(self.owner, email, "viewer")
        viewer, r = dm.login(email, org="demo")
        self.assertEqual(r.status, 303)
        self.assertEqual(self.status_for(viewer, self.channel), 403)
        # nor a thing of the owner's (an upload's channel under the owner's id)
        self.assertEqual(self.status_for(viewer, self.channel + ".upload.1"), 403)

    def test_signed_out_and_made_up_channels_are_refused(self):
        self.assertEqual(self.status_for(None, self.channel), 403)
        org = self.channel.split(".")[1]
        self.assertEqual(self.status_for(self.owner, "o." + org), 200)
        for ch in ("o.x", "u." + org, self.channel + "x", self.channel + ".upload"):
            self.assertEqual(self.status_for(self.owner, ch), 403, ch)

    def test_an_event_published_reaches_the_subscriber(self):
        sub = Subscriber(self.owner, self.channel)
        try:
            self.assertEqual(sub.status, 200)
            self.assertTrue(sub.content_type.startswith("text/event-stream"), sub.content_type)
            mark = dm.unique("mark")
            self.assertIn(publish(self.channel, "test", "<b>%s</b>" % mark), (201, 202))
            data, _ = sub.wait_for("test", lambda d: mark in d)
            self.assertEqual(data, "<b>%s</b>" % mark)
        finally:
            sub.close()

    def test_publisher_and_auth_are_not_reachable_through_the_site(self):
        r = dm.Client().post("/pub/" + self.channel, "<b>x</b>")
        self.assertNotIn(r.status, (200, 201, 202))
        # nor the auth subrequest's location: nginx keeps it internal
        for path in ("/live-auth/" + self.channel, "/live-auth"):
            self.assertEqual(self.owner.get(path).status, 404, path)


if __name__ == "__main__":
    unittest.main()
