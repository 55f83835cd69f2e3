"""Issue 15 item 5: a saved query's page shows its last result and chart.
"Run" / "Run again" (POST /queries/{id}/run) is a query.run job as in
Explore; the worker stores the result on the query, and the page draws the
table and the chart from it. Saving from Explore after a run keeps that
run's result. An edit of the SQL or the connection drops the result."""
import html
import re
import time
import unittest

import dm

SQL = "SELECT status, count(*) AS n FROM orders GROUP BY status ORDER BY 1"


def run(client, qid):
    return client.post("/queries/%s/run" % qid, {"_csrf": dm.page_csrf(client, "/queries/%s" % qid)})


def stored(qid):
    return dm.psql("SELECT last_result IS NOT NULL FROM saved_queries WHERE id = '%s'" % qid) == "t"


def cells(page):
    return re.findall(r'<span class="trunc" title="([^"]*)">', page)


class TestSavedQueryResult(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org()

    def test_run_stores_the_result_and_the_page_shows_table_and_chart(self):
        qid = dm.save_query(self.c, dm.unique("By status"), SQL, self.conn)
        page = self.c.get("/queries/%s" % qid).text
        self.assertIn("Not run yet", page)
        self.assertNotIn('<figure class="chart">', page)
        self.assertFalse(stored(qid))
        r = run(self.c, qid)
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/queries/%s" % qid)
        self.assertTrue(stored(qid))
        page = self.c.get("/queries/%s" % qid).text
        self.assertNotIn("Not run yet", page)
        self.assertRegex(page, r"Last run <strong>\d{4}-\d\d-\d\d \d\d:\d\d</strong> · <strong>5 rows</strong>")
        # the figures of the shop itself (the demo data follows the date it was loaded)
        want = dm.psql("SELECT string_agg(status || '|' || n, '|' ORDER BY status) FROM"
                       " (SELECT status, count(*) AS n FROM orders GROUP BY status) s", db="shop")
        self.assertEqual("|".join(cells(page)[:10]), want)
        self.assertIn('<figure class="chart">', page)
        self.assertIn("<svg", page)
        self.assertIn(">Run again</button>", page)
        # the same figures Explore shows for this SQL
        explore = dm.explore_run(self.c, self.conn, SQL).text
        self.assertEqual(cells(page), cells(explore))
        # the stored run: when, how long, how many rows
        row = dm.psql("SELECT last_result->>'row_count', (last_result->>'ms') IS NOT NULL,"
                      " last_run_at > now() - interval '5 minutes', last_error IS NULL"
                      " FROM saved_queries WHERE id = '%s'" % qid)
        self.assertEqual(row, "5|t|t|t")

    def test_saved_from_explore_keeps_that_result(self):
        r = dm.explore_run(self.c, self.conn, SQL)
        job = re.search(r'name="job" value="([0-9a-f]{32})"', r.text)
        self.assertTrue(job, "the save form names the run")
        name = dm.unique("From explore")
        r = self.c.post("/queries", {"_csrf": r.form_value("_csrf"), "name": name, "sql": SQL,
                                     "connection_id": self.conn, "job": job.group(1)})
        self.assertEqual(r.status, 303)
        qid = r.header("Location").rsplit("/", 1)[1]
        page = self.c.get("/queries/%s" % qid).text
        self.assertIn("<strong>5 rows</strong>", page)
        self.assertIn("<svg", page)
        # a run of other SQL (or someone else's) is not this query's result
        other = dm.unique("Other")
        r = self.c.post("/queries", {"_csrf": dm.page_csrf(self.c, "/explore"), "name": other,
                                     "sql": "SELECT 1 AS other", "connection_id": self.conn,
                                     "job": job.group(1)})
        qid2 = r.header("Location").rsplit("/", 1)[1]
        self.assertFalse(stored(qid2))
        self.assertIn("Not run yet", self.c.get("/queries/%s" % qid2).text)
        # nor is another user's run (here: another organization's)
        stranger, _, _ = dm.register()
        r = stranger.post("/queries", {"_csrf": dm.page_csrf(stranger, "/explore"), "name": other,
                                       "sql": SQL, "connection_id": self.conn, "job": job.group(1)})
        self.assertEqual(r.status, 303)
        qid3 = r.header("Location").rsplit("/", 1)[1]
        self.assertFalse(stored(qid3))
        self.assertNotIn("87916", stranger.get("/queries/%s" % qid3).text)

    def test_saved_from_a_cached_result_says_when_its_rows_were_read(self):
        sql = "SELECT %d AS cached_probe" % (time.time() * 1000)
        dm.explore_run(self.c, self.conn, sql)
        r = dm.explore_run(self.c, self.conn, sql)  # the same again: from the cache
        self.assertIn("cached", r.text)
        job = re.search(r'name="job" value="([0-9a-f]{32})"', r.text).group(1)
        r = self.c.post("/queries", {"_csrf": r.form_value("_csrf"), "name": dm.unique("Cached"), "sql": sql,
                                     "connection_id": self.conn, "job": job})
        qid = r.header("Location").rsplit("/", 1)[1]
        row = dm.psql("SELECT last_result->>'cached', extract(epoch FROM last_run_at)::bigint"
                      " = (last_result->>'read_at')::bigint FROM saved_queries WHERE id = '%s'" % qid)
        self.assertEqual(row, "true|t", "the time its rows were read, not the time of the save")

    def test_the_stored_result_pages_by_100_rows(self):
        qid = dm.save_query(self.c, dm.unique("Long"), "SELECT id FROM orders ORDER BY id LIMIT 250", self.conn)
        self.assertEqual(run(self.c, qid).status, 303)
        page = self.c.get("/queries/%s" % qid).text
        self.assertIn("Rows 1–100 of 250", page)
        self.assertIn('href="/queries/%s?page=2"' % qid, page)
        page = self.c.get("/queries/%s?page=3" % qid).text
        self.assertIn("Rows 201–250 of 250", page)
        self.assertIn('href="/queries/%s?page=2"' % qid, page)
        self.assertNotIn("?page=4", page)
        one = dm.save_query(self.c, dm.unique("Short"), SQL, self.conn)
        run(self.c, one)
        self.assertNotIn('class="pager"', self.c.get("/queries/%s" % one).text)

    def test_edit_of_sql_or_connection_drops_the_result(self):
        qid = dm.save_query(self.c, dm.unique("Edit"), SQL, self.conn)
        self.assertEqual(run(self.c, qid).status, 303)
        form = {"_csrf": dm.page_csrf(self.c, "/queries/%s" % qid), "name": "Renamed",
                "sql": SQL, "connection_id": self.conn, "shared": "1"}
        self.assertEqual(self.c.post("/queries/%s" % qid, form).status, 303)
        self.assertTrue(stored(qid), "a new name keeps the result")
        form["sql"] = SQL.replace("ORDER BY 1", "ORDER BY 2")
        self.assertEqual(self.c.post("/queries/%s" % qid, form).status, 303)
        self.assertFalse(stored(qid), "other SQL: the old result is not its result")
        self.assertIn("Not run yet", self.c.get("/queries/%s" % qid).text)

    def test_a_run_overtaken_by_an_edit_is_not_stored(self):
        qid = dm.save_query(self.c, dm.unique("Overtaken"), "SELECT 7 AS seven FROM pg_sleep(3)", self.conn)
        r = run(self.c, qid)
        self.assertEqual(r.status, 303)
        self.assertRegex(r.header("Location"), r"^/queries/%s\?job=[0-9a-f]{32}$" % qid)
        form = {"_csrf": dm.page_csrf(self.c, "/queries/%s" % qid), "name": "Overtaken",
                "sql": "SELECT 8 AS eight", "connection_id": self.conn}
        self.assertEqual(self.c.post("/queries/%s" % qid, form).status, 303)
        page = self.c.get(r.header("Location"))
        end = time.time() + 60
        while "job-follow" in page.text and time.time() < end:
            time.sleep(0.3)
            page = self.c.get(r.header("Location"))
        self.assertNotIn("job-follow", page.text)
        self.assertFalse(stored(qid))
        self.assertNotIn('title="7"', page.text)

    def test_a_slow_run_is_followed_to_its_result(self):
        qid = dm.save_query(self.c, dm.unique("Slow"), "SELECT 42 AS answer FROM pg_sleep(4)", self.conn)
        r = run(self.c, qid)
        url = r.header("Location")
        self.assertRegex(url, r"^/queries/%s\?job=[0-9a-f]{32}$" % qid)
        page = self.c.get(url)
        self.assertIn('class="job-follow"', page.text)
        # htmx asks again; without JavaScript the page reloads itself
        self.assertIn('hx-get="%s"' % html.escape(url), page.text)
        self.assertIn('<noscript><meta http-equiv="refresh" content="1;url=%s"></noscript>' % html.escape(url),
                      page.text)
        end = time.time() + 60
        while "job-follow" in page.text and time.time() < end:
            time.sleep(0.3)
            page = self.c.get(url)
        self.assertIn('title="42"', page.text)
        self.assertNotIn("http-equiv", page.text)
        self.assertTrue(stored(qid))

    def test_a_failed_run_says_why_and_keeps_the_result_before(self):
        qid = dm.save_query(self.c, dm.unique("Fails"), "SELECT 1 AS one", self.conn)
        self.assertEqual(run(self.c, qid).status, 303)
        # the table the query reads goes away (as if dropped): here, the
        # SQL is changed behind the page to one that fails when run
        dm.psql("UPDATE saved_queries SET sql_text = 'SELECT 1/0 AS one' WHERE id = '%s'" % qid)
        self.assertEqual(run(self.c, qid).status, 303)
        page = self.c.get("/queries/%s" % qid).text
        self.assertIn("The last run failed", page)
        self.assertIn("division by zero", page)
        self.assertIn("the result of the run before", page)
        self.assertIn('title="1"', page)

    def test_viewers_run_shared_queries_other_orgs_get_404(self):
        qid = dm.save_query(self.c, dm.unique("Shared"), SQL, self.conn)
        dm.psql("UPDATE saved_queries SET is_shared = true WHERE id = '%s'" % qid)
        email = dm.unique("viewer") + "@example.com"
        dm.add_user(self.c, email, "viewer")
        viewer, r = dm.login(email, org=self.slug)
        self.assertEqual(run(viewer, qid).status, 303)
        page = viewer.get("/queries/%s" % qid).text
        self.assertIn("<strong>5 rows</strong>", page)
        self.assertNotIn("data-schema-side", page, "no edit form, no sidebar for a viewer")
        other, _, _ = dm.register()
        r = other.post("/queries/%s/run" % qid, {"_csrf": dm.page_csrf(other, "/queries")})
        self.assertEqual(r.status, 404)
        self.assertNotIn("87916", other.get("/queries/%s" % qid).text)


if __name__ == "__main__":
    unittest.main()
