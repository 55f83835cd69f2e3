"""Issue 16 through the pages: a MariaDB, a SQLite file and a ClickHouse
database, each connected by URL on the connection form of a new
organization, tested, its schema read, then asked in the chat, queried in
Explore, saved and exported — the same features PostgreSQL has, with the
shop's numbers."""
import html
import re
import time
import unittest

import dm
from test_chat import ask
from test_engines_same import load

ORDERS = 100000


def connect(admin, name, url):
    r = admin.post("/connections", {"_csrf": dm.page_csrf(admin, "/connections/new"), "name": name,
                                    "url": url}, follow=True)
    assert r.status == 200, (r.status, r.text[:1500])
    cid = re.search(r"/connections/([0-9a-f-]{36})/edit", r.text).group(1)
    end = time.time() + 120  # the schema is read by the worker
    while time.time() < end and dm.psql("SELECT coalesce(last_synced_at::text, '') || '|' || "
                                        "coalesce(last_error, '') FROM connections WHERE id = '%s'" % cid) == "|":
        time.sleep(0.3)
    return cid


class EngineThroughThePages(unittest.TestCase):
    def check(self, engine, url_name):
        url, why = load(engine)
        self.assertTrue(url, why)
        admin, _, _ = dm.register()
        cid = connect(admin, url_name, url)
        err = dm.psql("SELECT coalesce(last_error, '') FROM connections WHERE id = '%s'" % cid)
        self.assertEqual(err, "", "reading the schema failed: %s" % err)
        page = html.unescape(admin.get("/connections/%s" % cid).text)
        self.assertIn("orders", page)  # the schema browser
        t = dm.follow_test(admin, admin.post("/connections/%s/test" % cid,
                                             {"_csrf": dm.page_csrf(admin, "/connections/%s" % cid)}))
        self.assertEqual(t.status, 200)
        self.assertNotIn("could not", html.unescape(t.text).lower())
        # Explore, in the engine's own SQL
        r = dm.explore_run(admin, cid, "SELECT count(*) AS n FROM orders")
        self.assertEqual(r.status, 200, r.text[:1000])
        self.assertIn("100,000", r.text.replace("100000", "100,000"))
        r = dm.explore_run(admin, cid, "SELECT status, count(*) AS n FROM orders WHERE channel = {{channel}} "
                                       "GROUP BY status ORDER BY status", p_channel="web")
        self.assertEqual(r.status, 200, r.text[:1000])
        self.assertIn("completed", r.text)
        # a write is refused before it reaches the database
        r = dm.explore_run(admin, cid, "DELETE FROM orders")
        self.assertIn("DataMind will not run this query", html.unescape(r.text))
        self.assertEqual(dm.explore_run(admin, cid, "SELECT count(*) AS n FROM orders").status, 200)
        # the chat: the planner writes this engine's SQL
        r = ask(admin, "How many orders are there?", conn=cid)
        self.assertEqual(r.status, 303)
        answer = html.unescape(admin.get(r.header("Location")).text)
        self.assertIn("100,000", answer.replace("100000", "100,000"))
        # a saved query and its CSV, as PostgreSQL's
        qid = dm.save_query(admin, "Orders by status", "SELECT status, count(*) AS n FROM orders "
                                                       "GROUP BY status ORDER BY status", cid)
        r = dm.follow_export(admin, admin.get("/queries/%s/export?format=csv" % qid))
        self.assertEqual(r.status, 200)
        got = sorted(r.body.decode().strip().splitlines()[1:])
        want = dm.psql("SELECT status || ',' || count(*) FROM orders GROUP BY status ORDER BY 1",
                       db="shop").splitlines()
        self.assertEqual(got, sorted(want))

    def test_mysql(self):
        self.check("mysql", "Maria shop")

    def test_sqlite(self):
        self.check("sqlite", "SQLite shop")

    def test_clickhouse(self):
        self.check("clickhouse", "ClickHouse shop")


if __name__ == "__main__":
    unittest.main()
