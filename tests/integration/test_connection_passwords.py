"""A saved connection password is only ever sent to the target it was typed
for. Before: an analyst edited a connection's host or port with the password
left blank, the stored password stayed, and "Test" sent it to the new target
(a fake PostgreSQL server captured the reader's password, and the uploads
role's). Each test points connections at tests/integration/fake_pg.py and
checks what it received."""
import html
import os
import re
import unittest

import dm
from fake_pg import FakePostgres
from test_uploads import upload, wait_done

PG_PORT = int(os.environ["DM_PG_PORT"])
REFUSED = "so type the password again: a saved password is only ever sent to the server it was entered for."


def reader_password():
    with open(os.path.join(dm.VAR, "demo-secrets", "shop_reader")) as f:
        return f.read().strip()


def conn_form(client, path, **fields):
    data = {"_csrf": dm.page_csrf(client, "/connections/new"), "name": "c", "host": "127.0.0.1",
            "port": str(PG_PORT), "database": "shop", "user": "shop_reader", "sslmode": "disable",
            "password": ""}
    data.update(fields)
    return client.post(path, data)


def conn_id(r):
    m = re.search(r"/connections/([0-9a-f-]{36})", r.header("Location") or "")
    assert m, (r.status, r.text[:1500])
    return m.group(1)


def test_button(client, cid):
    r = client.post("/connections/%s/test" % cid, {"_csrf": dm.page_csrf(client, "/connections")})
    return html.unescape(dm.follow_test(client, r).text)


