"""An organization's uploads role (dm_u_…) logs in to the uploads database
only. Before: PostgreSQL's default CONNECT for PUBLIC let it log in to the
app database too, where it read the app's table names. migrate now revokes
PUBLIC's CONNECT on the app database (DataMind owns it here) and on
datamind_uploads (granted to each org role by name); the README's
pg_hba.conf lines for the dm_uploads group keep the roles out of every
other database on the server."""
import os
import subprocess
import unittest

import dm
from test_uploads import upload, wait_done

PG_PORT = os.environ["DM_PG_PORT"]
PW = "uploads-role-test-password"


def connect(role, db, password=PW):
    """psql over TCP as role: (ok, output)."""
    env = dict(os.environ, PGPASSWORD=password, PGCONNECT_TIMEOUT="10")
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", PG_PORT, "-U", role, "-d", db, "-w",
                          "-qtAc", "SELECT current_user || ' ' || current_database()"],
                         capture_output=True, text=True, env=env)
    return out.returncode == 0, (out.stdout + out.stderr).strip()


class TestUploadsRole(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        c, slug, _ = dm.register()
        r = upload(c, "cities.csv", "city,amount\nOslo,3\nLima,4\n")
        assert r.status == 303, (r.status, r.text[:1000])
        assert wait_done(c, r.header("Location"))
        org = dm.psql("SELECT id FROM organizations WHERE slug = '%s'" % slug)
        cls.role = "dm_u_" + org.replace("-", "")
        cls.schema = "org_" + org.replace("-", "")
        # a password the test knows (this throwaway org's Uploads connection
        # stops working; nothing else uses the role)
        dm.psql("ALTER ROLE %s PASSWORD '%s'" % (cls.role, PW))

    def test_app_database_refused_uploads_database_works(self):
        ok, out = connect(self.role, "datamind")
        self.assertFalse(ok, out)
        self.assertIn('permission denied for database "datamind"', out)
        ok, out = connect(self.role, "datamind_uploads")
        self.assertTrue(ok, out)
        self.assertEqual(out, "%s datamind_uploads" % self.role)
        # and it reads its own organization's tables there
        env = dict(os.environ, PGPASSWORD=PW)
        rows = subprocess.run(["psql", "-h", "127.0.0.1", "-p", PG_PORT, "-U", self.role, "-d",
                               "datamind_uploads", "-w", "-qtAc",
                               "SELECT count(*) FROM %s.cities" % self.schema],
                              capture_output=True, text=True, env=env)
        self.assertEqual(rows.stdout.strip(), "2", rows.stderr)

    def test_public_connect_revoked_where_datamind_owns(self):
        for db in ("datamind", "datamind_uploads"):
            acl = dm.psql("SELECT datacl::text FROM pg_database WHERE datname = '%s'" % db)
            self.assertTrue(acl, db)  # not the default (NULL: PUBLIC may connect)
            public = [e for e in acl.strip("{}").split(",") if e.startswith("=")]
            self.assertTrue(all("c" not in e.split("/")[0] for e in public), (db, acl))
        self.assertEqual(dm.psql("SELECT has_database_privilege('%s', 'datamind_uploads', 'CONNECT')"
                                 % self.role), "t")
        self.assertEqual(dm.psql("SELECT has_database_privilege('%s', 'datamind', 'CONNECT')"
                                 % self.role), "f")
        self.assertEqual(dm.psql("SELECT pg_has_role('%s', 'dm_uploads', 'MEMBER')" % self.role), "t")

    def test_readme_pg_hba_lines_close_other_databases(self):
        # the README's lines, above the stack's own, in this test's private cluster
        hba = dm.psql("SHOW hba_file")
        with open(hba) as f:
            original = f.read()
        with open(os.path.join(dm.ROOT, "README.md")) as f:
            readme = f.read()
        lines = [l for l in readme.split("\n") if "+dm_uploads" in l]
        self.assertEqual(len(lines), 3, lines)
        try:
            with open(hba, "w") as f:
                f.write("\n".join(l.strip() for l in lines) + "\n" + original)
            dm.psql("SELECT pg_reload_conf()")
            refused = dm.wait_for(lambda: not connect(self.role, "postgres")[0], timeout=30)
            self.assertTrue(refused, connect(self.role, "postgres")[1])
            self.assertIn("rejects connection", connect(self.role, "postgres")[1])
            ok, out = connect(self.role, "datamind_uploads")
            self.assertTrue(ok, out)
            # the app's own connections are not members: unaffected
            self.assertEqual(dm.Client().get("/healthz").status, 200)
        finally:
            with open(hba, "w") as f:
                f.write(original)
            dm.psql("SELECT pg_reload_conf()")


if __name__ == "__main__":
    unittest.main()
