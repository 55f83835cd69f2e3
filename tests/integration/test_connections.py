"""Connections, schema discovery, Explore, saved queries — against the real
demo database through nginx, with cross-org and role checks."""
import html
import json
import os
import re
import unittest
import urllib.parse

import dm
from test_chat import ask


def run(client, conn_id, sql, **extra):
    return dm.explore_run(client, conn_id, sql, **extra)


def rows_in(page):
    m = re.search(r'<p class="muted small">Rows \d+–\d+ of (\d+)</p>', page)
    return int(m.group(1)) if m else None


class TestConnections(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        cls.shop = dm.shop_connection_id()

    def test_list_and_schema_browser(self):
        r = self.c.get("/connections")
        self.assertIn(">Shop<", r.text)
        r = self.c.get("/connections/%s" % self.shop)
        self.assertEqual(r.status, 200)
        for t in ("orders", "order_items", "customers", "products", "regions", "countries", "categories"):
            self.assertIn(">%s</a>" % t, r.text)
        tid = re.search(r'\?table=([0-9a-f-]{36})">[^<]*<span class="muted">public\.</span>customers', r.text)
        tid = tid or re.search(r'\?table=([0-9a-f-]{36})[^"]*">(?:<span[^>]*>public\.</span>)?customers<', r.text)
        page = self.c.get("/connections/%s?table=%s" % (self.shop, tid.group(1))).text
        self.assertIn("segment", page)
        self.assertIn("Enterprise", page)  # sampled values
        self.assertIn("→ countries.id", page)  # the foreign key
        # search finds a column
        page = self.c.get("/connections/%s?q=segment" % self.shop).text
        self.assertIn("customers", page)
        self.assertNotIn(">regions</a>", page)

    def test_vocabulary_add_list_delete(self):
        path = "/connections/%s/vocabulary" % self.shop
        metric, word = dm.unique("zzmetric"), dm.unique("zzword")
        tok = lambda: dm.page_csrf(self.c, path)
        r = self.c.post(path, {"_csrf": tok(), "term": metric.upper(), "kind": "metric", "table": "orders",
                               "expression": "count(orders.id)", "description": "How many orders"})
        self.assertEqual(r.status, 303)
        r = self.c.post(path, {"_csrf": tok(), "term": word, "kind": "column", "table": "customers",
                               "column": "segment"})
        self.assertEqual(r.status, 303)
        page = self.c.get(path).text
        row = re.search(r"<tr>\s*<td><strong>%s</strong>.*?</tr>" % re.escape(metric), page, re.S)
        self.assertIsNotNone(row, "a term is stored in lower case and listed")
        self.assertIn('<span class="badge">metric</span>', row.group(0))
        self.assertIn("<code>count(orders.id)</code> <span class=\"muted small\">on orders</span>", row.group(0))
        self.assertIn("How many orders", row.group(0))
        row = re.search(r"<tr>\s*<td><strong>%s</strong>.*?</tr>" % re.escape(word), page, re.S)
        self.assertIn("<code>customers.segment</code>", row.group(0))
        # the same term again is refused, naming the field
        r = self.c.post(path, {"_csrf": tok(), "term": word, "kind": "column", "table": "customers",
                               "column": "name"})
        self.assertEqual(r.status, 400)
        self.assertIn("This term is already defined.", r.text)
        for term in (metric, word):
            vid = dm.psql("SELECT id FROM vocabulary WHERE connection_id = '%s' AND term = '%s'" % (self.shop, term))
            r = self.c.post("%s/%s/delete" % (path, vid), {"_csrf": tok()})
            self.assertEqual(r.status, 303)
            self.assertEqual(self.c.post("%s/%s/delete" % (path, vid), {"_csrf": tok()}).status, 404)
        page = self.c.get(path).text
        self.assertNotIn(metric, page)
        self.assertNotIn(word, page)

    def test_test_reports_read_only_user(self):
        r = dm.follow_test(self.c, self.c.post("/connections/%s/test" % self.shop,
                                               {"_csrf": dm.page_csrf(self.c, "/connections")}))
        self.assertEqual(r.status, 200)
        self.assertIn("Test passed", r.text)
        self.assertIn("shop_reader", r.text)
        self.assertIn("This user cannot write", r.text)

    def test_refresh_schema(self):
        dm.psql("UPDATE connections SET last_synced_at = now() - interval '1 day' WHERE id = '%s'" % self.shop)
        r = self.c.post("/connections/%s/refresh" % self.shop, {"_csrf": dm.page_csrf(self.c, "/connections")}, follow=True)
        self.assertIn("in the background", r.text)
        fresh = dm.wait_for(lambda: dm.psql("SELECT last_synced_at > now() - interval '1 minute' FROM connections "
                                            "WHERE id = '%s'" % self.shop) == "t", timeout=30)
        self.assertTrue(fresh, "the worker did not read the schema again")
        self.assertIn(">orders</a>", self.c.get("/connections/%s" % self.shop).text)

    def test_refresh_writes_descriptions(self):
        """Issue 18 item 4: the schema refresh job writes a plain-English
        sentence for each table and column (src/ask/describe.c); the browser
        shows the table's in its list and each column's in the table view,
        escaped."""
        path = "/connections/%s/vocabulary" % self.shop
        term = dm.unique("zzkind")
        r = self.c.post(path, {"_csrf": dm.page_csrf(self.c, path), "term": term, "kind": "column",
                               "table": "customers", "column": "segment", "description": "<b>size</b> & kind"})
        self.assertEqual(r.status, 303)
        for sql in ("UPDATE schema_tables SET description = NULL WHERE connection_id = '%s'",
                    "UPDATE schema_columns c SET description = NULL FROM schema_tables t"
                    " WHERE c.table_id = t.id AND t.connection_id = '%s'"):
            dm.psql(sql % self.shop)
        page = self.c.get("/connections/%s" % self.shop).text
        self.assertNotIn('class="table-desc', page, "no sentence before the refresh")
        r = self.c.post("/connections/%s/refresh" % self.shop, {"_csrf": dm.page_csrf(self.c, "/connections")},
                        follow=True)
        self.assertIn("in the background", r.text)
        done = dm.wait_for(lambda: dm.psql("SELECT count(*) FROM schema_tables WHERE connection_id = '%s'"
                                           " AND description IS NULL" % self.shop) == "0", timeout=60)
        self.assertTrue(done, "the refresh did not describe every table")
        page = html.unescape(self.c.get("/connections/%s" % self.shop).text)
        self.assertIn("One row per order (id), dated by ordered_at; each belongs to one customer (customer_id)"
                      " and one country (shipping_country_id); order items refer to it.", page)
        self.assertIn("One row per region (id), named by name; countries refer to it.", page)
        raw = self.c.get("/connections/%s" % self.shop).text
        tid = re.search(r'\?table=([0-9a-f-]{36})[^"]*">(?:<span[^>]*>public\.</span>)?orders<', raw).group(1)
        detail = self.c.get("/connections/%s?table=%s" % (self.shop, tid)).text
        self.assertIn('<p class="table-desc-full">One row per order (id)', detail)
        # a code column: its sampled values, and how many there are when not all were sampled
        status = re.search(r'<strong>status</strong><span class="col-desc muted small">Text, one of '
                           r'([a-z, ]+?)(, … \((\d+) values\))?\.[^<]*</span>', detail)
        self.assertIsNotNone(status, "the status column's sentence")
        values = status.group(1).split(", ")
        self.assertTrue(set(values) <= {"completed", "returned", "cancelled", "shipped", "pending"}, values)
        self.assertEqual(int(status.group(3) or len(values)), 5)
        # the database's own comment (COMMENT ON COLUMN) follows the sentence
        self.assertIn("The database's comment: completed, shipped, pending, cancelled or returned.",
                      html.unescape(detail))
        self.assertIn('<strong>customer_id</strong><span class="col-desc muted small">Whole number, the customer'
                      ' each order belongs to (customers.id).</span>', detail)
        # a vocabulary term on a column is in its sentence, and markup in it is escaped by the template
        cid = re.search(r'\?table=([0-9a-f-]{36})[^"]*">(?:<span[^>]*>public\.</span>)?customers<', raw).group(1)
        detail = self.c.get("/connections/%s?table=%s" % (self.shop, cid)).text
        self.assertIn('<strong>segment</strong><span class="col-desc muted small">Text, one of ', detail)
        self.assertIn('; called &quot;%s&quot; (&lt;b&gt;size&lt;/b&gt; &amp; kind).' % term, detail)
        self.assertNotIn("<b>size</b>", detail)
        vid = dm.psql("SELECT id FROM vocabulary WHERE connection_id = '%s' AND term = '%s'" % (self.shop, term))
        path = "/connections/%s/vocabulary" % self.shop
        self.assertEqual(self.c.post("%s/%s/delete" % (path, vid), {"_csrf": dm.page_csrf(self.c, path)}).status, 303)

    def test_errors_in_plain_words(self):
        admin, _, _ = dm.register()
        port = os.environ["DM_PG_PORT"]
        cases = [({"password": "wrong-password"}, "wrong user name or password"),
                 ({"password": "x' host=evil.example"}, "wrong user name or password"),
                 ({"database": "no_such_db", "password": open(os.path.join(dm.VAR, "demo-secrets", "shop_reader")).read().strip()},
                  "does not exist"),
                 ({"port": "1", "password": "x"}, "could not be reached"),
                 ({"host": "10.9.8.7", "password": "x"}, "DATAMIND_CONNECT_ALLOW")]
        for i, (over, want) in enumerate(cases):
            data = {"_csrf": dm.page_csrf(admin, "/connections/new"), "name": "Broken %d" % i,
                    "host": "127.0.0.1", "port": port, "database": "shop", "user": "shop_reader",
                    "sslmode": "disable"}
            data.update(over)
            r = admin.post("/connections", data, follow=True)
            self.assertIn(want, r.text, over)

    def test_allow_list_error_names_the_server_setting(self):
        """issue 15: an org admin was told to "ask an admin"; the allow-list is
        a setting of the server, not of the organization."""
        admin, _, _ = dm.register()
        r = admin.post("/connections", {"_csrf": dm.page_csrf(admin, "/connections/new"), "name": "Far",
                                        "host": "10.9.8.7", "port": "5432", "database": "shop",
                                        "user": "shop_reader", "sslmode": "disable", "password": "x"},
                       follow=True)
        text = html.unescape(r.text)
        self.assertIn("10.9.8.7 is not in DATAMIND_CONNECT_ALLOW, a setting of the DataMind server", text)
        self.assertIn("whoever runs the server adds it there", text)
        self.assertNotIn("ask an admin", text)

    def test_a_broken_connection_is_not_the_chat_default(self):
        """issue 15: a connection that failed its test became the chat's default,
        and viewers were sent to a "Refresh schema" button they do not have."""
        admin, slug, _ = dm.register()
        with open(os.path.join(dm.VAR, "demo-secrets", "shop_reader")) as f:
            good_pw = f.read().strip()
        base = {"host": "127.0.0.1", "port": os.environ["DM_PG_PORT"], "database": "shop",
                "user": "shop_reader", "sslmode": "disable"}
        for name, pw in (("Zed shop", good_pw), ("A broken one", "wrong-password")):
            data = dict(base, _csrf=dm.page_csrf(admin, "/connections/new"), name=name, password=pw)
            self.assertEqual(admin.post("/connections", data).status, 303)
        ids = {n: dm.psql("SELECT c.id FROM connections c JOIN organizations o ON o.id = c.org_id"
                          " WHERE o.slug = '%s' AND c.name = '%s'" % (slug, n))
               for n in ("Zed shop", "A broken one")}
        chat = admin.get("/chat").text
        self.assertRegex(chat, r'<option value="%s" selected>Zed shop' % ids["Zed shop"])
        self.assertNotRegex(chat, r'<option value="%s" selected>' % ids["A broken one"])
        # asking on the broken one: the admin is told what to press, a viewer whom to ask
        r = ask(admin, "how many orders", conn=ids["A broken one"])
        text = html.unescape(admin.get(r.header("Location")).text)
        self.assertIn("could not read the tables of A broken one", text)
        self.assertIn("Refresh schema", text)
        email = "viewer-%s@example.com" % dm.unique("v")
        dm.add_user(admin, email, "viewer")
        viewer, _ = dm.login(email)
        self.assertRegex(viewer.get("/chat").text, r'<option value="%s" selected>Zed shop' % ids["Zed shop"])
        r = ask(viewer, "how many orders", conn=ids["A broken one"])
        text = html.unescape(viewer.get(r.header("Location")).text)
        self.assertIn("could not read the tables of A broken one", text)
        self.assertIn("An analyst or admin of your organization can fix it", text)
        self.assertNotIn("Refresh schema", text)

    def test_counts_have_the_right_word(self):
        """issue 15: "20 row", "1 rows"."""
        page = run(self.c, self.shop, "SELECT 1 AS one").text
        self.assertIn("<strong>1 row</strong>", page)
        page = run(self.c, self.shop, "SELECT g FROM generate_series(1, 20) AS g").text
        self.assertIn("<strong>20 rows</strong>", page)
        page = run(self.c, self.shop, "SELECT g FROM generate_series(1, 1234) AS g").text
        self.assertIn("<strong>1,234 rows</strong>", page)
        r = ask(self.c, "how many customers")
        page = self.c.get(r.header("Location")).text
        last = page[page.rfind('<article class="msg msg-answer'):]
        self.assertIn("Table · 1 row<", last)
        self.assertRegex(last, r"· 1 row\s*</p>")
        self.assertNotIn("1 rows", last)

    def test_an_average_is_not_printed_with_twenty_decimals(self):
        """issue 15: averages printed 20 decimals."""
        full = dm.psql("SELECT avg(quantity) FROM order_items", db="shop")
        self.assertGreater(len(full.split(".")[1]), 10)
        page = run(self.c, self.shop, "SELECT avg(quantity) AS avg_qty, avg(quantity) / 1000 AS small,"
                                      " 2.50::numeric(4,2) AS price FROM order_items").text
        cells = re.findall(r'<td class="num[^"]*"><span class="trunc" title="([^"]*)">([^<]*)</span>', page)
        self.assertEqual(len(cells), 3, page[-3000:])
        (t1, v1), (t2, v2), (t3, v3) = cells
        self.assertEqual(v1, "%.2f" % float(full))
        self.assertTrue(full.startswith(t1[:12]), "the whole value in the title: %s" % t1)
        self.assertEqual(v2, "%.4g" % (float(full) / 1000))  # four significant digits below 1
        self.assertEqual(float(t3), 2.5)  # a value with few decimals is shown as it is
        self.assertEqual(t3, v3)

    def test_url_fills_the_fields_and_password_never_shown(self):
        admin, _, _ = dm.register()
        _, pw = dm.demo_login()
        reader_pw = open(os.path.join(dm.VAR, "demo-secrets", "shop_reader")).read().strip()
        url = "postgresql://shop_reader:%s@127.0.0.1:%s/shop?sslmode=disable" % (reader_pw, os.environ["DM_PG_PORT"])
        r = admin.post("/connections", {"_csrf": dm.page_csrf(admin, "/connections/new"), "name": "Via URL", "url": url},
                       follow=True)
        self.assertIn("Found 7 tables", r.text)
        cid = re.search(r"/connections/([0-9a-f-]{36})/edit", r.text).group(1)
        for page in (r.text, admin.get("/connections/%s/edit" % cid).text, admin.get("/connections").text,
                     admin.get("/audit").text):
            self.assertNotIn(reader_pw, page)
        stored = dm.psql("SELECT encode(password_enc, 'escape') FROM connections WHERE id = '%s'" % cid)
        self.assertNotIn(reader_pw, stored)

    def test_engine_choice_and_urls(self):
        """issue 16: the form takes a mysql:// URL, stores kind mysql, and
        while this build has no MySQL engine, refuses to use it in words."""
        admin, _, _ = dm.register()
        form = admin.get("/connections/new").text
        self.assertRegex(form, r'<select name="kind"')
        self.assertRegex(form, r'<option value="postgresql" selected>PostgreSQL</option>')
        for kind in ("mysql", "sqlite", "clickhouse"):
            self.assertIn('<option value="%s"' % kind, form)
        r = admin.post("/connections", {"_csrf": dm.page_csrf(admin, "/connections/new"), "name": "Maria",
                                        "url": "mysql://reader:s3cret-pw@127.0.0.1/shop"}, follow=True)
        self.assertEqual(r.status, 200)
        text = html.unescape(r.text)
        cid = re.search(r"/connections/([0-9a-f-]{36})/edit", r.text).group(1)
        row = dm.psql("SELECT kind || ' ' || host || ' ' || port || ' ' || database_name || ' ' || username "
                      "FROM connections WHERE id = '%s'" % cid)
        self.assertEqual(row, "mysql 127.0.0.1 3306 shop reader")
        self.assertIn("MySQL / MariaDB", text)  # the engine's label on its page
        built = dm.psql("SELECT last_error FROM connections WHERE id = '%s'" % cid)
        if "built without" in built or "built without" in text:
            self.assertIn("this DataMind was built without the MySQL / MariaDB engine", text + built)
            t = dm.follow_test(admin, admin.post("/connections/%s/test" % cid,
                                                 {"_csrf": dm.page_csrf(admin, "/connections")}))
            self.assertEqual(t.status, 200)
            self.assertIn("built without the MySQL / MariaDB engine", html.unescape(t.text))
        self.assertNotIn("s3cret-pw", admin.get("/connections/%s/edit" % cid).text)
        self.assertIn("MySQL / MariaDB", admin.get("/connections").text)
        # the engine's default port when the field is left empty; a sqlite file needs no host
        r = admin.post("/connections", {"_csrf": dm.page_csrf(admin, "/connections/new"), "name": "CH",
                                        "kind": "clickhouse", "host": "127.0.0.1", "port": "",
                                        "database": "default", "user": "default"}, follow=True)
        self.assertEqual(dm.psql("SELECT kind || ' ' || port FROM connections WHERE name = 'CH' AND org_id = "
                                 "(SELECT org_id FROM connections WHERE id = '%s')" % cid), "clickhouse 8123")
        r = admin.post("/connections", {"_csrf": dm.page_csrf(admin, "/connections/new"), "name": "File",
                                        "url": "sqlite:///srv/data/shop.db"}, follow=True)
        self.assertEqual(dm.psql("SELECT kind || ' ' || port || ' ' || database_name FROM connections "
                                 "WHERE name = 'File' AND org_id = (SELECT org_id FROM connections "
                                 "WHERE id = '%s')" % cid), "sqlite 0 /srv/data/shop.db")
        # bad input is refused on the form
        r = admin.post("/connections", {"_csrf": dm.page_csrf(admin, "/connections/new"), "name": "Bad",
                                        "url": "oracle://h/d"})
        self.assertEqual(r.status, 400)
        self.assertIn("not a database URL", html.unescape(r.text))
        r = admin.post("/connections", {"_csrf": dm.page_csrf(admin, "/connections/new"), "name": "Bad2",
                                        "kind": "oracle", "host": "h", "database": "d", "user": "u"})
        self.assertEqual(r.status, 400)

    def test_delete_needs_the_name(self):
        admin, _, _ = dm.register()
        r = admin.post("/connections", {"_csrf": dm.page_csrf(admin, "/connections/new"), "name": "Doomed",
                                        "host": "127.0.0.1", "port": "1", "database": "x", "user": "y",
                                        "password": "z", "sslmode": "disable"}, follow=True)
        cid = re.search(r"/connections/([0-9a-f-]{36})/edit", r.text).group(1)
        r = admin.post("/connections/%s/delete" % cid, {"_csrf": dm.page_csrf(admin, "/connections"), "confirm": "nope"})
        self.assertEqual(admin.get("/connections/%s" % cid).status, 200)
        r = admin.post("/connections/%s/delete" % cid, {"_csrf": dm.page_csrf(admin, "/connections"), "confirm": "Doomed"})
        self.assertEqual(r.status, 303)
        self.assertEqual(admin.get("/connections/%s" % cid).status, 404)


class TestExplore(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        cls.shop = dm.shop_connection_id()

    def test_run_matches_psql_and_caches(self):
        sql = "SELECT c.name, count(*) AS orders FROM customers c JOIN orders o ON o.customer_id = c.id " \
              "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 25"
        r = run(self.c, self.shop, sql)
        self.assertEqual(r.status, 200)
        self.assertEqual(rows_in(r.text), 25)
        top = dm.psql(sql.replace("LIMIT 25", "LIMIT 1"), db="shop").split("|")
        self.assertIn(">%s<" % top[1], r.text)
        r2 = run(self.c, self.shop, sql)
        self.assertIn('<span class="badge">cached</span>', r2.text)
        r3 = run(self.c, self.shop, sql, refresh="1")
        self.assertIn('<span class="badge ok">fresh</span>', r3.text)

    def test_paging_and_row_cap(self):
        r = run(self.c, self.shop, "SELECT id FROM orders ORDER BY id")
        self.assertIn("showing the first 10,000 rows; the query returned more", r.text)
        self.assertIn("Rows 1–100 of 10000", r.text)
        r = run(self.c, self.shop, "SELECT id FROM orders ORDER BY id", page="3")
        self.assertIn("Rows 201–300 of 10000", r.text)

    def test_htmx_gets_only_the_result(self):
        data = {"connection_id": self.shop, "sql": "SELECT 1 AS one"}
        hx = {"HX-Request": "true", "X-CSRF-Token": dm.page_csrf(self.c, "/explore")}
        r = dm.follow(self.c, self.c.post("/explore/run", data, headers=hx), headers=hx)
        self.assertEqual(r.status, 200)
        self.assertNotIn("<html", r.text)
        self.assertIn('class="result"', r.text)

    def test_rejections_and_errors(self):
        cases = [("DELETE FROM orders", "DataMind will not run this query"),
                 ("SELECT pg_sleep(10)", "pg_sleep"),
                 ("SELECT 1; DROP TABLE orders", "DataMind will not run this query"),
                 ("SELECT * FROM pg_catalog.pg_authid", "DataMind will not run this query"),
                 ("SELEC 1", "syntax error"),
                 ("SELECT nonexistent FROM orders", 'column "nonexistent" does not exist')]
        for sql, want in cases:
            r = run(self.c, self.shop, sql)
            self.assertEqual(r.status, 422, sql)
            self.assertIn(want, html.unescape(r.text), sql)
        r = run(self.c, self.shop, "SELECT nonexistent FROM orders")
        self.assertIn("<mark>nonexistent</mark>", r.text)
        self.assertEqual(dm.psql("SELECT count(*) FROM orders", db="shop"), "100000")
        log = self.c.get("/audit?action=query.rejected").text
        self.assertIn("query.rejected", log)

    def test_chart_and_picker(self):
        sql = "SELECT date_trunc('month', ordered_at)::date AS month, count(*) AS orders FROM orders GROUP BY 1 ORDER BY 1"
        r = run(self.c, self.shop, sql)
        self.assertIn('<svg', r.text)
        self.assertIn('role="img"', r.text)
        r = run(self.c, self.shop, sql, chart="bar")
        self.assertIn('<option value="bar" selected>', r.text)

    def test_viewer_cannot_explore(self):
        admin, slug, _ = dm.register()
        dm.add_user(admin, "v-%s@example.com" % slug, "viewer")
        v, _ = dm.login("v-%s@example.com" % slug)
        self.assertEqual(v.get("/explore").status, 403)
        self.assertEqual(v.get("/connections").status, 200)
        self.assertEqual(v.get("/connections/new").status, 403)


class TestSavedQueries(unittest.TestCase):
    def test_save_search_open_edit_delete(self):
        c = dm.demo_client()
        shop = dm.shop_connection_id()
        name = dm.unique("Monthly orders")
        r = c.post("/queries", {"_csrf": dm.page_csrf(c, "/explore"), "name": name, "description": "per month",
                                "sql": "SELECT count(*) FROM orders", "tags": "Finance, monthly",
                                "connection_id": shop, "shared": "1"})
        self.assertEqual(r.status, 303)
        qid = r.header("Location").rsplit("/", 1)[1]
        self.assertIn(name, c.get("/queries?q=finance").text)
        self.assertIn(name, c.get("/queries?q=" + urllib.parse.quote(name[:12])).text)
        page = c.get("/explore?query=%s" % qid).text
        self.assertIn("SELECT count(*) FROM orders</textarea>", page)
        r = c.post("/queries/%s" % qid, {"_csrf": dm.page_csrf(c, "/queries"), "name": name + " v2",
                                          "sql": "SELECT 2", "tags": "x", "connection_id": shop, "shared": "1"})
        self.assertEqual(r.status, 303)
        self.assertIn(name + " v2", c.get("/queries/%s" % qid).text)
        r = c.post("/queries/%s/delete" % qid, {"_csrf": dm.page_csrf(c, "/queries")})
        self.assertEqual(r.status, 303)
        self.assertEqual(c.get("/queries/%s" % qid).status, 404)

    def test_private_queries_stay_private(self):
        admin, slug, _ = dm.register()
        dm.add_user(admin, "a2-%s@example.com" % slug, "analyst")
        other, _ = dm.login("a2-%s@example.com" % slug)
        r = admin.post("/queries", {"_csrf": dm.page_csrf(admin, "/explore"), "name": "Secret", "sql": "SELECT 1"})
        qid = r.header("Location").rsplit("/", 1)[1]
        self.assertEqual(other.get("/queries/%s" % qid).status, 404)
        self.assertNotIn("Secret", other.get("/queries").text)
        r = other.post("/queries/%s/delete" % qid, {"_csrf": dm.page_csrf(other, "/queries")})
        self.assertEqual(r.status, 404)


class TestCrossOrg(unittest.TestCase):
    def test_other_orgs_ids_are_404(self):
        shop = dm.shop_connection_id()
        demo = dm.demo_client()
        r = demo.post("/queries", {"_csrf": dm.page_csrf(demo, "/explore"), "name": "Demo shared",
                                   "sql": "SELECT 1", "shared": "1", "connection_id": shop})
        qid = r.header("Location").rsplit("/", 1)[1]
        intruder, _, _ = dm.register()
        tok = lambda: dm.page_csrf(intruder, "/connections")
        for method, path in (("GET", "/connections/%s" % shop), ("GET", "/connections/%s/edit" % shop),
                             ("POST", "/connections/%s" % shop), ("POST", "/connections/%s/test" % shop),
                             ("POST", "/connections/%s/refresh" % shop), ("POST", "/connections/%s/delete" % shop),
                             ("POST", "/connections/%s/functions" % shop),
                             ("GET", "/queries/%s" % qid), ("POST", "/queries/%s" % qid),
                             ("POST", "/queries/%s/delete" % qid)):
            data = {"_csrf": tok(), "name": "x", "sql": "SELECT 1", "confirm": "Shop", "host": "h",
                    "database": "d", "user": "u"} if method == "POST" else None
            r = intruder.request(method, path, data=data)
            self.assertEqual(r.status, 404, "%s %s" % (method, path))
        r = run(intruder, shop, "SELECT count(*) FROM customers")
        self.assertEqual(r.status, 422)
        self.assertIn("does not exist", r.text)
        self.assertIn(">Shop<", demo.get("/connections").text, "untouched")
        # the intruder cannot attach a saved query to another org's connection
        r = intruder.post("/queries", {"_csrf": dm.page_csrf(intruder, "/explore"), "name": "Sneaky",
                                       "sql": "SELECT 1", "connection_id": shop})
        page = intruder.get(r.header("Location")).text
        self.assertNotIn("Shop", page.split("<pre>")[0].split("by ")[1][:80])


if __name__ == "__main__":
    unittest.main()
