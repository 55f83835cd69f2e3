"""Issue 19 item 5: Explore queries run in `datamind worker`'s job runners,
never in a web worker. The page waits DATAMIND_QUERY_WAIT_MS (2 s here) for
the result and otherwise answers 202 with a page that follows the job (htmx
polling with JavaScript, a <noscript> meta refresh without); once the job is
done, that page is the result page a quick query gives."""
import html
import re
import threading
import unittest

import dm

SLOW = "SELECT 42 AS answer FROM pg_sleep(%d)"


def sleeping():
    """How many pg_sleep queries run on the shop database right now."""
    return int(dm.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = 'shop' "
                       "AND state = 'active' AND query LIKE '%%pg_sleep%%' "
                       "AND pid <> pg_backend_pid()"))


class TestExploreJobs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org()

    def test_slow_query_gives_the_follow_page_then_the_result(self):
        r = dm.explore_post(self.c, self.conn, SLOW % 5)
        self.assertEqual(r.status, 202, r.text[-2000:])
        self.assertIn('class="card job-follow"', r.text)
        url = dm.follow_url(r.text)
        self.assertTrue(url.startswith("/explore/jobs/"), url)
        # without JavaScript the page reloads itself onto the job's page
        self.assertIn('<noscript><meta http-equiv="refresh" content="1;url=%s"></noscript>' % url, r.text)
        self.assertIn(html.escape(SLOW % 5), r.text, "the editor keeps the SQL")
        done = dm.follow(self.c, r)
        self.assertEqual(done.status, 200, done.text[-2000:])
        self.assertIn('class="result"', done.text)
        self.assertIn('title="42"', done.text)
        self.assertNotIn("job-follow", done.text)
        self.assertIn(html.escape(SLOW % 5), done.text)
        # the same result page as a query that ran at once (same table, same badges)
        quick = dm.explore_run(self.c, self.conn, SLOW % 5)
        self.assertIn('title="42"', quick.text)
        self.assertEqual(re.findall(r'<th[^>]*>[^<]*</th>', done.text), re.findall(r'<th[^>]*>[^<]*</th>', quick.text))

    def test_htmx_follows_with_fragments(self):
        hx = {"HX-Request": "true", "X-CSRF-Token": dm.page_csrf(self.c, "/explore")}
        r = self.c.post("/explore/run", {"connection_id": self.conn, "sql": SLOW % 4}, headers=hx)
        self.assertEqual(r.status, 202)
        self.assertNotIn("<html", r.text)
        # its state is pushed through nchan (its own channel), and its end fetches the result
        self.assertRegex(r.text, r'sse-connect="/live/u\.[0-9a-f-]+\.[0-9a-f-]+\.query\.[0-9a-f]{32}"')
        self.assertIn('hx-trigger="sse:done, every 5s"', r.text)
        self.assertIn('sse-swap="state"', r.text)
        self.assertRegex(r.text, r"(Waiting for a free runner|Running the query)…")
        done = dm.follow(self.c, r, headers=hx)
        self.assertEqual(done.status, 200)
        self.assertNotIn("<html", done.text)
        self.assertIn('class="result"', done.text)
        self.assertIn('title="42"', done.text)

    def test_a_waiting_query_pushes_its_state_then_its_end(self):
        """Issue 19 item 6: two slow queries hold both runners; a third
        waits, its page subscribed to its channel: "Asking the planner…"
        (issue 20: the estimate comes first), "Connecting…", "Running the
        query…" and "done" are pushed through nchan."""
        from live import Subscriber
        busy = [dm.explore_post(self.c, self.conn, "SELECT %d AS busy FROM pg_sleep(15)" % i) for i in range(2)]
        tabs = dm.Follower(self.c, busy)
        hx = {"HX-Request": "true", "X-CSRF-Token": dm.page_csrf(self.c, "/explore")}
        sql = "SELECT 31 AS %s" % dm.unique("third").replace("-", "_")  # not in the result cache
        r = self.c.post("/explore/run", {"connection_id": self.conn, "sql": sql}, headers=hx)
        self.assertEqual(r.status, 202)
        self.assertIn("Waiting for a free runner…", r.text)
        channel = re.search(r'sse-connect="/live/([^"]+)"', r.text).group(1)
        sub = Subscriber(self.c, channel, timeout=60)
        page = dm.Follower(self.c, [r])  # its page still asks now and then (else: abandoned)
        try:
            self.assertEqual(sub.status, 200)
            _, seen = sub.wait_for("done", lambda d: True)
        finally:
            sub.close()
        self.assertEqual(seen, [("state", "Asking the planner for an estimate…"),
                                ("state", "Connecting to the database…"), ("state", "Running the query…"),
                                ("done", "done")])
        self.assertIn('title="31"', page.finish()[0].text)
        self.assertEqual([p.status for p in tabs.finish()], [200] * 2)

    def test_errors_come_back_through_the_job(self):
        r = dm.explore_run(self.c, self.conn, "SELECT nosuchcolumn FROM orders")
        self.assertEqual(r.status, 422)
        self.assertIn("nosuchcolumn", r.text)
        self.assertIn("<mark>", r.text, "the error position is still marked")

    def test_another_users_job_is_404(self):
        r = dm.explore_post(self.c, self.conn, SLOW % 3)
        url = dm.follow_url(r.text)
        self.assertIsNotNone(url)
        other, _, _ = dm.register()
        self.assertEqual(other.get(url).status, 404)
        self.assertEqual(self.c.get("/explore/jobs/" + "0" * 32).status, 404)
        job = re.search(r"/explore/jobs/([0-9a-f]{32})", url).group(1)
        self.assertEqual(self.c.get("/chat/jobs/" + job, headers={"HX-Request": "true"}).status, 404)
        dm.follow(self.c, r)

    def test_web_worker_stays_free_while_slow_queries_run(self):
        """Four slow queries from one org; /healthz is answered while they
        still run (before item 5 they held both web workers)."""
        results = []

        def post(i):
            results.append(dm.explore_post(self.c, self.conn, "SELECT %d AS n FROM pg_sleep(12)" % i))

        threads = [threading.Thread(target=post, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        self.assertTrue(dm.wait_for(lambda: sleeping() >= 1, timeout=30), "the queries started")
        health = dm.Client().get("/healthz")
        self.assertEqual(health.status, 200)
        self.assertGreaterEqual(sleeping(), 1, "answered while the slow queries still ran")
        for t in threads:
            t.join()
        self.assertEqual([r.status for r in results], [202] * 4)
        self.assertEqual([r.status for r in dm.Follower(self.c, results).finish()], [200] * 4)

    def test_fair_queue_another_org_goes_first(self):
        """Org A queues four slow queries (two run: DATAMIND_ORG_MAX_RUNNING,
        and there are two runners); org B's query, queued after them, runs
        as soon as a runner is free, before A's last two."""
        a, _, a_conn = dm.shop_org()
        b, _, b_conn = dm.shop_org()
        pages = [None] * 4

        def post(i):
            pages[i] = dm.explore_post(a, a_conn, "SELECT %d AS a FROM pg_sleep(10)" % i)

        threads = [threading.Thread(target=post, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual([p.status for p in pages], [202] * 4)
        tabs = dm.Follower(a, pages)  # A's pages stay open
        rb = dm.explore_run(b, b_conn, "SELECT 7 AS b")
        self.assertEqual(rb.status, 200, rb.text[-1500:])
        self.assertIn('title="7"', rb.text)
        waiting = [p for p in pages if a.get(dm.follow_url(p.text)).status == 202]
        self.assertGreaterEqual(len(waiting), 2, "B's query ran after A's backlog")
        self.assertEqual([p.status for p in tabs.finish()], [200] * 4)

    def running(self, marker):
        return int(dm.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = 'shop' "
                           "AND query LIKE '%%%s%%' AND pid <> pg_backend_pid()" % marker))

    def test_cancel_from_the_page_stops_the_query(self):
        marker = dm.unique("cancel").replace("-", "_")
        r = dm.explore_post(self.c, self.conn, "SELECT 1 AS %s FROM pg_sleep(120)" % marker)
        self.assertEqual(r.status, 202)
        self.assertIn('action="/explore/jobs/', r.text)
        self.assertTrue(dm.wait_for(lambda: self.running(marker) == 1, timeout=30), "it runs")
        job = re.search(r'action="(/explore/jobs/[0-9a-f]{32}/cancel)"', r.text).group(1)
        other, _, _ = dm.register()  # not someone else's to cancel
        self.assertEqual(other.post(job, {"_csrf": dm.page_csrf(other, "/explore")}).status, 404)
        self.assertEqual(self.running(marker), 1)
        c = self.c.post(job, {"_csrf": r.form_value("_csrf")})
        self.assertEqual(c.status, 303)
        done = dm.follow(self.c, self.c.get(c.header("Location")))
        self.assertEqual(done.status, 422, done.text[-1500:])
        self.assertIn("You cancelled this query.", done.text)
        self.assertTrue(dm.wait_for(lambda: self.running(marker) == 0, timeout=10),
                        "pg_stat_activity still shows the query")

    def test_cancel_with_htmx(self):
        marker = dm.unique("hxcancel").replace("-", "_")
        hx = {"HX-Request": "true", "X-CSRF-Token": dm.page_csrf(self.c, "/explore")}
        r = self.c.post("/explore/run", {"connection_id": self.conn,
                                         "sql": "SELECT 1 AS %s FROM pg_sleep(120)" % marker}, headers=hx)
        self.assertEqual(r.status, 202)
        self.assertIn('hx-post="/explore/jobs/', r.text)
        self.assertTrue(dm.wait_for(lambda: self.running(marker) == 1, timeout=30))
        job = re.search(r'hx-post="(/explore/jobs/[0-9a-f]{32}/cancel)"', r.text).group(1)
        c = self.c.post(job, {}, headers=hx)
        self.assertEqual(c.status, 303)
        done = dm.follow(self.c, self.c.get(c.header("Location"), headers=hx), headers=hx)
        self.assertNotIn("<html", done.text)
        self.assertIn("You cancelled this query.", done.text)
        self.assertTrue(dm.wait_for(lambda: self.running(marker) == 0, timeout=10))

    def test_closed_page_cancels_the_query(self):
        """Nobody follows the job (the tab was closed): after
        DATAMIND_QUERY_ABANDON_S (10 s) without a poll it is cancelled."""
        marker = dm.unique("closed").replace("-", "_")
        r = dm.explore_post(self.c, self.conn, "SELECT 1 AS %s FROM pg_sleep(300)" % marker)
        self.assertEqual(r.status, 202)
        self.assertTrue(dm.wait_for(lambda: self.running(marker) == 1, timeout=30), "it runs")
        self.assertTrue(dm.wait_for(lambda: self.running(marker) == 0, timeout=120),
                        "the abandoned query still runs")
        done = dm.follow(self.c, r)
        self.assertEqual(done.status, 422)
        self.assertIn("its page was closed", done.text)


if __name__ == "__main__":
    unittest.main()
