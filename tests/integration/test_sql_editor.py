"""Issue 15 item 1, the server's side of the SQL editor: a connection's
discovered tables and columns as JSON (GET /connections/{id}/schema.json,
what the editor completes) and the schema sidebar on the pages with a SQL
box — only the organization's own connections, for its members."""
import json
import unittest

import dm
from test_dashboards import new_dashboard, widget_ids


def schema_json(client, cid):
    return client.get("/connections/%s/schema.json" % cid)


def discovered(client, cid):
    """The connection's schema once the worker has read it (new connections
    are read in the background)."""
    def tables():
        r = schema_json(client, cid)
        return r.status == 200 and json.loads(r.text)["tables"] and json.loads(r.text)
    out = dm.wait_for(tables, timeout=60, step=0.5)
    assert out, "the worker did not read the new connection's schema"
    return out


class TestSchemaJson(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org(functions="")
        cls.schema = discovered(cls.c, cls.conn)

    def table(self, name, schema=None):
        for t in (schema or self.schema)["tables"]:
            if t["name"] == name:
                return t
        self.fail("no table %s in %s" % (name, [t["name"] for t in (schema or self.schema)["tables"]]))

    def test_tables_and_columns_of_the_connection(self):
        r = schema_json(self.c, self.conn)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "application/json")
        self.assertEqual(json.loads(r.text)["connection_id"], self.conn)
        orders = self.table("orders")
        self.assertEqual(orders["insert"], "orders", "public tables are inserted bare")
        self.assertEqual(orders["type"], "table")
        cols = [c["name"] for c in orders["columns"]]
        self.assertEqual(cols[:3], ["id", "customer_id", "ordered_at"], "in the table's order")
        self.assertEqual(orders["columns"][2]["type"], "timestamp with time zone")

    def test_names_are_spelled_as_sql_needs_them(self):
        # a table outside public with a name that needs quotes, as a
        # discovery would have stored it
        oid = dm.psql("SELECT org_id FROM connections WHERE id = '%s'" % self.conn)
        tid = dm.psql("INSERT INTO schema_tables (org_id, connection_id, schema_name, table_name)"
                      " VALUES ('%s', '%s', 'sales', 'Order Lines') RETURNING id" % (oid, self.conn))
        dm.psql("INSERT INTO schema_columns (org_id, table_id, column_name, data_type, ordinal)"
                " VALUES ('%s', '%s', 'Unit Price', 'numeric', 1), ('%s', '%s', 'select', 'text', 2)"
                % (oid, tid, oid, tid))
        try:
            schema = json.loads(schema_json(self.c, self.conn).text)
            t = self.table("sales.Order Lines", schema)
            self.assertEqual(t["insert"], 'sales."Order Lines"')
            self.assertEqual([(c["name"], c["insert"]) for c in t["columns"]],
                             [("Unit Price", '"Unit Price"'), ("select", '"select"')])
            self.assertGreater([x["name"] for x in schema["tables"]].index("sales.Order Lines"),
                               [x["name"] for x in schema["tables"]].index("regions"),
                               "public tables come first")
            page = self.c.get("/explore?connection=%s" % self.conn).text
            self.assertIn('data-insert="sales.&quot;Order Lines&quot;"', page)
        finally:
            dm.psql("DELETE FROM schema_tables WHERE id = '%s'" % tid)

    def test_another_organization_gets_404(self):
        other, _, _ = dm.register()
        r = schema_json(other, self.conn)
        self.assertEqual(r.status, 404)
        self.assertNotIn("customer_id", r.text)
        # nor through the pages that embed the sidebar
        page = other.get("/explore?connection=%s" % self.conn).text
        self.assertNotIn("customer_id", page)

    def test_members_of_every_role_read_it_and_strangers_do_not(self):
        for role in ("viewer", "analyst"):
            email = dm.unique(role) + "@example.com"
            dm.add_user(self.c, email, role)
            member, r = dm.login(email, org=self.slug)
            self.assertEqual(r.status, 303)
            got = schema_json(member, self.conn)
            self.assertEqual(got.status, 200, role)
            self.assertIn("customer_id", got.text)
        anon = dm.Client().get("/connections/%s/schema.json" % self.conn)
        self.assertIn(anon.status, (302, 303))
        self.assertNotIn("customer_id", anon.text)
        self.assertEqual(schema_json(self.c, "not-a-uuid").status, 404)

    def test_sidebar_on_explore_saved_query_and_widget_editor(self):
        page = self.c.get("/explore").text
        self.assertIn('data-schema-side data-connection="%s"' % self.conn, page)
        self.assertIn('data-insert="customer_id"', page)
        self.assertIn('<textarea name="sql" class="sql"', page)
        self.assertIn("data-editor", page)
        qid = dm.save_query(self.c, dm.unique("q"), "SELECT 1", self.conn)
        page = self.c.get("/queries/%s" % qid).text
        self.assertIn('data-insert="customer_id"', page)
        self.assertRegex(page, r'<option value="%s" selected>' % self.conn)
        did = new_dashboard(self.c, dm.unique("Board"))
        r = self.c.post("/dashboards/%s/widgets" % did, {
            "_csrf": dm.page_csrf(self.c, "/dashboards/%s" % did), "source": "sql", "title": "W",
            "kind": "table", "sql": "SELECT 1 AS one", "connection_id": self.conn})
        self.assertEqual(r.status, 303)
        wid = widget_ids(self.c.get("/dashboards/%s" % did).text)[0]
        page = self.c.get("/dashboards/%s/widgets/%s/edit" % (did, wid)).text
        self.assertIn('data-insert="customer_id"', page)
        self.assertIn('<textarea name="sql" class="sql" rows="6" data-editor>SELECT 1 AS one</textarea>', page)
        # the Explore fragment (Run with JavaScript) does not carry it again
        hx = {"HX-Request": "true", "X-CSRF-Token": dm.page_csrf(self.c, "/explore")}
        frag = self.c.post("/explore/run", {"connection_id": self.conn, "sql": "SELECT 1 AS one"},
                           headers=hx, timeout=60)
        self.assertNotIn("data-schema-side", frag.text)


if __name__ == "__main__":
    unittest.main()
