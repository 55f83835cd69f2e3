"""bench/stages.py — run by bench/stages.sh inside its private stack.

How soon a chat answer's stages reach the browser: the chat page's
EventSource subscription (GET /live/<channel> through nginx's nchan, the
session cookie, as htmx's SSE extension opens it when the page loads), then
the question posted with the page's live_key; the time from sending the POST
to each stage event read from the stream. The question's answer is cached
(asked once before: the planner's SQL result comes from the result cache)."""
import os
import re
import threading
import time

import benchlib as b
import dm
from live import Subscriber

N = int(os.environ.get("N", "200"))
QUESTION = os.environ.get("QUESTION", "How many orders are there?")
STAGES = ["understood", "sql", "running", "rows", "chart", "insight"]
out = []


def say(s=""):
    print(s, flush=True)
    out.append(s)


c = dm.demo_client()
conn = dm.shop_connection_id()


def one():
    """One question: {stage: ms after the POST was sent}, and the POST's ms."""
    page = c.get("/chat").text
    key = re.search(r'name="live_key" value="([^"]+)"', page).group(1)
    ch = re.search(r'class="stages" hx-ext="sse" sse-connect="/live/([^"]+)"', page).group(1)
    sub = Subscriber(c, ch)
    assert sub.status == 200, sub.status
    seen = {}
    t0 = [None]
    started = threading.Event()

    def read():
        started.wait()
        for ev, _ in sub.events():
            seen.setdefault(ev, (time.monotonic() - t0[0]) * 1000.0)
            if ev == "insight":
                return
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    data = {"_csrf": dm.page_csrf(c, "/chat"), "message": QUESTION, "connection_id": conn,
            "live_key": key}
    t0[0] = time.monotonic()
    started.set()
    r = c.post("/chat", data)
    post_ms = (time.monotonic() - t0[0]) * 1000.0
    reader.join(30)
    sub.close()
    assert r.status == 303, r.status
    return seen, post_ms


for _ in range(3):  # the answer's result is cached; the chat page, the planner warm
    one()
runs = [one() for _ in range(N)]
missing = [s for s in STAGES if any(s not in seen for seen, _ in runs)]
say("| from sending the question to | n | p50 ms | p95 ms | p99 ms | max ms |")
say("|---|---:|---:|---:|---:|---:|")
for s in STAGES:
    xs = sorted(seen[s] for seen, _ in runs if s in seen)
    if xs:
        say("| stage `%s` read from the stream | %d | %.1f | %.1f | %.1f | %.1f |"
            % (s, len(xs), b.pct(xs, 50), b.pct(xs, 95), b.pct(xs, 99), xs[-1]))
posts = sorted(p for _, p in runs)
say("| the POST's 303 (the answer stored) | %d | %.1f | %.1f | %.1f | %.1f |"
    % (len(posts), b.pct(posts, 50), b.pct(posts, 95), b.pct(posts, 99), posts[-1]))
first = sorted(seen["understood"] for seen, _ in runs if "understood" in seen)
say("")
say("First stage: %d of %d within 50 ms; the slowest five: %s ms."
    % (sum(x <= 50 for x in first), len(first), ", ".join("%.1f" % x for x in first[-5:])))
if missing:
    say("")
    say("Stages missing from some runs: %s" % ", ".join(missing))
with open(os.environ["DM_VAR"] + "/stages.result.md", "w") as f:
    f.write("\n".join(out) + "\n")