class TestStoredPasswords(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        admin, slug, _ = dm.register()
        email = "analyst-" + slug + "@example.com"
        dm.add_user(admin, email, "analyst")
        cls.c, r = dm.login(email, org=slug)
        assert r.status == 303, r.status
        cls.org = slug
        cls.fake = FakePostgres()                                   # another port
        cls.fake_host = FakePostgres(host="127.0.0.2", port=PG_PORT)  # another host, same port
        cls.real = conn_id(conn_form(cls.c, "/connections", name="Real " + slug,
                                     password=reader_password()))

    @classmethod
    def tearDownClass(cls):
        cls.fake.close()
        cls.fake_host.close()

    def row(self, cid):
        return dm.psql("SELECT host || ' ' || port || ' ' || database_name || ' ' || username || ' ' ||"
                       " sslmode FROM connections WHERE id = '%s'" % cid)

    def assert_nothing_sent(self):
        for fake in (self.fake, self.fake_host):
            got = fake.received()
            self.assertEqual(got["passwords"], [])
            self.assertEqual(got["connections"], 0, got)
            self.assertNotIn(reader_password().encode(), got["raw"])

    def test_the_fake_server_records_a_password_typed_for_it(self):
        # the listener works: a password typed for it, it receives
        r = conn_form(self.c, "/connections", name="Fake " + self.org, port=str(self.fake.port),
                      password="typed-for-the-fake")
        self.assertEqual(r.status, 303, r.text[:1000])
        cid = conn_id(r)
        try:
            self.assertIn("Test failed", test_button(self.c, cid))
            self.assertIn("typed-for-the-fake", self.fake.received()["passwords"])
        finally:
            dm.psql("DELETE FROM connections WHERE id = '%s'" % cid)
            self.fake.reset()

    def test_changing_the_target_needs_the_password_again(self):
        before = self.row(self.real)
        cases = [("the port", {"port": str(self.fake.port)}),
                 ("the host", {"host": "127.0.0.2"}),
                 ("the database", {"database": "postgres"}),
                 ("the user", {"user": "thief"}),
                 ("the SSL mode", {"sslmode": "require"}),
                 ("the host and the port", {"host": "127.0.0.2", "port": str(self.fake.port)}),
                 ("the port", {"url": "postgresql://shop_reader@127.0.0.1:%d/shop?sslmode=disable"
                                      % self.fake.port})]
        for what, change in cases:
            r = conn_form(self.c, "/connections/%s" % self.real, name="Real " + self.org, **change)
            self.assertEqual(r.status, 400, change)
            self.assertIn("You changed %s, %s" % (what, REFUSED), html.unescape(r.text), change)
            self.assertEqual(self.row(self.real), before, change)
            # Test and Refresh still reach the target the password was typed for
            self.assertIn("Test passed", test_button(self.c, self.real))
        self.assert_nothing_sent()
        # the name alone changes without the password
        r = conn_form(self.c, "/connections/%s" % self.real, name="Real renamed " + self.org)
        self.assertEqual(r.status, 303, r.text[:1000])
        self.assertEqual(self.row(self.real), before)

    def test_a_row_pointing_elsewhere_gets_no_password(self):
        # Whatever moves a row (an edit from before this fix, a hand-made
        # UPDATE), the password is sealed to the target it was typed for:
        # Test and Refresh send it nowhere else.
        r = conn_form(self.c, "/connections", name="Moved " + self.org, password=reader_password())
        cid = conn_id(r)
        dm.psql("UPDATE connections SET port = %d, version = version + 1 WHERE id = '%s'"
                % (self.fake.port, cid))
        page = test_button(self.c, cid)
        self.assertIn("Test failed", page)
        self.assertIn("the saved password was entered for another host, port, database, user or SSL mode", page)
        r = self.c.post("/connections/%s/refresh" % cid, {"_csrf": dm.page_csrf(self.c, "/connections")})
        self.assertEqual(r.status, 303)
        err = dm.wait_for(lambda: dm.psql("SELECT last_error FROM connections WHERE id = '%s'" % cid), timeout=60)
        self.assertIn("entered for another host", err)
        self.assert_nothing_sent()
        dm.psql("DELETE FROM connections WHERE id = '%s'" % cid)

    def test_a_new_password_goes_with_its_new_target(self):
        r = conn_form(self.c, "/connections", name="Retarget " + self.org, password=reader_password())
        cid = conn_id(r)
        r = conn_form(self.c, "/connections/%s" % cid, name="Retarget " + self.org,
                      port=str(self.fake.port), password="typed-for-the-new-port")
        self.assertEqual(r.status, 303, r.text[:1000])
        got = self.fake.received()
        try:
            self.assertEqual(got["passwords"], ["typed-for-the-new-port"])
            self.assertNotIn(reader_password().encode(), got["raw"])
        finally:
            dm.psql("DELETE FROM connections WHERE id = '%s'" % cid)
            self.fake.reset()

    def test_the_uploads_connection_keeps_its_target(self):
        r = upload(self.c, "pw.csv", "a,b\n1,2\n")
        self.assertEqual(r.status, 303, r.text[:1000])
        self.assertTrue(wait_done(self.c, r.header("Location")))
        cid = dm.psql("SELECT c.id FROM connections c JOIN organizations o ON o.id = c.org_id"
                      " WHERE o.slug = '%s' AND c.kind = 'uploads'" % self.org)
        self.assertTrue(cid)
        target = dm.psql("SELECT host || ' ' || port || ' ' || database_name || ' ' || username"
                         " FROM connections WHERE id = '%s'" % cid).split()
        base = {"name": "Uploads", "host": target[0], "port": target[1], "database": target[2],
                "user": target[3], "sslmode": "prefer"}
        before = self.row(cid)
        for change in ({"port": str(self.fake.port)}, {"port": str(self.fake.port), "password": "x"},
                       {"password": "x"}):
            data = dict(base, **change)
            r = conn_form(self.c, "/connections/%s" % cid, **data)
            self.assertEqual(r.status, 400, change)
            self.assertIn("DataMind manages this connection to your uploaded files: only its name can change.",
                          html.unescape(r.text))
            self.assertEqual(self.row(cid), before)
        self.assertIn("Test passed", test_button(self.c, cid))
        self.assert_nothing_sent()


if __name__ == "__main__":
    unittest.main()
