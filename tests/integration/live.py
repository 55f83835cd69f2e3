"""live.py — an EventSource subscriber for the integration tests: reads a
nchan channel through nginx the way a browser does (GET /live/<channel>,
Accept: text/event-stream, the session cookie), event by event."""
import http.client
import re
import urllib.parse

import dm


def channel_of(page_html):
    """The bell's channel on a page (sse-connect="/live/<channel>"), or None."""
    m = re.search(r'sse-connect="/live/([^"]+)"', page_html)
    return m.group(1) if m else None


class Subscriber:
    """One EventSource connection; .status is nginx's answer (200, or 403 from
    the auth subrequest). A read waits at most `timeout` seconds for a line
    (so a broken push fails the test instead of hanging it)."""

    def __init__(self, client, channel, timeout=30):
        u = urllib.parse.urlparse(dm.BASE)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
        cookies = "; ".join("%s=%s" % (c.name, c.value) for c in client.jar) if client else ""
        headers = {"Accept": "text/event-stream", "User-Agent": "dm-integration"}
        if cookies:
            headers["Cookie"] = cookies
        self.conn.request("GET", "/live/" + channel, headers=headers)
        self.resp = self.conn.getresponse()
        self.status = self.resp.status
        self.content_type = self.resp.getheader("Content-Type", "")

    def events(self):
        """(event, data) pairs as they arrive."""
        event, data = "message", []
        while True:
            line = self.resp.fp.readline()
            if not line:
                return
            line = line.decode("utf-8").rstrip("\r\n")
            if line == "":
                if data:
                    yield event, "\n".join(data)
                event, data = "message", []
            elif line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip(" ") if line.startswith("data: ") else line[5:])

    def wait_for(self, event, pred):
        """The first `event` whose data satisfies pred; every one seen before it."""
        seen = []
        for ev, data in self.events():
            seen.append((ev, data))
            if ev == event and pred(data):
                return data, seen
        raise AssertionError("the stream ended before the event; saw %r" % seen)

    def close(self):
        self.conn.close()
