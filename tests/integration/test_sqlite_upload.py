"""Uploads of SQLite files (issue 16, part 3): a .sqlite/.db file becomes a
connection of kind sqlite of its organization, kept under
DATAMIND_SQLITE_DIR/<org id>/; a file that is not a (healthy) SQLite
database is refused with the reason; another organization sees nothing.

Querying the connection goes through the engine registry (engine.c), which
the merge with the engine branches wires in: here the connection is made,
listed and stored as it must be."""
import html
import os
import re
import sqlite3
import tempfile
import unittest

import dm
from test_uploads import upload, wait_done


def sqlite_bytes(rows=50):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "x.db")
        db = sqlite3.connect(path)
        db.executescript(
            "CREATE TABLE regions (id integer PRIMARY KEY, name text NOT NULL UNIQUE);"
            "CREATE TABLE sales (id integer PRIMARY KEY, region_id integer REFERENCES regions,"
            " amount numeric(10,2), sold_on date);"
            "INSERT INTO regions VALUES (1, 'EMEA'), (2, 'APAC');")
        db.executemany("INSERT INTO sales VALUES (?, ?, ?, ?)",
                       [(i, 1 + i % 2, 10.5 * i, "2024-%02d-01" % (1 + i % 12)) for i in range(rows)])
        db.commit()
        db.execute("PRAGMA journal_mode = WAL")  # DataMind's copy must still open read-only
        db.close()
        with open(path, "rb") as f:
            return f.read()


