"""Issue 20, parts 1 and 3: query history and the cost before running.
Every Explore run of a user is in their history (SQL, connection, when, rows,
time, status, the planner's estimate), searchable, with "Run again"; only
their own (another user's run, or another organization's, is a 404). A query
estimated to read a table larger than DATAMIND_COST_WARN_ROWS (set here to
half the shop's orders) asks before running; "Run anyway" runs it. Runs
older than DATAMIND_HISTORY_DAYS are purged by a periodic job."""
import html
import re
import unittest
import urllib.parse
import uuid

import dm

WARNING = "This query may read a lot of data"
SCAN = r'<span class="estimate-scan">%s <span class="muted">\(~[0-9,]+ rows(, by index)?\)</span> <span class="badge warn">large</span>'


def history_ids(page):
    return re.findall(r'<a href="/history/([0-9a-f-]{36})" class="trunc', page)


def again_form(page):
    """The fields of the first "Run again" form on a page."""
    m = re.search(r'<form method="post" action="/explore/run" class="inline">(.*?)</form>', page, re.S)
    assert m, page[-3000:]
    return {html.unescape(k): html.unescape(v)
            for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', m.group(1))}


class TestHistory(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.orders = int(dm.psql("SELECT count(*) FROM orders", db="shop"))
        cls.warn = cls.orders // 2
        assert cls.warn > int(dm.psql("SELECT count(*) FROM regions", db="shop"))
        try:
            dm.reconfigure({"COST_WARN_ROWS": str(cls.warn)}, "DATAMIND_COST_WARN_ROWS=")
            cls.c, cls.slug, cls.conn = dm.shop_org()
            # its discovered schema (the tables' sizes) is read when it is connected
            assert dm.wait_for(lambda: dm.psql(
                "SELECT count(*) FROM schema_tables WHERE connection_id = '%s' AND table_name = 'orders'"
                " AND row_estimate > 0" % cls.conn) == "1", timeout=60)
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        dm.reconfigure({}, "DATAMIND_COST_WARN_ROWS=")  # back to the default

    def mark(self):
        return "m" + uuid.uuid4().hex[:12]

    def test_a_run_is_listed_with_its_facts_and_estimate(self):
        m = self.mark()
        sql = "SELECT name, '%s' AS mark FROM regions ORDER BY 1" % m
        r = dm.explore_run(self.c, self.conn, sql)
        self.assertEqual(r.status, 200, r.text[-2000:])
        self.assertIn('class="result"', r.text)
        self.assertNotIn(WARNING, r.text)
        regions = int(dm.psql("SELECT count(*) FROM regions", db="shop"))
        page = self.c.get("/history?q=" + m)
        self.assertEqual(page.status, 200)
        ids = history_ids(page.text)
        self.assertEqual(len(ids), 1, page.text[-3000:])
        row = html.unescape(page.text)
        self.assertIn(sql, row)
        self.assertIn(">Shop<", row)
        self.assertIn("%d rows" % regions, row)
        self.assertIn('status-ok">ok<', row)
        run = self.c.get("/history/" + ids[0])
        self.assertEqual(run.status, 200)
        text = html.unescape(run.text)
        self.assertIn(sql, text)
        self.assertIn("Estimated rows", text)
        self.assertIn("Estimated cost", text)
        self.assertIn("regions", text)  # its sequential scan
        stored = dm.psql("SELECT status, row_count, est_rows IS NOT NULL, est_seq_scans::text, "
                         "connection_name FROM query_runs WHERE id = '%s'" % ids[0])
        status, rows, has_est, scans, conn = stored.split("|")
        self.assertEqual((status, int(rows), has_est, conn), ("ok", regions, "t", "Shop"))
        self.assertIn('"relation": "regions"', scans)

    def test_a_failed_run_is_listed_with_its_error(self):
        m = self.mark()
        r = dm.explore_run(self.c, self.conn, "SELECT no_such_column AS %s FROM regions" % m)
        self.assertEqual(r.status, 422)
        page = self.c.get("/history?q=" + m)
        ids = history_ids(page.text)
        self.assertEqual(len(ids), 1)
        self.assertIn('status-error">failed<', page.text)
        run = html.unescape(self.c.get("/history/" + ids[0]).text)
        self.assertIn("no_such_column", run)
        self.assertIn("Why it did not run", run)

    def test_search_newest_first_and_pages(self):
        m = self.mark()
        for i in range(3):
            dm.explore_run(self.c, self.conn, "SELECT %d AS n, '%s' AS mark" % (i, m))
        dm.explore_run(self.c, self.conn, "SELECT 1 AS other_%s" % self.mark())
        page = html.unescape(self.c.get("/history?q=" + m.upper()).text)  # any case
        found = re.findall(r"<code>SELECT (\d) AS n, '%s' AS mark</code>" % m, page)
        self.assertEqual(found, ["2", "1", "0"], "newest first")
        self.assertNotIn("other_", page)
        none = self.c.get("/history?q=nothing_" + m)
        self.assertIn("No runs", html.unescape(none.text))
        # a page of 50: another page only when there are more
        self.assertNotIn("Older →", page)

    def test_pages_of_fifty_keep_the_search(self):
        m = self.mark() + " & more"
        org = dm.psql("SELECT id FROM organizations WHERE slug = '%s'" % self.slug)
        user = dm.psql("SELECT id FROM users WHERE org_id = '%s' AND role = 'admin' LIMIT 1" % org)
        dm.psql("INSERT INTO query_runs (org_id, user_id, job_id, sql_text, status, started_at)"
                " SELECT '%s', '%s', md5(random()::text), 'SELECT ' || n || ' AS n -- %s', 'ok',"
                " now() - n * interval '1 minute' FROM generate_series(1, 55) n" % (org, user, m))
        first = html.unescape(self.c.get("/history?q=" + urllib.parse.quote(m)).text)
        self.assertEqual(len(re.findall(r"<code>SELECT \d+ AS n", first)), 50)
        self.assertIn("<code>SELECT 1 AS n", first)
        older = re.search(r'<a class="btn" href="(/history\?[^"]*page=2)">Older →</a>', first)
        self.assertTrue(older, first[-2000:])
        second = html.unescape(self.c.get(older.group(1)).text)
        self.assertEqual(re.findall(r"<code>SELECT (\d+) AS n", second), ["51", "52", "53", "54", "55"])
        self.assertIn("← Newer", second)
        self.assertNotIn("Older →", second)

    def test_only_the_users_own_runs(self):
        analyst_email = "analyst-%s@example.com" % self.mark()
        dm.add_user(self.c, analyst_email, "analyst")
        other, r = dm.login(analyst_email, org=self.slug)
        self.assertEqual(r.status, 303)
        m = self.mark()
        dm.explore_run(other, self.conn, "SELECT '%s' AS theirs" % m)
        theirs = history_ids(other.get("/history?q=" + m).text)
        self.assertEqual(len(theirs), 1)
        # the admin of the same organization: not in their history, and its page is a 404
        self.assertEqual(history_ids(self.c.get("/history?q=" + m).text), [])
        self.assertEqual(self.c.get("/history/" + theirs[0]).status, 404)
        # admins see it in the audit log, as before
        audit = self.c.get("/audit?action=query.run")
        self.assertIn("Someone", audit.text)
        # another organization: 404 too
        stranger, _, _ = dm.register()
        self.assertEqual(stranger.get("/history/" + theirs[0]).status, 404)
        self.assertEqual(history_ids(stranger.get("/history?q=" + m).text), [])
        # a viewer has no Explore, and no history
        viewer_email = "viewer-%s@example.com" % self.mark()
        dm.add_user(self.c, viewer_email, "viewer")
        viewer, _ = dm.login(viewer_email, org=self.slug)
        self.assertIn(viewer.get("/history").status, (403, 404))

    def test_a_big_scan_warns_and_run_anyway_runs_it(self):
        m = self.mark()
        sql = "SELECT id, '%s' AS mark FROM orders" % m
        r = dm.explore_run(self.c, self.conn, sql)
        self.assertEqual(r.status, 200, r.text[-2000:])
        text = html.unescape(r.text)
        self.assertIn(WARNING, text)
        self.assertIn("Run anyway", text)
        self.assertRegex(text, SCAN % "orders")
        self.assertIn("{:,}".format(self.warn), text)
        self.assertNotIn('class="result"', r.text, "it did not run")
        runs = self.c.get("/history?q=" + m).text
        self.assertIn('status-needs_confirmation">needs confirmation<', runs)
        # "Run anyway": the same form, with confirm=1
        r = dm.explore_run(self.c, self.conn, sql, confirm="1")
        self.assertEqual(r.status, 200)
        self.assertIn('class="result"', r.text)
        self.assertNotIn(WARNING, html.unescape(r.text))
        # its pages carry the confirmation (no second warning for page 2)
        self.assertIn('<input type="hidden" name="confirm" value="1"><input type="hidden" name="page" value="2">',
                      r.text)
        page2 = dm.explore_run(self.c, self.conn, sql, confirm="1", page="2")
        self.assertIn("Rows 101–200", page2.text)
        runs = self.c.get("/history?q=" + m).text
        self.assertEqual(len(history_ids(runs)), 2, "page 2 is no new run")
        self.assertIn('status-ok">ok<', runs)
        # the run keeps the estimate it was checked against
        scans = dm.psql("SELECT est_seq_scans::text FROM query_runs WHERE sql_text = '%s' "
                        "AND status = 'ok'" % sql.replace("'", "''"))
        self.assertIn('"relation": "orders"', scans)

    def test_a_small_query_does_not_warn(self):
        r = dm.explore_run(self.c, self.conn, "SELECT * FROM regions WHERE name <> 'x'")
        self.assertIn('class="result"', r.text)
        self.assertNotIn(WARNING, html.unescape(r.text))
        # nor a filtered one on a small table with htmx
        hx = {"HX-Request": "true", "X-CSRF-Token": dm.page_csrf(self.c, "/explore")}
        r = dm.follow(self.c, self.c.post("/explore/run", {"connection_id": self.conn,
                                                          "sql": "SELECT * FROM customers LIMIT 5"},
                                          headers=hx), headers=hx)
        self.assertIn('class="result"', r.text)
        self.assertNotIn("<html", r.text)

    def test_a_limit_that_stops_the_scan_does_not_warn(self):
        # (ordered_at has an index: its newest ten are read from it, and stop early too)
        for sql in ("SELECT * FROM orders LIMIT 10", "SELECT * FROM orders ORDER BY id LIMIT 10",
                    "SELECT * FROM orders ORDER BY ordered_at DESC LIMIT 10"):
            r = dm.explore_run(self.c, self.conn, sql)
            self.assertIn('class="result"', r.text, sql)
            self.assertNotIn(WARNING, html.unescape(r.text), sql)
        # a sort under the limit reads every order first; so does a count
        for sql in ("SELECT * FROM orders ORDER BY status LIMIT 10", "SELECT count(*) FROM orders"):
            self.assertIn(WARNING, html.unescape(dm.explore_run(self.c, self.conn, sql).text), sql)

    def test_reading_a_big_table_through_its_index_warns(self):
        r = dm.explore_run(self.c, self.conn, "SELECT id FROM orders ORDER BY id")
        self.assertRegex(html.unescape(r.text), SCAN % "orders")

    def test_a_filtered_scan_of_a_big_table_warns_too(self):
        # Plan Rows of the scan is 1, but it reads every order: the stored size counts
        r = dm.explore_run(self.c, self.conn, "SELECT * FROM orders WHERE customer_id + 0 = -1")
        self.assertIn(WARNING, html.unescape(r.text))

    def test_estimate_only(self):
        m = self.mark()
        sql = "SELECT count(*) AS %s FROM orders o JOIN regions r ON true" % m
        r = dm.explore_run(self.c, self.conn, sql, estimate="1")
        self.assertEqual(r.status, 200, r.text[-2000:])
        text = html.unescape(r.text)
        self.assertIn('class="card estimate-card"', r.text)
        self.assertIn("Estimated rows", text)
        self.assertRegex(text, SCAN % "orders")
        self.assertIn("Run will ask before running it", text)
        self.assertNotIn('class="result"', r.text)
        self.assertEqual(history_ids(self.c.get("/history?q=" + m).text), [], "no run")
        small = html.unescape(dm.explore_run(self.c, self.conn, "SELECT * FROM regions", estimate="1").text)
        self.assertIn("Estimated rows", small)
        self.assertNotIn("Run will ask", small)
        # a query the validator refuses gets its reason, not an estimate
        bad = dm.explore_run(self.c, self.conn, "DELETE FROM regions", estimate="1")
        self.assertNotIn("Estimated rows", bad.text)
        self.assertEqual(bad.status, 422)

    def test_run_again_with_its_parameters(self):
        m = self.mark()
        sql = "SELECT name, '%s' AS mark FROM regions WHERE name <> {{skip}}" % m
        r = dm.explore_run(self.c, self.conn, sql, p_skip="nowhere", pt_skip="text")
        self.assertIn('class="result"', r.text, r.text[-2000:])
        page = self.c.get("/history?q=" + m).text
        form = again_form(page)
        self.assertEqual(form["sql"], sql)
        self.assertEqual(form["connection_id"], self.conn)
        self.assertEqual(form["p_skip"], "nowhere")
        again = dm.follow(self.c, self.c.post("/explore/run", form))
        self.assertEqual(again.status, 200)
        self.assertIn('class="result"', again.text)
        ids = history_ids(self.c.get("/history?q=" + m).text)
        self.assertEqual(len(ids), 2)
        self.assertIn("nowhere", html.unescape(self.c.get("/history/" + ids[0]).text))

    def test_old_runs_are_purged(self):
        org = dm.psql("SELECT id FROM organizations WHERE slug = '%s'" % self.slug)
        user = dm.psql("SELECT id FROM users WHERE org_id = '%s' LIMIT 1" % org)
        ins = ("INSERT INTO query_runs (org_id, user_id, job_id, sql_text, status, started_at)"
               " VALUES ('%s', '%s', '%s', 'SELECT %d', 'ok', now() - interval '%d days') RETURNING id")
        old = dm.psql(ins % (org, user, uuid.uuid4().hex, 91, 91)).splitlines()[0]
        young = dm.psql(ins % (org, user, uuid.uuid4().hex, 89, 89)).splitlines()[0]
        gone = lambda: dm.psql("SELECT count(*) FROM query_runs WHERE id = '%s'" % old) == "0"
        self.assertTrue(dm.wait_for(gone, timeout=150, step=1), "history.purge did not run")
        self.assertEqual(dm.psql("SELECT count(*) FROM query_runs WHERE id = '%s'" % young), "1")


if __name__ == "__main__":
    unittest.main()
