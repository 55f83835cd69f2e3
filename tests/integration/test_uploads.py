"""Uploads: CSV and xlsx files (clean, messy, hostile) become tables a chat
question can use; replace, append, delete; errors name the line; nothing
half-written; other organizations see nothing."""
import html
import io
import os
import re
import signal
import subprocess
import time
import unittest
import zipfile

import dm
from test_chat import ask


def upload(client, name, data, **fields):
    boundary = "----dm%d" % int(time.time() * 1e6)
    parts = []
    fields = dict(fields)
    fields["_csrf"] = dm.page_csrf(client, "/uploads")
    for k, v in fields.items():
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, k, v)).encode())
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n" % (boundary, name)).encode())
    parts.append(data if isinstance(data, bytes) else data.encode())
    parts.append(("\r\n--%s--\r\n" % boundary).encode())
    return client.post("/uploads", b"".join(parts),
                       headers={"Content-Type": "multipart/form-data; boundary=" + boundary})


def wait_done(client, location):
    def done():
        p = client.get(location).text
        return p if ("Ready:" in p or "could not be loaded" in p) else None
    return dm.wait_for(done, timeout=60, step=0.3)


def xlsx(sheets):
    """A minimal workbook: {sheet name: [[cells]]}; numbers, strings, booleans, a date."""
    b = io.BytesIO()
    z = zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED)
    names = list(sheets)
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
               "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1) for i, n in enumerate(names)) +
               "</sheets></workbook>")
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
               "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1) for i in range(len(names))) +
               '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    z.writestr("xl/styles.xml", '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
    for i, n in enumerate(names):
        rows = []
        for r, row in enumerate(sheets[n]):
            cells = []
            for c, v in enumerate(row):
                ref = "%s%d" % (chr(65 + c), r + 1)
                if isinstance(v, bool):
                    cells.append('<c r="%s" t="b"><v>%d</v></c>' % (ref, v))
                elif isinstance(v, (int, float)):
                    cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
                elif isinstance(v, tuple):  # ("date", serial)
                    cells.append('<c r="%s" s="1"><v>%s</v></c>' % (ref, v[1]))
                else:
                    cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, html.escape(v)))
            rows.append('<row r="%d">%s</row>' % (r + 1, "".join(cells)))
        z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % "".join(rows))
    z.close()
    return b.getvalue()


