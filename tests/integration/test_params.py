"""Issue 15 item 2: {{name}} query parameters — typed inputs in Explore,
saved queries (defaults, ?p_name= links), dashboard widgets fed by the
dashboard's filters, alerts with stored values. Values are bound as
parameters: a hostile value is data, and the result cache keeps each
value's result apart."""
import html
import re
import unittest

import dm

BY_STATUS = "SELECT count(*) AS n FROM orders WHERE status = {{status}}"


def cell_values(page):
    return re.findall(r'<span class="trunc" title="([^"]*)"', page)


def count(client, conn, status):
    return int(dm.psql("SELECT count(*) FROM orders WHERE status = '%s'" % status, db="shop"))


class TestExploreParams(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org()

    def test_missing_value_shows_the_inputs_and_names_it(self):
        r = dm.explore_post(self.c, self.conn, BY_STATUS)
        self.assertEqual(r.status, 422, r.text[-2000:])
        self.assertIn("the parameter {{status}} has no value", html.unescape(r.text))
        self.assertIn('name="p_status"', r.text)
        self.assertIn('name="pt_status"', r.text)
        self.assertIn("Fill in {{status}}", html.unescape(r.text))

    def test_value_is_bound_and_runs(self):
        r = dm.explore_run(self.c, self.conn, BY_STATUS, p_status="completed", pt_status="text")
        self.assertEqual(r.status, 200, r.text[-2000:])
        self.assertEqual(cell_values(r.text), [str(count(self.c, self.conn, "completed"))])
        # the inputs keep the value, and the result's forms carry it
        self.assertIn('name="p_status" value="completed"', r.text)
        self.assertGreaterEqual(r.text.count('type="hidden" name="p_status" value="completed"'), 2)

    def test_htmx_brings_the_inputs_out_of_band(self):
        hx = {"HX-Request": "true", "X-CSRF-Token": dm.page_csrf(self.c, "/explore")}
        r = self.c.post("/explore/run", {"connection_id": self.conn, "sql": BY_STATUS}, headers=hx)
        self.assertEqual(r.status, 422)
        self.assertNotIn("<html", r.text)
        self.assertIn('<div id="params" hx-swap-oob="true">', r.text)
        self.assertIn('name="p_status"', r.text)

    def test_hostile_values_are_data(self):
        for v in ["x' OR '1'='1", "'; DROP TABLE orders; --", "completed\"; --", "{{status}}",
                  "$1", "x" * 20000]:
            r = dm.explore_run(self.c, self.conn, BY_STATUS, p_status=v)
            self.assertEqual(r.status, 200, (v[:40], r.text[-1500:]))
            self.assertEqual(cell_values(r.text), ["0"], v[:40])
        self.assertGreater(int(dm.psql("SELECT count(*) FROM orders", db="shop")), 0)

    def test_types_are_checked_and_bound(self):
        sql = "SELECT count(*) AS n FROM order_items WHERE quantity >= {{q}}"
        r = dm.explore_post(self.c, self.conn, sql, p_q="3; DROP TABLE x", pt_q="number")
        self.assertEqual(r.status, 422)
        self.assertIn("the parameter {{q}} is a number", html.unescape(r.text))
        r = dm.explore_run(self.c, self.conn, sql, p_q="3", pt_q="number")
        want = dm.psql("SELECT count(*) FROM order_items WHERE quantity >= 3", db="shop")
        self.assertEqual(cell_values(r.text), [want])
        sql = "SELECT count(*) AS n FROM orders WHERE ordered_at >= {{start}}"
        r = dm.explore_post(self.c, self.conn, sql, p_start="last week", pt_start="date")
        self.assertEqual(r.status, 422)
        self.assertIn("write it as YYYY-MM-DD", r.text)
        r = dm.explore_run(self.c, self.conn, sql, p_start="2024-01-01", pt_start="date")
        want = dm.psql("SELECT count(*) FROM orders WHERE ordered_at >= DATE '2024-01-01'", db="shop")
        self.assertEqual(cell_values(r.text), [want])

    def test_braces_in_literals_and_comments_are_text(self):
        sql = "SELECT '{{not_a_param}}' AS s -- {{nor_this}}\n, {{yes}} AS v"
        r = dm.explore_run(self.c, self.conn, sql, p_yes="hello")
        self.assertEqual(r.status, 200, r.text[-1500:])
        self.assertEqual(cell_values(r.text), ["{{not_a_param}}", "hello"])
        self.assertNotIn('name="p_not_a_param"', r.text)

    def test_bad_name_and_positional_parameters_are_refused(self):
        r = dm.explore_post(self.c, self.conn, "SELECT {{1x}}")
        self.assertEqual(r.status, 422)
        self.assertIn("not a name", r.text)
        r = dm.explore_post(self.c, self.conn, "SELECT $1")
        self.assertEqual(r.status, 422)
        self.assertIn("{{name}}", html.unescape(r.text))

    def test_the_rewritten_sql_is_still_validated(self):
        r = dm.explore_post(self.c, self.conn, "SELECT {{a}}; DELETE FROM orders", p_a="1")
        self.assertEqual(r.status, 422)
        self.assertIn("DataMind will not run this query", r.text)

    def test_error_in_parameterised_sql_is_not_marked_at_a_wrong_place(self):
        r = dm.explore_run(self.c, self.conn, "SELECT {{a}}::int + nosuchcolumn", p_a="1")
        self.assertEqual(r.status, 422)
        self.assertIn("nosuchcolumn", r.text)
        self.assertNotIn("<mark>", r.text)

    def test_export_of_the_result_takes_the_values(self):
        r = self.c.post("/explore/export", {"_csrf": dm.page_csrf(self.c, "/explore"),
                                            "connection_id": self.conn, "sql": BY_STATUS,
                                            "p_status": "pending", "pt_status": "text",
                                            "format": "csv"})
        self.assertEqual(r.status, 200, r.text[:300])
        self.assertEqual(r.text.strip().splitlines()[-1], str(count(self.c, self.conn, "pending")))

    def test_cache_keeps_values_apart(self):
        a = dm.explore_run(self.c, self.conn, BY_STATUS, p_status="shipped")
        b = dm.explore_run(self.c, self.conn, BY_STATUS, p_status="cancelled")
        self.assertNotEqual(cell_values(a.text), cell_values(b.text))
        self.assertEqual(cell_values(b.text), [str(count(self.c, self.conn, "cancelled"))])
        a2 = dm.explore_run(self.c, self.conn, BY_STATUS, p_status="shipped")
        self.assertIn("cached", a2.text)
        self.assertEqual(cell_values(a2.text), [str(count(self.c, self.conn, "shipped"))])
        b2 = dm.explore_run(self.c, self.conn, BY_STATUS, p_status="cancelled")
        self.assertEqual(cell_values(b2.text), [str(count(self.c, self.conn, "cancelled"))])


if __name__ == "__main__":
    unittest.main()


class TestSavedQueryParams(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org()
        # saved from Explore's panel: the parameters' types and defaults go with it
        r = cls.c.post("/queries", {"_csrf": dm.page_csrf(cls.c, "/explore"), "name": "By status",
                                    "sql": BY_STATUS + " AND channel = {{channel}}",
                                    "connection_id": cls.conn, "p_status": "completed",
                                    "pt_status": "list", "pc_status": "orders.status",
                                    "p_channel": "", "pt_channel": "text", "shared": "1"})
        assert r.status == 303, r.status
        cls.qid = r.header("Location").rsplit("/", 1)[1]

    def test_declarations_are_saved(self):
        got = dm.psql("SELECT params FROM saved_queries WHERE id = '%s'" % self.qid)
        self.assertIn('"type": "list"', got)
        self.assertIn('"value": "completed"', got)
        self.assertIn('"column": "orders.status"', got)
        # the list's choices: the column's distinct values (a bounded SELECT
        # DISTINCT through the read-only path), once discovery found the table
        found = ("SELECT count(*) FROM schema_tables WHERE connection_id = '%s'"
                 " AND table_name = 'orders'" % self.conn)
        self.assertTrue(dm.wait_for(lambda: dm.psql(found) == "1", timeout=60))
        page = self.c.get("/queries/%s" % self.qid).text
        # a run form (GET to Explore: the address is the shareable link)
        self.assertIn('<form method="get" action="/explore"', page)
        # the list's choices are the column's sampled values
        for status in dm.psql("SELECT DISTINCT status FROM orders", db="shop").split():
            self.assertIn('<option value="%s"' % status, page)

    def test_link_with_values_runs_and_is_shareable(self):
        url = "/explore?query=%s&p_status=shipped&p_channel=web" % self.qid
        r = dm.follow(self.c, self.c.get(url))
        self.assertEqual(r.status, 200, r.text[-2000:])
        want = dm.psql("SELECT count(*) FROM orders WHERE status = 'shipped' AND channel = 'web'",
                       db="shop")
        self.assertEqual(cell_values(r.text), [want])
        # another user of the organization opens the same link: the same result
        email = dm.unique("a") + "@example.com"
        dm.add_user(self.c, email, "analyst")
        other, _ = dm.login(email, org=self.slug)
        r2 = dm.follow(other, other.get(url))
        self.assertEqual(cell_values(r2.text), [want])
        # a value missing from the link (no default) is named, not guessed
        r = self.c.get("/explore?query=%s&p_status=shipped" % self.qid)
        self.assertEqual(r.status, 422)
        self.assertIn("{{channel}} has no value", html.unescape(r.text))

    def test_default_used_and_export_takes_the_values(self):
        r = dm.follow(self.c, self.c.get("/explore?query=%s&p_channel=store" % self.qid))
        want = dm.psql("SELECT count(*) FROM orders WHERE status = 'completed' AND channel = 'store'",
                       db="shop")
        self.assertEqual(cell_values(r.text), [want])
        csv = self.c.get("/queries/%s/export?format=csv&p_channel=mobile&p_status=cancelled" % self.qid)
        self.assertEqual(csv.status, 200, csv.text[:500])
        want = dm.psql("SELECT count(*) FROM orders WHERE status = 'cancelled' AND channel = 'mobile'",
                       db="shop")
        self.assertEqual(csv.text.strip().splitlines()[-1], want)


def new_dashboard(client, title):
    r = client.post("/dashboards", {"_csrf": dm.page_csrf(client, "/dashboards"), "title": title})
    assert r.status == 303, r.status
    return r.header("Location").rsplit("/", 1)[1]


def add_table_widget(client, did, conn, sql, title, **params):
    data = {"_csrf": dm.page_csrf(client, "/dashboards/%s" % did), "source": "sql", "title": title,
            "kind": "table", "sql": sql, "connection_id": conn}
    data.update(params)
    r = client.post("/dashboards/%s/widgets" % did, data)
    assert r.status == 303, r.status
    return dm.psql("SELECT id FROM widgets WHERE dashboard_id = '%s' AND title = '%s'" % (did, title))


def card(page, wid):
    """The widget's card on a dashboard page (up to the next card)."""
    m = re.search(r'id="w-%s".*?(?=<article class="card widget|\Z)' % wid, page, re.S)
    return m.group(0) if m else ""


class TestWidgetParams(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org()
        cls.did = new_dashboard(cls.c, "Params board")
        cls.by_status = add_table_widget(cls.c, cls.did, cls.conn, BY_STATUS, "By status",
                                         p_status="completed", pt_status="text")
        cls.dated = add_table_widget(
            cls.c, cls.did, cls.conn,
            "SELECT count(*) AS n FROM orders WHERE ordered_at >= {{start}} AND ordered_at < {{end}}::date + 1",
            "Dated", p_start="2000-01-01", pt_start="date", p_end="2100-01-01", pt_end="date")

    def test_default_then_dashboard_filter_feeds_the_widget(self):
        self.c.post("/dashboards/%s/widgets/%s/refresh" % (self.did, self.by_status),
                    {"_csrf": dm.page_csrf(self.c, "/dashboards/%s" % self.did)})
        page = self.c.get("/dashboards/%s" % self.did).text
        self.assertEqual(cell_values(card(page, self.by_status)),
                         [str(count(self.c, self.conn, "completed"))])
        # the filter bar has a box for {{status}} (not for start/end: the date range sets them)
        self.assertIn('name="p_status"', page)
        self.assertNotIn('name="p_start"', page)
        for status in ("shipped", "cancelled", "shipped"):
            page = self.c.get("/dashboards/%s?p_status=%s" % (self.did, status)).text
            self.assertEqual(cell_values(card(page, self.by_status)),
                             [str(count(self.c, self.conn, status))], status)
            self.assertIn('name="p_status" value="%s"' % status, page)
        # the filtered view did not overwrite the stored (default) result
        page = self.c.get("/dashboards/%s" % self.did).text
        self.assertEqual(cell_values(card(page, self.by_status)),
                         [str(count(self.c, self.conn, "completed"))])
        # a hostile filter value is data
        page = self.c.get("/dashboards/%s?p_status=%%27%%3B%%20DROP%%20TABLE%%20orders%%3B--" % self.did).text
        self.assertEqual(cell_values(card(page, self.by_status)), ["0"])

    def test_widget_csv_takes_the_dashboard_filter(self):
        page = self.c.get("/dashboards/%s?p_status=returned" % self.did).text
        self.assertIn("/widgets/%s/export?format=csv&amp;p_status=returned" % self.by_status, page)
        csv = self.c.get("/dashboards/%s/widgets/%s/export?format=csv&p_status=returned"
                         % (self.did, self.by_status))
        self.assertEqual(csv.status, 200, csv.text[:300])
        self.assertEqual(csv.text.strip().splitlines()[-1], str(count(self.c, self.conn, "returned")))
        csv = self.c.get("/dashboards/%s/widgets/%s/export?format=csv" % (self.did, self.by_status))
        self.assertEqual(csv.text.strip().splitlines()[-1], str(count(self.c, self.conn, "completed")))

    def test_date_range_feeds_start_and_end(self):
        page = self.c.get("/dashboards/%s?range=custom&from=2024-01-01&to=2024-03-31" % self.did).text
        want = dm.psql("SELECT count(*) FROM orders WHERE ordered_at >= DATE '2024-01-01' "
                       "AND ordered_at < DATE '2024-04-01'", db="shop")
        self.assertEqual(cell_values(card(page, self.dated)), [want])
        page = self.c.get("/dashboards/%s?range=custom&from=2024-02-01&to=2024-02-29" % self.did).text
        want = dm.psql("SELECT count(*) FROM orders WHERE ordered_at >= DATE '2024-02-01' "
                       "AND ordered_at < DATE '2024-03-01'", db="shop")
        self.assertEqual(cell_values(card(page, self.dated)), [want])
        # the lazily loaded card (htmx) takes the same filters from its query string
        frag = self.c.get("/dashboards/%s/widgets/%s?range=custom&from=2024-02-01&to=2024-02-29"
                          % (self.did, self.dated), headers={"HX-Request": "true"}).text
        self.assertEqual(cell_values(frag), [want])

    def test_widget_editor_keeps_types_and_defaults(self):
        form = self.c.get("/dashboards/%s/widgets/%s/edit" % (self.did, self.dated)).text
        self.assertIn('name="p_start" value="2000-01-01"', form)
        self.assertRegex(form, r'name="pt_start"[^>]*>.*?<option value="date" selected>', )

    def test_missing_default_names_the_parameter(self):
        wid = add_table_widget(self.c, self.did, self.conn, "SELECT {{who}}::text AS who", "Who")
        page = self.c.get("/dashboards/%s" % self.did).text
        self.assertIn("{{who}} has no value", html.unescape(card(page, wid)))
        page = self.c.get("/dashboards/%s?p_who=Ada" % self.did).text
        self.assertEqual(cell_values(card(page, wid)), ["Ada"])


class TestAlertParams(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org()

    def create(self, **fields):
        data = {"_csrf": dm.page_csrf(self.c, "/alerts/new"), "name": dm.unique("Alert"),
                "connection_id": self.conn, "sql": BY_STATUS, "condition": "above",
                "threshold": "0", "interval_minutes": "60"}
        data.update(fields)
        return self.c.post("/alerts", data)

    def test_stored_values_run_every_check(self):
        r = self.create()
        self.assertEqual(r.status, 400)
        self.assertIn("{{status}} has no value", html.unescape(r.text))
        self.assertIn('name="p_status"', r.text)
        r = self.create(p_status="shipped", pt_status="text")
        self.assertEqual(r.status, 303, r.text[-1500:])
        aid = r.header("Location").rsplit("/", 1)[1]
        self.assertIn('"value": "shipped"', dm.psql("SELECT params FROM alerts WHERE id = '%s'" % aid))
        self.c.post("/alerts/%s/check" % aid, {"_csrf": dm.page_csrf(self.c, "/alerts/%s" % aid)})
        want = float(count(self.c, self.conn, "shipped"))
        got = dm.wait_for(lambda: dm.psql("SELECT last_value FROM alerts WHERE id = '%s'" % aid),
                          timeout=60)
        self.assertEqual(float(got), want)
        form = self.c.get("/alerts/%s/edit" % aid).text
        self.assertIn('name="p_status" value="shipped"', form)

    def test_badly_typed_value_is_refused(self):
        r = self.create(sql="SELECT count(*) FROM order_items WHERE quantity > {{q}}",
                        p_q="lots", pt_q="number")
        self.assertEqual(r.status, 400)
        self.assertIn("{{q}} is a number", html.unescape(r.text))

    def test_alert_from_a_saved_query_takes_its_parameters(self):
        r = self.c.post("/queries", {"_csrf": dm.page_csrf(self.c, "/explore"), "name": "Q",
                                     "sql": BY_STATUS, "connection_id": self.conn,
                                     "p_status": "returned", "pt_status": "text"})
        qid = r.header("Location").rsplit("/", 1)[1]
        form = self.c.get("/alerts/new?query=%s" % qid).text
        self.assertIn('name="p_status" value="returned"', form)
        form = self.c.get("/alerts/new?query=%s&p_status=pending" % qid).text
        self.assertIn('name="p_status" value="pending"', form)