class TestSqliteUpload(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin, cls.slug, _ = dm.register()
        cls.org_id = dm.psql("SELECT id FROM organizations WHERE slug = '%s'" % cls.slug)

    def connection_row(self, conn_id):
        return dm.psql("SELECT kind || '|' || name || '|' || database_name || '|' || port"
                       " FROM connections WHERE id = '%s'" % conn_id).split("|")

    def test_a_sqlite_file_becomes_a_listed_connection(self):
        name = dm.unique("minishop").replace("-", "_")
        r = upload(self.admin, name + ".sqlite", sqlite_bytes())
        self.assertEqual(r.status, 303, r.text[:2000])
        page = html.unescape(wait_done(self.admin, r.header("Location")))
        self.assertIn("Ready: the connection “%s”" % name, page)
        conn = re.search(r"/connections/([0-9a-f-]{36})", page).group(1)
        kind, cname, path, port = self.connection_row(conn)
        self.assertEqual((kind, cname, port), ("sqlite", name, "0"))
        sqlite_dir = os.path.join(dm.VAR, "sqlite", self.org_id)
        self.assertEqual(os.path.dirname(path), sqlite_dir)
        self.assertTrue(os.path.isfile(path))
        db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        self.assertEqual(db.execute("SELECT count(*), sum(region_id = 1) FROM sales").fetchone(), (50, 25))
        self.assertEqual(db.execute("PRAGMA journal_mode").fetchone()[0], "delete")
        db.close()
        listed = html.unescape(self.admin.get("/connections").text)
        self.assertIn(name, listed)
        self.assertIn(conn, listed)
        # the same file again: a second connection, its name made unique
        r = upload(self.admin, name + ".db", sqlite_bytes(5))
        page = html.unescape(wait_done(self.admin, r.header("Location")))
        self.assertIn("Ready: the connection “%s (2)”" % name, page)
        # the audit has it
        self.assertIn("connection.create", dm.psql(
            "SELECT string_agg(action, ',') FROM audit_log WHERE org_id = '%s'" % self.org_id))

    def test_another_organization_sees_nothing(self):
        name = dm.unique("private").replace("-", "_")
        r = upload(self.admin, name + ".sqlite3", sqlite_bytes(3))
        page = wait_done(self.admin, r.header("Location"))
        conn = re.search(r"/connections/([0-9a-f-]{36})", page).group(1)
        other, _, _ = dm.register()
        self.assertEqual(other.get("/connections/" + conn).status, 404)
        self.assertNotIn(name, other.get("/connections").text)
        self.assertEqual(other.get(r.header("Location")).status, 404)

    def test_files_that_are_not_healthy_databases_are_refused(self):
        cases = [
            ("notes.db", b"just some words, not a database at all\n" * 20, "not a SQLite database"),
            ("broken.sqlite", b"SQLite format 3\x00" + b"\xff" * 4080, "SQLite"),
        ]
        healthy = sqlite_bytes(400)
        cases.append(("torn.sqlite", healthy[:len(healthy) // 2], "SQLite"))
        before = dm.psql("SELECT count(*) FROM connections WHERE org_id = '%s'" % self.org_id)
        for fname, data, words in cases:
            r = upload(self.admin, fname, data)
            self.assertEqual(r.status, 303)
            page = html.unescape(wait_done(self.admin, r.header("Location")))
            self.assertIn("could not be loaded", page, fname)
            self.assertIn(words, page, fname)
        after = dm.psql("SELECT count(*) FROM connections WHERE org_id = '%s'" % self.org_id)
        self.assertEqual(before, after)
        left = os.listdir(os.path.join(dm.VAR, "sqlite", self.org_id)) \
            if os.path.isdir(os.path.join(dm.VAR, "sqlite", self.org_id)) else []
        self.assertFalse([f for f in left if f.endswith(".tmp")], left)

    def test_deleting_the_upload_removes_its_connection_unless_used(self):
        """Metabase-like: the upload's connection and file go with it; while
        a saved query, dashboard or alert uses the connection nothing is
        removed and the refusal names them (JavaScript off: form posts)."""
        name = dm.unique("gone").replace("-", "_")
        r = upload(self.admin, name + ".db", sqlite_bytes(4))
        up = r.header("Location")
        page = html.unescape(wait_done(self.admin, up))
        self.assertIn("Delete this upload and its connection", page)
        conn = re.search(r"/connections/([0-9a-f-]{36})", page).group(1)
        path = self.connection_row(conn)[2]
        self.assertTrue(os.path.isfile(path))
        qname = dm.unique("Sales by region")
        qid = dm.save_query(self.admin, qname, "SELECT region_id, sum(amount) FROM sales GROUP BY 1", conn)
        tok = dm.page_csrf(self.admin, up)
        r = self.admin.post(up + "/delete", {"_csrf": tok})
        self.assertEqual((r.status, r.header("Location")), (303, up))
        page = html.unescape(self.admin.get(up).text)
        self.assertIn("The upload was not deleted.", page)
        self.assertIn("Its connection “%s” is used by saved query “%s”" % (name, qname), page)
        self.assertTrue(os.path.isfile(path))
        self.assertEqual(self.connection_row(conn)[0], "sqlite")
        # another member's private dashboard is counted, not named
        email = dm.unique("an") + "@example.com"
        dm.add_user(self.admin, email, "analyst")
        analyst, _ = dm.login(email, org=self.slug)
        r = analyst.post("/dashboards", {"_csrf": dm.page_csrf(analyst, "/dashboards"), "title": "Secret board"})
        did = r.header("Location").rsplit("/", 1)[1]
        analyst.post("/dashboards/%s/widgets" % did, {"_csrf": dm.page_csrf(analyst, "/dashboards/%s" % did),
                     "source": "sql", "title": "w", "kind": "table", "sql": "SELECT 1 AS x",
                     "connection_id": conn})
        self.admin.post(up + "/delete", {"_csrf": tok})
        page = html.unescape(self.admin.get(up).text)
        self.assertIn("1 private item of other members", page)
        self.assertNotIn("Secret board", page)
        self.admin.post("/queries/%s/delete" % qid, {"_csrf": dm.page_csrf(self.admin, "/queries/%s" % qid)})
        analyst.post("/dashboards/%s/delete" % did, {"_csrf": dm.page_csrf(analyst, "/dashboards/%s" % did),
                                                     "confirm": "yes"})
        # nothing uses it now: the upload, its connection and its file go
        r = self.admin.post(up + "/delete", {"_csrf": tok})
        self.assertEqual((r.status, r.header("Location")), (303, "/uploads"))
        self.assertIn("Upload deleted, with its connection “%s”." % name,
                      html.unescape(self.admin.get("/uploads").text))
        self.assertEqual(dm.psql("SELECT count(*) FROM connections WHERE id = '%s'" % conn), "0")
        self.assertFalse(os.path.exists(path))
        self.assertEqual(self.admin.get(up).status, 404)
        self.assertIn("connection.delete", dm.psql(
            "SELECT string_agg(action, ',') FROM audit_log WHERE org_id = '%s'" % self.org_id))

    def test_replace_or_append_is_refused(self):
        r = upload(self.admin, "x.sqlite", sqlite_bytes(2), mode="replace", target="nothing")
        self.assertEqual(r.status, 303)
        self.assertIn("upload it as new", html.unescape(self.admin.get("/uploads").text))


if __name__ == "__main__":
    unittest.main()
