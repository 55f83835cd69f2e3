"""Dashboards: pin from chat, refresh, edit, share, viewer read-only, SVG
with ETag, filters, text widgets, failures in their own card, cross-org."""
import html
import os
import re
import threading
import unittest

import dm
from test_chat import ask


def new_dashboard(client, title="Board", shared=False):
    data = {"_csrf": dm.page_csrf(client, "/dashboards"), "title": title}
    if shared:
        data["shared"] = "1"
    r = client.post("/dashboards", data)
    assert r.status == 303, r.status
    return r.header("Location").rsplit("/", 1)[1]


def pin(client, message_id, dash_id):
    r = client.post("/dashboards/pin", {"_csrf": dm.page_csrf(client, "/dashboards"),
                                        "message_id": message_id, "dashboard_id": dash_id})
    return r


def answer_id(client, question):
    r = ask(client, question)
    page = client.get(r.header("Location")).text
    return re.findall(r'name="message_id" value="([0-9a-f-]{36})"', page)[-1]


def widget_ids(page):
    return re.findall(r'<article class="card widget[^"]*" id="w-([0-9a-f-]{36})"', page)


def add_sql_widget(client, did, sql, title="SQL widget", kind="chart"):
    return client.post("/dashboards/%s/widgets" % did, {
        "_csrf": dm.page_csrf(client, "/dashboards/%s" % did), "source": "sql", "title": title,
        "kind": kind, "sql": sql, "connection_id": dm.shop_connection_id()})