class TestUploads(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()

    def test_clean_csv_then_ask_and_export(self):
        name = dm.unique("sales").replace("-", "_") + ".csv"
        csv = "Region,Month,Sales,Active\n" + "".join(
            "%s,2024-%02d-01,%d,%s\n" % (r, m, 100 * m + i, "yes" if m % 2 else "no")
            for i, r in enumerate(["EMEA", "APAC", "LATAM"]) for m in range(1, 13))
        r = upload(self.c, name, csv)
        self.assertEqual(r.status, 303)
        page = wait_done(self.c, r.header("Location"))
        self.assertIn("Ready: 36 rows", page)
        for typ in ("text", "date", "bigint", "boolean"):
            self.assertIn(">%s<" % typ, page)
        conn = re.search(r"/chat\?connection=([0-9a-f-]{36})", page).group(1)
        r = ask(self.c, "total sales by region", conn=conn)
        answer = html.unescape(self.c.get(r.header("Location")).text)
        self.assertIn("EMEA", answer)
        self.assertRegex(answer, r"(7,8|7\.8K)")  # EMEA: sum of 100*m for m=1..12 = 7,800

    def test_the_table_name_shown_works_bare(self):
        """issue 15: the page called the table ux_sales, but SELECT * FROM
        ux_sales failed: the org's schema had to be written before it."""
        admin, _, _ = dm.register()  # an organization of its own: its first upload
        r = upload(admin, "ux_sales.csv", "region,sales\nEMEA,5\nAPAC,7\n")
        page = wait_done(admin, r.header("Location"))
        conn = re.search(r"/explore\?connection=([0-9a-f-]{36})", page).group(1)
        table = re.search(r"<h3><code>(\w+)</code>", page).group(1)
        self.assertEqual(table, "ux_sales")
        r = dm.explore_run(admin, conn, "SELECT count(*) AS n, sum(sales) AS total FROM ux_sales")
        self.assertEqual(r.status, 200, html.unescape(r.text)[-3000:])
        self.assertIn('title="12"', r.text)
        self.assertIn("SELECT * FROM ux_sales", page)

    def test_messy_csv(self):
        # semicolons, a BOM, Windows-1252, quoted newlines, DMY dates, a mixed column, odd names
        body = ("\ufeffNom;Ville;\"Montant\";Date;Mixed;;Nom\n".encode("utf-8") +
                "Zoé;Paris;1.234,50;31/12/2024;1;x;a\n".encode("utf-8") +
                "Müller;\"Köln\nNord\";99,90;01/02/2024;two;y;b\n".encode("utf-8"))
        r = upload(self.c, "messy.csv", body)
        page = html.unescape(wait_done(self.c, r.header("Location")))
        self.assertIn("Ready: 2 rows", page)
        self.assertIn("numeric", page)
        self.assertIn("kept as text", page)
        cp = "name,city\nCaf\xe9,S\xe3o Paulo\n".encode("cp1252")
        r = upload(self.c, "latin.csv", cp)
        page = html.unescape(wait_done(self.c, r.header("Location")))
        self.assertIn("WINDOWS-1252", page)

    def test_ragged_rows_reject_or_skip(self):
        lines = ["a,b,c"] + ["%d,%d,%d" % (i, i, i) for i in range(10300)]
        lines[10233] = "1,2,3,4,5,6,7"
        csv = "\n".join(lines) + "\n"
        r = upload(self.c, "ragged.csv", csv)
        page = html.unescape(wait_done(self.c, r.header("Location")))
        self.assertIn("could not be loaded", page)
        self.assertIn("line 10,234 has 7 fields", page)
        r = upload(self.c, "ragged.csv", csv, skip_bad_lines="1")
        page = html.unescape(wait_done(self.c, r.header("Location")))
        self.assertIn("Ready: 10,299 rows", page)
        self.assertIn("1 bad lines skipped", page)

    def test_empty_header_only_and_hostile(self):
        for name, data, msg in (("empty.csv", "", "missing or empty"),):
            r = upload(self.c, name, data)
            self.assertEqual(r.status, 303)
            self.assertIn(msg, self.c.get("/uploads").text)
        r = upload(self.c, "header.csv", "a,b,c\n")
        page = wait_done(self.c, r.header("Location"))
        self.assertIn("could not be loaded", page)
        r = upload(self.c, "evil.exe", "MZ")
        self.assertIn("reads .csv", html.unescape(self.c.get("/uploads").text))
        evil = '"<script>alert(1)</script>",=cmd()\n"<img src=x onerror=alert(2)>",+1\n'
        r = upload(self.c, "xss.csv", evil)
        page = wait_done(self.c, r.header("Location"))
        self.assertNotIn("<script>alert(1)", page)
        self.assertNotIn("<img src=x", page)

    def test_xlsx_two_sheets(self):
        data = xlsx({"Orders": [["Product", "Qty", "Paid", "Day"], ["Widget", 3, True, ("date", 45352)],
                                ["Gadget", 5, False, ("date", 45353)]],
                     "Regions": [["Name"], ["EMEA"], ["APAC"]]})
        r = upload(self.c, "book.xlsx", data)
        page = html.unescape(wait_done(self.c, r.header("Location")))
        self.assertIn("Ready:", page)
        self.assertIn("orders", page)
        self.assertIn("regions", page)
        self.assertIn("boolean", page)
        self.assertIn("date", page)
        bomb = io.BytesIO()
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/workbook.xml", b"\0" * (300 * 1024 * 1024))
        r = upload(self.c, "bomb.xlsx", bomb.getvalue())
        page = wait_done(self.c, r.header("Location"))
        self.assertIn("could not be loaded", page)
        r = upload(self.c, "notzip.xlsx", "just text")
        self.assertIn("could not be loaded", wait_done(self.c, r.header("Location")))

    def test_replace_append_delete(self):
        r = upload(self.c, "stock.csv", "sku,qty\nA,1\nB,2\n")
        loc = r.header("Location")
        wait_done(self.c, loc)
        uid = loc.rsplit("/", 1)[1]
        r = upload(self.c, "more.csv", "sku,qty\nC,3\n", mode="append", target=uid)
        self.assertIn("Ready: 1 row<", wait_done(self.c, r.header("Location")))
        r = upload(self.c, "wrong.csv", "sku,price\nD,9\n", mode="append", target=uid)
        page = html.unescape(wait_done(self.c, r.header("Location")))
        self.assertIn("do not match", page)
        self.assertIn("price", page)
        r = upload(self.c, "new.csv", "sku,qty\nZ,26\n", mode="replace", target=uid)
        self.assertIn("Ready: 1 row<", wait_done(self.c, r.header("Location")))
        r = self.c.post("/uploads/%s/delete" % uid, {"_csrf": dm.page_csrf(self.c, "/uploads")})
        self.assertEqual(r.status, 303)
        self.assertEqual(self.c.get(loc).status, 404)

    def test_too_big_is_413(self):
        """Announce 250 MB: nginx refuses before reading a byte of it."""
        import http.client
        host, port = dm.BASE.split("//")[1].split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.putrequest("POST", "/uploads")
        conn.putheader("Content-Type", "multipart/form-data; boundary=x")
        conn.putheader("Content-Length", str(250 * 1024 * 1024))
        conn.endheaders()
        r = conn.getresponse()
        self.assertEqual(r.status, 413)
        self.assertIn(b"larger than this server accepts", r.read())

    def test_cross_org(self):
        r = upload(self.c, "private.csv", "secret\n42\n")
        loc = r.header("Location")
        wait_done(self.c, loc)
        intruder, _, _ = dm.register()
        self.assertEqual(intruder.get(loc).status, 404)
        self.assertNotIn("private.csv", intruder.get("/uploads").text)
        uid = loc.rsplit("/", 1)[1]
        r = intruder.post("/uploads/%s/delete" % uid, {"_csrf": dm.page_csrf(intruder, "/uploads")})
        self.assertEqual(r.status, 404)
        # the other org's Uploads connection cannot read this org's schema
        mine = dm.psql("SELECT table_name FROM uploads WHERE id = '%s'" % uid)
        r = upload(intruder, "theirs.csv", "x\n1\n")
        page = wait_done(intruder, r.header("Location"))
        conn = re.search(r"/explore\?connection=([0-9a-f-]{36})", page).group(1)
        schema = dm.psql("SELECT 'org_' || replace(org_id::text, '-', '') FROM uploads WHERE id = '%s'" % uid)
        r = dm.explore_run(intruder, conn, 'SELECT * FROM "%s"."%s"' % (schema, mine))
        self.assertEqual(r.status, 422)
        self.assertIn("permission denied", r.text)


# --- PostgreSQL goes away during a load ---------------------------------------

def spool_file(upload_id):
    return os.path.join(dm.VAR, "tmp", "datamind-uploads", upload_id)


def redis(*args):
    return subprocess.run(["redis-cli", "-s", os.path.join(dm.VAR, "run", "redis.sock")] + list(args),
                          capture_output=True, text=True).stdout.strip()


def stop_postgres():
    """Fast shutdown (every session ends at once); returns when it is down."""
    pidfile = os.path.join(dm.VAR, "pg", "postmaster.pid")
    with open(pidfile) as f:
        postmaster = int(f.readline())
    dm.kill(postmaster, signal.SIGINT)
    dm.wait_for(lambda: not os.path.exists(pidfile), timeout=60)


class HeldTable:
    """A second session holding a lock on an upload table, so a load that
    replaces it waits inside its transaction until PostgreSQL goes away."""

    def __init__(self, schema, table):
        self.p = subprocess.Popen(
            ["psql", "-h", os.path.join(dm.VAR, "run"), "-p", os.environ.get("DM_PG_PORT", "5433"),
             "-U", "postgres", "-d", "datamind_uploads", "-qAt", "-v", "ON_ERROR_STOP=1"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.p.stdin.write('BEGIN;\nLOCK TABLE "%s"."%s" IN ACCESS SHARE MODE;\nSELECT \'held\';\n'
                           % (schema, table))
        self.p.stdin.flush()
        self.held = self.p.stdout.readline().strip() == "held"

    def close(self):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        self.p.kill()
        self.p.wait()
        self.p.stdout.close()


def load_waits_for_lock():
    return dm.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = 'datamind_uploads'"
                   " AND wait_event_type = 'Lock'") != "0"


class TestUploadOutage(unittest.TestCase):
    """A load that loses PostgreSQL fails its job (retried, then dead-lettered);
    the upload ends failed with a reason, never "running" for ever; the
    spooled file stays until that outcome is written down; nothing is
    half-written."""

    def setUp(self):
        self.c, slug, _ = dm.register()
        self.org = dm.psql("SELECT id FROM organizations WHERE slug = '%s'" % slug)
        self.schema = "org_" + self.org.replace("-", "")

    def first_table(self):
        r = upload(self.c, "stock.csv", "sku,qty\nA,1\n")
        loc = r.header("Location")
        self.assertIn("Ready: 1 row<", wait_done(self.c, loc))
        uid = loc.rsplit("/", 1)[1]
        return uid, dm.psql("SELECT table_name FROM uploads WHERE id = '%s'" % uid)

    def replace_while_held(self, uid, table):
        """Start replacing the table while it is held; returns the new
        upload's (page, id, job id) once its load waits for the lock."""
        held = HeldTable(self.schema, table)
        self.addCleanup(held.close)
        self.assertTrue(held.held)
        r = upload(self.c, "stock2.csv", "sku,qty\nB,2\nC,3\n", mode="replace", target=uid)
        self.assertEqual(r.status, 303)
        loc = r.header("Location")
        new = loc.rsplit("/", 1)[1]
        self.assertTrue(dm.wait_for(load_waits_for_lock, timeout=60))
        job = dm.psql("SELECT details->>'job_id' FROM uploads WHERE id = '%s'" % new)
        self.assertEqual(dm.psql("SELECT status FROM uploads WHERE id = '%s'" % new), "running")
        self.assertTrue(os.path.exists(spool_file(new)))
        return loc, new, job

    def restart(self):
        out = dm.devstack("start")
        self.assertEqual(out.returncode, 0, out.stderr)
        dm.wait_for(lambda: self.c.get("/healthz").status == 200, timeout=60)

    def rows(self, table):
        return dm.psql('SELECT string_agg(sku || qty, \',\' ORDER BY sku) FROM "%s"."%s"'
                       % (self.schema, table), db="datamind_uploads")

    def test_postgres_down_through_every_attempt_then_the_sweep_closes_it(self):
        uid, table = self.first_table()
        loc, new, job = self.replace_while_held(uid, table)
        stop_postgres()
        try:
            # every attempt fails (the database is down): the job is
            # dead-lettered, not acked as if the load had worked
            self.assertTrue(dm.wait_for(lambda: redis("HEXISTS", "dm:dead", job) == "1", timeout=120))
            # its "failed" could not be written, so the file is kept
            self.assertTrue(os.path.exists(spool_file(new)))
        finally:
            self.restart()
        # the sweep finds the upload whose job is dead and closes it
        page = dm.wait_for(lambda: (lambda p: p if "could not be loaded" in p else None)(
            html.unescape(self.c.get(loc).text)), timeout=150, step=1)
        self.assertIsNotNone(page)
        self.assertIn("given up", page)
        self.assertIn("the app database is unreachable", page)
        self.assertIn("DataMind's side", page)
        self.assertEqual(dm.psql("SELECT status FROM uploads WHERE id = '%s'" % new), "failed")
        self.assertFalse(os.path.exists(spool_file(new)))
        # nothing half-written: the old table as it was, no new one
        self.assertEqual(self.rows(table), "A1")
        self.assertEqual(dm.psql("SELECT count(*) FROM pg_tables WHERE schemaname = '%s'" % self.schema,
                                 db="datamind_uploads"), "1")

    def test_postgres_restart_during_load_is_retried(self):
        uid, table = self.first_table()
        loc, new, job = self.replace_while_held(uid, table)
        stop_postgres()
        self.restart()
        page = html.unescape(wait_done(self.c, loc) or "")
        # the load was retried once the database was back: done, exactly once
        self.assertIn("Ready: 2 rows", page)
        self.assertEqual(self.rows(table), "B2,C3")
        self.assertEqual(dm.psql("SELECT count(*) FROM pg_tables WHERE schemaname = '%s'" % self.schema,
                                 db="datamind_uploads"), "1")
        self.assertFalse(os.path.exists(spool_file(new)))
        self.assertEqual(redis("HEXISTS", "dm:dead", job), "0")

    def test_sweep_closes_an_upload_whose_job_is_gone(self):
        ghost = dm.psql("INSERT INTO uploads (org_id, original_filename, table_name, status, details,"
                        " updated_at) VALUES ('%s', 'ghost.csv', 'ghost', 'running',"
                        " '{\"job_id\": \"0123456789abcdef0123456789abcdef\"}', now() - interval '1 hour')"
                        " RETURNING id" % self.org).splitlines()[0]
        young = dm.psql("INSERT INTO uploads (org_id, original_filename, table_name, status, details)"
                        " VALUES ('%s', 'young.csv', 'young', 'running',"
                        " '{\"job_id\": \"fedcba9876543210fedcba9876543210\"}') RETURNING id"
                        % self.org).splitlines()[0]
        os.makedirs(os.path.dirname(spool_file(ghost)), exist_ok=True)
        with open(spool_file(ghost), "w") as f:
            f.write("x\n1\n")
        status = lambda: dm.psql("SELECT status FROM uploads WHERE id = '%s'" % ghost)
        self.assertEqual(dm.wait_for(lambda: status() == "failed", timeout=150, step=1), True)
        page = html.unescape(self.c.get("/uploads/" + ghost).text)
        self.assertIn("could not be loaded", page)
        self.assertIn("job was lost", page)
        self.assertFalse(os.path.exists(spool_file(ghost)))
        # a job not found a moment after the upload may still be on its way:
        # the same sweep (newest first) left it alone
        self.assertEqual(dm.psql("SELECT status FROM uploads WHERE id = '%s'" % young), "running")


if __name__ == "__main__":
    unittest.main()
