"""Exports: CSV (formula-safe), Excel and PDF of chat answers, Explore
results, saved queries, widgets and whole dashboards — checked with real
readers (python's zipfile + XML, poppler's pdfinfo/pdftotext)."""
import io
import os
import re
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET
import zipfile

import dm
from test_chat import ask
from test_dashboards import answer_id, new_dashboard, pin, widget_ids


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout
        text = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True).stdout
    return info, text


class TestExports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        cls.mid = answer_id(cls.c, "top 5 customers by number of orders")

    def test_chat_answer_csv(self):
        r = dm.follow_export(self.c, self.c.get("/chat/messages/%s/export?format=csv" % self.mid))
        self.assertEqual(r.status, 200)
        self.assertIn("text/csv", r.header("Content-Type"))
        self.assertRegex(r.header("Content-Disposition"), r'attachment; filename="[a-z0-9-]+\.csv"')
        lines = r.body.decode().splitlines()
        self.assertEqual(len(lines), 6)
        top = dm.psql("SELECT c.name FROM orders o JOIN customers c ON c.id = o.customer_id "
                      "GROUP BY c.id, c.name ORDER BY count(*) DESC LIMIT 1", db="shop")
        self.assertIn(top, lines[1])
        r = dm.follow_export(self.c, self.c.get("/chat/messages/%s/export?format=csv&bom=1" % self.mid))
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"))

    def test_formula_injection_is_defused(self):
        sql = "SELECT '=HYPERLINK(\"http://evil\")' AS a, '+1' AS b, '@x' AS c, -2.5 AS n"
        r = dm.follow_export(self.c, self.c.post("/explore/export", {
            "_csrf": dm.page_csrf(self.c, "/explore"), "format": "csv",
            "connection_id": dm.shop_connection_id(), "sql": sql}))
        self.assertEqual(r.status, 200)
        row = r.body.decode().splitlines()[1]
        self.assertIn("'=HYPERLINK", row)
        self.assertIn("'+1", row)
        self.assertIn("'@x", row)
        self.assertTrue(row.endswith(",-2.5"))

    def test_xlsx(self):
        r = dm.follow_export(self.c, self.c.get("/chat/messages/%s/export?format=xlsx" % self.mid))
        self.assertEqual(r.status, 200)
        z = zipfile.ZipFile(io.BytesIO(r.body))
        names = z.namelist()
        self.assertIn("xl/workbook.xml", names)
        wb = z.read("xl/workbook.xml").decode()
        self.assertIn('name="Data"', wb)
        self.assertIn('name="Summary"', wb)
        ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
        text = "".join(z.read(n).decode() for n in names if n.startswith("xl/"))
        self.assertIn("top 5 customers by number of orders", text)

    def test_pdf(self):
        r = dm.follow_export(self.c, self.c.get("/chat/messages/%s/export?format=pdf" % self.mid))
        self.assertEqual(r.status, 200)
        self.assertTrue(r.body.startswith(b"%PDF"))
        info, text = pdf_text(r.body)
        self.assertRegex(info, r"Pages:\s+1")
        self.assertIn("top 5 customers by number of orders", text)
        self.assertIn("Page 1 of 1", text)

    def test_saved_query_and_widget_and_dashboard(self):
        r = self.c.post("/queries", {"_csrf": dm.page_csrf(self.c, "/explore"), "name": "All orders by day",
                                     "sql": "SELECT ordered_at::date AS day, count(*) FROM orders GROUP BY 1 ORDER BY 1",
                                     "connection_id": dm.shop_connection_id(), "shared": "1"})
        qid = r.header("Location").rsplit("/", 1)[1]
        r = dm.follow_export(self.c, self.c.get("/queries/%s/export?format=csv" % qid))
        days = dm.psql("SELECT count(DISTINCT ordered_at::date) FROM orders", db="shop")
        self.assertEqual(len(r.body.decode().splitlines()) - 1, int(days), "the full result, not a preview")
        did = new_dashboard(self.c, "Export board")
        pin(self.c, self.mid, did)
        self.c.post("/dashboards/%s/widgets" % did, {"_csrf": dm.page_csrf(self.c, "/dashboards/%s" % did),
                    "source": "text", "title": "Notes", "markdown": "Quarterly **numbers**"})
        wid = widget_ids(self.c.get("/dashboards/%s" % did).text)[0]
        r = dm.follow_export(self.c, self.c.get("/dashboards/%s/widgets/%s/export?format=xlsx" % (did, wid)))
        self.assertEqual(r.status, 200)
        zipfile.ZipFile(io.BytesIO(r.body)).testzip()
        r = dm.follow_export(self.c, self.c.get("/dashboards/%s/export.pdf" % did))
        self.assertEqual(r.status, 200)
        info, text = pdf_text(r.body)
        self.assertIn("Export board", text)
        self.assertIn("Notes", text)
        log = self.c.get("/audit").text
        for a in ("export.csv", "export.xlsx", "export.pdf"):
            self.assertIn(a, log)

    def test_dashboard_pdf_draws_kpi_bar_and_text(self):
        """issue 15: the PDF drew KPI and bar widgets as "a bar chart needs an x
        column" and the Markdown widget as raw text."""
        did = new_dashboard(self.c, dm.unique("Print board"))
        pin(self.c, answer_id(self.c, "how many orders this year"), did)
        pin(self.c, answer_id(self.c, "revenue by month this year"), did)
        tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
        self.c.post("/dashboards/%s/widgets" % did, {"_csrf": tok, "source": "text", "title": "Notes",
                    "markdown": "## The plan\n\nGrow **web** sales.\n\n- first item\n- [wiki](https://intranet/wiki)"})
        page = self.c.get("/dashboards/%s" % did).text
        kpi, month = widget_ids(page)[:2]
        # the monthly revenue as a bar chart filtered by its month column
        self.c.post("/dashboards/%s/widgets/%s" % (did, month), {"_csrf": tok, "title": "Revenue by month",
                    "kind": "chart", "size": "medium", "type": "bar", "date_column": "month"})
        for qs in ("", "?range=30d", "?range=year", "?range=all&from=2026-01-01&to=2026-03-31"):
            r = dm.follow_export(self.c, self.c.get("/dashboards/%s/export.pdf%s" % (did, qs)))
            self.assertEqual(r.status, 200, qs)
            info, text = pdf_text(r.body)
            self.assertNotIn("needs", text, qs)
            self.assertNotIn("could not", text, qs)
            self.assertIn("The plan", text)
            self.assertIn("Grow web sales.", text)
            self.assertIn("\u2022 first item", text)
            for raw in ("##", "**", "](", "- first"):
                self.assertNotIn(raw, text, "Markdown printed raw: " + qs)
            self.assertIn("Revenue by month", text)
        # the KPI is drawn as its number, not as a table of one cell or an error
        n = int(dm.psql("SELECT count(*) FROM orders WHERE ordered_at >= date_trunc('year', now())", db="shop"))
        info, text = pdf_text(dm.follow_export(self.c, self.c.get("/dashboards/%s/export.pdf" % did)).body)
        shown = re.sub(r"\s+", " ", text)
        self.assertTrue("{:,}".format(n) in shown or "%.1fK" % (n / 1000.0) in shown or "%dK" % round(n / 1000.0) in shown,
                        "the KPI's number %d in the PDF" % n)

    def test_download_all_rows_has_its_own_cap_and_says_where_it_stops(self):
        """issue 15: "Download all rows" gave 10,000 of 100,000 rows without saying so."""
        tok = dm.page_csrf(self.c, "/explore")
        conn = dm.shop_connection_id()
        page = dm.explore_run(self.c, conn, "SELECT id FROM orders").text
        self.assertIn("Download all rows (up to 150,000)", page)
        r = dm.follow_export(self.c, self.c.post("/explore/export", {
            "_csrf": tok, "format": "csv", "connection_id": conn, "sql": "SELECT id FROM orders ORDER BY id"}))
        self.assertEqual(r.status, 200)
        lines = r.body.decode().splitlines()
        self.assertEqual(len(lines) - 1, int(dm.psql("SELECT count(*) FROM orders", db="shop")))
        self.assertEqual(lines[-1], dm.psql("SELECT max(id) FROM orders", db="shop"))
        self.assertIsNone(r.header("X-DataMind-Note"))
        self.assertNotIn("first", r.header("Content-Disposition"))
        # past the export cap (150,000 in the test stack): it stops there and says so
        sql = "SELECT g FROM generate_series(1, 150001) AS g"
        r = dm.follow_export(self.c, self.c.post("/explore/export", {"_csrf": tok, "format": "csv",
                                                                     "connection_id": conn, "sql": sql}))
        self.assertEqual(r.status, 200)
        lines = r.body.decode().splitlines()
        self.assertEqual(len(lines), 150001)
        self.assertEqual(lines[-1], "150000")
        self.assertEqual(r.header("X-DataMind-Note"),
                         "This file stops at 150,000 rows (DATAMIND_EXPORT_MAX_ROWS): the query returned more.")
        self.assertIn("first-150000-rows.csv", r.header("Content-Disposition"))
        r = dm.follow_export(self.c, self.c.post("/explore/export", {"_csrf": tok, "format": "xlsx",
                                                                     "connection_id": conn, "sql": sql}))
        z = zipfile.ZipFile(io.BytesIO(r.body))
        summary = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/"))
        self.assertIn("truncated at 150000 rows", summary.replace(",", ""))

    def test_bad_format_and_viewer_roles(self):
        self.assertEqual(self.c.get("/chat/messages/%s/export?format=exe" % self.mid).status, 400)
        r = dm.follow_export(self.c, self.c.post("/explore/export", {
            "_csrf": dm.page_csrf(self.c, "/explore"), "format": "csv",
            "connection_id": dm.shop_connection_id(), "sql": "DELETE FROM orders"}))
        self.assertEqual(r.status, 422)


if __name__ == "__main__":
    unittest.main()