class TestDashboards(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()

    def test_pin_refresh_edit_share_viewer(self):
        did = new_dashboard(self.c, dm.unique("Sales"))
        mid = answer_id(self.c, "revenue by region")
        r = pin(self.c, mid, did)
        self.assertEqual(r.status, 303)
        page = self.c.get("/dashboards/%s" % did).text
        self.assertIn("revenue by region", page)
        self.assertIn("<svg", page)
        wid = widget_ids(page)[0]
        # refresh one widget and the whole dashboard
        tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
        self.assertEqual(self.c.post("/dashboards/%s/widgets/%s/refresh" % (did, wid), {"_csrf": tok}).status, 303)
        self.assertEqual(self.c.post("/dashboards/%s/refresh" % did, {"_csrf": tok}).status, 303)
        # edit: title, kind, size
        r = self.c.post("/dashboards/%s/widgets/%s" % (did, wid), {"_csrf": tok, "title": "Regions",
                        "kind": "chart", "size": "full", "type": "hbar"})
        self.assertEqual(r.status, 303)
        page = self.c.get("/dashboards/%s" % did).text
        self.assertIn("size-full", page)
        self.assertIn(">Regions<", page)
        # the edit page shows a preview
        self.assertIn("<svg", self.c.get("/dashboards/%s/widgets/%s/edit?type=pie" % (did, wid)).text)
        # share, then a viewer reads it but cannot change it
        email = "viewer-%s@example.com" % dm.unique("v")
        dm.add_user(self.c, email, "viewer")
        viewer, _ = dm.login(email)
        self.assertEqual(viewer.get("/dashboards/%s" % did).status, 404, "private first")
        r = self.c.post("/dashboards/%s" % did, {"_csrf": tok, "title": "Shared sales", "shared": "1",
                                                  "refresh_minutes": "5"})
        self.assertEqual(r.status, 303)
        page = viewer.get("/dashboards/%s" % did).text
        self.assertIn("Shared sales", page)
        # the saved auto-refresh is used: the page polls at it, the form shows it
        self.assertIn('hx-trigger="every 300s"', page)
        self.assertIn('<option value="5" selected>', self.c.get("/dashboards/%s" % did).text)
        self.assertNotIn("Add a widget", page)
        self.assertNotIn("/edit", page)
        vt = dm.page_csrf(viewer, "/dashboards/%s" % did)
        self.assertEqual(viewer.post("/dashboards/%s/widgets/%s/delete" % (did, wid), {"_csrf": vt}).status, 403)
        self.assertEqual(viewer.post("/dashboards/%s" % did, {"_csrf": vt, "title": "x"}).status, 403)
        self.assertEqual(viewer.post("/dashboards/%s/refresh" % did, {"_csrf": vt}).status, 303)
        log = self.c.get("/audit?resource_type=dashboard").text
        self.assertIn("dashboard.share", log)

    def test_svg_with_etag(self):
        did = new_dashboard(self.c)
        pin(self.c, answer_id(self.c, "orders by channel"), did)
        wid = widget_ids(self.c.get("/dashboards/%s" % did).text)[0]
        r = self.c.get("/dashboards/%s/widgets/%s.svg" % (did, wid))
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type").startswith("image/svg+xml"))
        etag = r.header("ETag")
        self.assertTrue(etag)
        r2 = self.c.get("/dashboards/%s/widgets/%s.svg" % (did, wid), headers={"If-None-Match": etag})
        self.assertEqual(r2.status, 304)
        self.assertEqual(dm.Client().get("/dashboards/%s/widgets/%s.svg" % (did, wid)).status, 303)

    def test_text_widget_is_safe_markdown(self):
        did = new_dashboard(self.c)
        r = self.c.post("/dashboards/%s/widgets" % did, {
            "_csrf": dm.page_csrf(self.c, "/dashboards/%s" % did), "source": "text", "title": "Notes",
            "markdown": "## Hello\n<script>alert(1)</script>\n[x](javascript:alert(2)) [ok](https://intranet/wiki)"})
        self.assertEqual(r.status, 303)
        page = self.c.get("/dashboards/%s" % did).text
        self.assertIn("<h2>Hello</h2>", page)
        self.assertNotIn("<script>alert(1)", page)
        self.assertNotIn("javascript:alert", page)
        self.assertIn('rel="noopener noreferrer" href="https://intranet/wiki"', page)

    def test_failing_widget_keeps_the_page(self):
        did = new_dashboard(self.c)
        add_sql_widget(self.c, did, "SELECT count(*) AS orders FROM orders", "Good", "kpi")
        add_sql_widget(self.c, did, "SELECT no_such_column FROM orders", "Broken")
        add_sql_widget(self.c, did, "DELETE FROM orders", "Hostile")
        page = html.unescape(self.c.get("/dashboards/%s" % did).text)
        self.assertIn("100K", page.replace("100,000", "100K"))
        self.assertIn('column "no_such_column" does not exist', page)
        self.assertIn("DELETE", page)  # refused, shown in its card
        self.assertEqual(dm.psql("SELECT count(*) FROM orders", db="shop"), "100000")

    def test_widget_from_a_saved_query(self):
        shop = dm.shop_connection_id()
        name = dm.unique("Orders so far")
        qid = dm.save_query(self.c, name, "SELECT count(*) AS orders FROM orders", shop)
        did = new_dashboard(self.c, dm.unique("From queries"))
        page = self.c.get("/dashboards/%s/widgets/new" % did).text  # the add-widget form
        self.assertIn('<option value="%s">%s</option>' % (qid, name), page)  # offered in the form
        tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
        r = self.c.post("/dashboards/%s/widgets" % did, {"_csrf": tok, "source": "query", "query_id": qid,
                                                          "title": ""})
        self.assertEqual(r.status, 303)
        row = dm.psql("SELECT title || '|' || sql_text || '|' || connection_id FROM widgets "
                      "WHERE dashboard_id = '%s'" % did)
        self.assertEqual(row, "%s|SELECT count(*) AS orders FROM orders|%s" % (name, shop))
        # someone else's private query is not a source
        admin, slug, _ = dm.register()
        theirs = dm.save_query(admin, "Theirs", "SELECT 1")
        r = self.c.post("/dashboards/%s/widgets" % did, {"_csrf": tok, "source": "query", "query_id": theirs,
                                                          "title": ""}, follow=True)
        self.assertIn("Pick one of your saved queries.", r.text)
        self.assertEqual(dm.psql("SELECT count(*) FROM widgets WHERE dashboard_id = '%s'" % did), "1")

    def test_date_filter_wraps_the_query(self):
        did = new_dashboard(self.c)
        add_sql_widget(self.c, did, "SELECT ordered_at::date AS day, count(*) AS orders FROM orders GROUP BY 1",
                       "Orders per day", "table")
        page = self.c.get("/dashboards/%s" % did).text
        wid = widget_ids(page)[0]
        tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
        self.c.post("/dashboards/%s/widgets/%s" % (did, wid), {"_csrf": tok, "title": "Orders per day",
                    "kind": "table", "size": "medium", "date_column": "day"})
        r = self.c.get("/dashboards/%s?range=7d" % did)
        self.assertIn("filtered", r.text)
        days = re.findall(r'<td class=""><span class="trunc" title="(\d{4}-\d\d-\d\d)"', r.text)
        self.assertTrue(days)
        self.assertLessEqual(len(set(days)), 8)

    def day_widget(self):
        did = new_dashboard(self.c, dm.unique("Filters"))
        add_sql_widget(self.c, did, "SELECT ordered_at::date AS day, count(*) AS orders FROM orders GROUP BY 1",
                       "Orders per day", "table")
        wid = widget_ids(self.c.get("/dashboards/%s" % did).text)[0]
        tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
        self.c.post("/dashboards/%s/widgets/%s" % (did, wid), {"_csrf": tok, "title": "Orders per day",
                    "kind": "table", "size": "medium", "date_column": "day"})
        return did

    def days_shown(self, did, qs):
        r = self.c.get("/dashboards/%s?%s" % (did, qs))
        self.assertEqual(r.status, 200)
        days = sorted(set(re.findall(r'<td class=""><span class="trunc" title="(\d{4}-\d\d-\d\d)"', r.text)))
        chosen = re.findall(r'<option value="(\w+)" selected>', r.text)
        return days, chosen, r.text

    def test_typed_dates_apply_without_custom(self):
        """issue 15: From/To were ignored unless "Custom" was picked too."""
        did = self.day_widget()
        days, chosen, page = self.days_shown(did, "range=all&from=2026-03-01&to=2026-03-10")
        self.assertEqual((days[0], days[-1]), ("2026-03-01", "2026-03-10"))
        self.assertIn("custom", chosen)
        self.assertIn('name="from" value="2026-03-01"', page)
        # only one end typed
        days, _, _ = self.days_shown(did, "range=all&from=&to=2024-01-05")
        self.assertEqual(days[-1], "2024-01-05")
        # dates typed over a preset that was applied before (its boxes were empty): the dates win
        days, chosen, _ = self.days_shown(did, "range=30d&from=2026-03-01&to=2026-03-02&shown_from=&shown_to=")
        self.assertEqual(days, ["2026-03-01", "2026-03-02"])
        self.assertIn("custom", chosen)
        # a preset picked after custom dates (the dates still in their boxes): the preset wins
        days, chosen, page = self.days_shown(
            did, "range=7d&from=2026-03-01&to=2026-03-02&shown_from=2026-03-01&shown_to=2026-03-02")
        self.assertIn("7d", chosen)
        self.assertNotIn("2026-03-01", days)
        self.assertLessEqual(len(days), 8)
        self.assertIn('name="from" value=""', page)
        # nonsense dates are not a filter
        days, chosen, _ = self.days_shown(did, "range=all&from=2026-13-99&to=x")
        self.assertIn("all", chosen)
        self.assertGreater(len(days), 40)

    def test_every_range_keeps_a_bar_chart(self):
        """issue 15: "Last 30 days" turned a bar widget into "a bar chart needs an x column"."""
        did = new_dashboard(self.c, dm.unique("Bars"))
        pin(self.c, answer_id(self.c, "revenue by month this year"), did)
        wid = widget_ids(self.c.get("/dashboards/%s" % did).text)[0]
        tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
        self.c.post("/dashboards/%s/widgets/%s" % (did, wid), {"_csrf": tok, "title": "Revenue by month",
                    "kind": "chart", "size": "medium", "type": "bar", "date_column": "month"})
        for qs in ("range=all", "range=7d", "range=30d", "range=90d", "range=year",
                   "range=custom&from=2026-01-01", "range=custom&to=2026-02-01",
                   "range=all&from=2026-01-01&to=2026-01-31", "range=custom&from=2031-01-01"):
            r = self.c.get("/dashboards/%s/widgets/%s?%s" % (did, wid, qs))  # the card htmx loads
            self.assertEqual(r.status, 200, qs)
            self.assertNotIn("needs", r.text, qs)
            self.assertNotIn("widget-error", r.text, qs)
            self.assertIn("<svg", r.text, qs)
            page = self.c.get("/dashboards/%s?%s" % (did, qs)).text
            self.assertNotIn("needs an x column", page, qs)
            if qs != "range=all":
                self.assertIn("filtered", r.text, qs)

    def test_widget_editor_shows_what_was_saved(self):
        """issue 15: the editor did not show the saved chart type or date column
        and had no connection picker."""
        did = new_dashboard(self.c, dm.unique("Editor"))
        pin(self.c, answer_id(self.c, "revenue by region"), did)
        wid = widget_ids(self.c.get("/dashboards/%s" % did).text)[0]
        tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
        url = "/dashboards/%s/widgets/%s" % (did, wid)
        r = self.c.post(url, {"_csrf": tok, "title": "Regions", "kind": "chart", "size": "large",
                              "type": "hbar", "x": "region", "y": "revenue", "date_column": "region",
                              "connection_id": dm.shop_connection_id()})
        self.assertEqual(r.status, 303)
        page = html.unescape(self.c.get(url + "/edit").text)
        selected = dict(re.findall(r'<select name="(\w+)">(?:(?!</select>).)*?<option value="([^"]*)" selected>',
                                   page, re.S))
        self.assertEqual(selected.get("kind"), "chart")
        self.assertEqual(selected.get("size"), "large")
        self.assertEqual(selected.get("type"), "hbar")
        self.assertEqual(selected.get("x"), "region")
        self.assertEqual(selected.get("y"), "revenue")
        self.assertEqual(selected.get("date_column"), "region")
        self.assertEqual(selected.get("connection_id"), dm.shop_connection_id())
        # a connection that is not this organization's (none, or another's) is
        # refused: the widget keeps its own
        other, slug, _ = dm.register()
        with open(os.path.join(dm.VAR, "demo-secrets", "shop_reader")) as f:
            pw = f.read().strip()
        other.post("/connections", {"_csrf": dm.page_csrf(other, "/connections/new"), "name": "Theirs",
                                    "host": "127.0.0.1", "port": os.environ["DM_PG_PORT"], "database": "shop",
                                    "user": "shop_reader", "sslmode": "disable", "password": pw})
        theirs = dm.psql("SELECT c.id FROM connections c JOIN organizations o ON o.id = c.org_id"
                         " WHERE o.slug = '%s' AND c.name = 'Theirs'" % slug)
        self.assertTrue(theirs)
        for bad in ("00000000-0000-4000-8000-000000000000", theirs, "not-a-uuid"):
            r = self.c.post(url, {"_csrf": tok, "title": "Regions", "kind": "chart", "size": "large",
                                  "connection_id": bad})
            self.assertEqual(r.status, 303)
            page = html.unescape(self.c.get(url + "/edit").text)
            self.assertIn('value="%s" selected' % dm.shop_connection_id(), page)
            self.assertEqual(dm.psql("SELECT connection_id FROM widgets WHERE id = '%s'" % wid),
                             dm.shop_connection_id())
        self.assertIn("revenue", self.c.get("/dashboards/%s" % did).text)

    def test_move_duplicate_delete_and_many_widgets(self):
        did = new_dashboard(self.c)
        for i in range(12):
            add_sql_widget(self.c, did, "SELECT %d AS n" % i, "W%02d" % i, "kpi")
        page = self.c.get("/dashboards/%s" % did).text
        ids = widget_ids(page)
        self.assertEqual(len(ids), 12)
        tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
        self.c.post("/dashboards/%s/widgets/%s/move" % (did, ids[1]), {"_csrf": tok, "direction": "up"})
        self.assertEqual(widget_ids(self.c.get("/dashboards/%s" % did).text)[:2], [ids[1], ids[0]])
        # two people moving at once: still 12 distinct widgets, a consistent order
        def mover(i):
            c = dm.demo_client()
            t = dm.page_csrf(c, "/dashboards/%s" % did)
            for _ in range(5):
                c.post("/dashboards/%s/widgets/%s/move" % (did, ids[i]), {"_csrf": t, "direction": "down"})
        ts = [threading.Thread(target=mover, args=(i,)) for i in (3, 7)]
        [t.start() for t in ts]
        [t.join() for t in ts]
        after = widget_ids(self.c.get("/dashboards/%s" % did).text)
        self.assertEqual(sorted(after), sorted(ids))
        r = self.c.post("/dashboards/%s/duplicate" % did, {"_csrf": tok})
        copy = r.header("Location").rsplit("/", 1)[1]
        self.assertEqual(len(widget_ids(self.c.get("/dashboards/%s" % copy).text)), 12)
        r = self.c.post("/dashboards/%s/delete" % did, {"_csrf": tok})
        self.assertEqual(self.c.get("/dashboards/%s" % did).status, 200, "needs the confirmation")
        self.c.post("/dashboards/%s/delete" % did, {"_csrf": tok, "confirm": "yes"})
        self.assertEqual(self.c.get("/dashboards/%s" % did).status, 404)

    def test_duplicate_keeps_parameters_and_places(self):
        """A dashboard's copy keeps each widget's {{name}} declarations (its
        defaults: without them the copy's widget has no value to run with)
        and its place on the grid."""
        did = new_dashboard(self.c, dm.unique("Dup params"))
        r = self.c.post("/dashboards/%s/widgets" % did, {
            "_csrf": dm.page_csrf(self.c, "/dashboards/%s" % did), "source": "sql", "title": "P",
            "kind": "table", "sql": "SELECT {{n}} AS n", "connection_id": dm.shop_connection_id(),
            "p_n": "7", "pt_n": "number"})
        self.assertEqual(r.status, 303)
        tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
        copy = self.c.post("/dashboards/%s/duplicate" % did, {"_csrf": tok}).header("Location").rsplit("/", 1)[1]
        q = ("SELECT params::text || ' ' || grid_x || ',' || grid_y || ',' || grid_w || ',' || grid_h"
             " FROM widgets WHERE dashboard_id = '%s'")
        self.assertIn('"value": "7"', dm.psql(q % copy))
        self.assertEqual(dm.psql(q % copy), dm.psql(q % did))

    def test_deleted_connection_says_so(self):
        admin, slug, _ = dm.register()
        reader_pw = open(dm.VAR + "/demo-secrets/shop_reader").read().strip()
        r = admin.post("/connections", {"_csrf": dm.page_csrf(admin, "/connections/new"), "name": "Temp",
                                        "host": "127.0.0.1", "port": __import__("os").environ["DM_PG_PORT"],
                                        "database": "shop", "user": "shop_reader", "password": reader_pw,
                                        "sslmode": "disable"})
        cid = r.header("Location").rsplit("/", 1)[1]
        did = new_dashboard(admin)
        admin.post("/dashboards/%s/widgets" % did, {"_csrf": dm.page_csrf(admin, "/dashboards/%s" % did),
                   "source": "sql", "title": "Count", "kind": "kpi", "sql": "SELECT count(*) FROM orders",
                   "connection_id": cid})
        admin.post("/connections/%s/delete" % cid, {"_csrf": dm.page_csrf(admin, "/connections"), "confirm": "Temp"})
        page = admin.get("/dashboards/%s" % did).text
        self.assertIn("connection of this widget was deleted", page)

    def test_cross_org_is_404(self):
        did = new_dashboard(self.c, shared=True)
        pin(self.c, answer_id(self.c, "how many customers are there"), did)
        wid = widget_ids(self.c.get("/dashboards/%s" % did).text)[0]
        mid = answer_id(self.c, "how many products are there")
        intruder, _, _ = dm.register()
        t = dm.page_csrf(intruder, "/dashboards")
        for method, path in (("GET", "/dashboards/%s" % did), ("POST", "/dashboards/%s" % did),
                             ("GET", "/dashboards/%s/widgets/%s.svg" % (did, wid)),
                             ("GET", "/dashboards/%s/widgets/%s" % (did, wid)),
                             ("GET", "/dashboards/%s/widgets/%s/edit" % (did, wid)),
                             ("POST", "/dashboards/%s/widgets/%s/delete" % (did, wid)),
                             ("POST", "/dashboards/%s/refresh" % did),
                             ("GET", "/dashboards/%s/export.pdf" % did),
                             ("GET", "/dashboards/%s/widgets/%s/export?format=csv" % (did, wid)),
                             ("GET", "/chat/messages/%s/export?format=csv" % mid)):
            r = intruder.request(method, path, data={"_csrf": t, "title": "x"} if method == "POST" else None)
            self.assertEqual(r.status, 404, "%s %s" % (method, path))
        own = new_dashboard(intruder)
        self.assertEqual(pin(intruder, mid, own).status, 404, "pinning another org's answer")


if __name__ == "__main__":
    unittest.main()
