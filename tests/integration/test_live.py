"""Live updates through nginx's nchan module (a real nginx with
libnginx-mod-nchan, Redis as nchan's store): what is published reaches the
channel's subscriber; nobody else may read that channel (403 from the auth
subrequest to `datamind web`)."""
import http.client
import os
import socket
import unittest

import dm
from live import Subscriber


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

    def test_publisher_is_not_reachable_through_the_site(self):
        r = dm.Client().post("/pub/" + self.channel, "<b>x</b>")
        self.assertNotIn(r.status, (200, 201, 202))


if __name__ == "__main__":
    unittest.main()
