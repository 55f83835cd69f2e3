"""Issue 15 item 2 with issue 19's worker: {{name}} parameters wherever a
query runs as a job. A saved query's Run binds its defaults (the job
carries them; a result that ran with other values is never its last
result); a dashboard's filter values go to the widget.run job (two values
are two jobs, never one shared result); the page store keeps no page
under a parameter filter; the dashboard PDF export and a scheduled CSV
bind the values as the page would. A list's choices (a SELECT DISTINCT)
are read by a job of the worker too, never by the web worker."""
import email
import email.policy
import html
import os
import re
import unittest

import dm
from sinks import Smtp
from test_dashboard_cache import js_get
from test_exports import pdf_text
from test_fragments import counter
from test_params import BY_STATUS, add_table_widget, card, cell_values, new_dashboard
from test_reports import report_of, schedule, send_now
from test_runner_routes import follow_page

TAG = "SELECT {{tag}}::text AS tag"
SMTP_PORT = int(os.environ.get("DM_SMTP_PORT", "18025"))


def save(client, conn, sql, **params):
    data = {"_csrf": dm.page_csrf(client, "/explore"), "name": dm.unique("Tagged"), "sql": sql,
            "connection_id": conn}
    data.update(params)
    r = client.post("/queries", data)
    assert r.status == 303, (r.status, r.text[-1500:])
    return r.header("Location").rsplit("/", 1)[1]


def edit(client, qid, conn, sql, **params):
    data = {"_csrf": dm.page_csrf(client, "/queries/%s" % qid), "name": "Tagged", "sql": sql,
            "connection_id": conn}
    data.update(params)
    r = client.post("/queries/%s" % qid, data)
    assert r.status == 303, (r.status, r.text[-1500:])


def run(client, qid):
    return client.post("/queries/%s/run" % qid, {"_csrf": dm.page_csrf(client, "/queries/%s" % qid)})


def last_tag(qid):
    return dm.psql("SELECT coalesce(last_result->'rows'->0->>0, '') FROM saved_queries WHERE id = '%s'" % qid)


class TestSavedQueryRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org()

    def test_run_binds_the_defaults_and_new_defaults_drop_the_result(self):
        qid = save(self.c, self.conn, TAG, p_tag="alpha", pt_tag="text")
        r = run(self.c, qid)
        self.assertEqual(r.status, 303)
        page = follow_page(self.c, r.header("Location")).text
        self.assertEqual(cell_values(page), ["alpha"])
        self.assertIn("with the parameters' defaults", page)
        self.assertEqual(last_tag(qid), "alpha")
        edit(self.c, qid, self.conn, TAG, p_tag="beta", pt_tag="text")
        self.assertEqual(last_tag(qid), "", "a result of the old defaults is not this query's")
        self.assertIn("Not run yet", self.c.get("/queries/%s" % qid).text)
        run(self.c, qid)
        self.assertEqual(dm.wait_for(lambda: last_tag(qid), timeout=60), "beta")

    def test_run_without_a_default_says_what_to_set(self):
        qid = save(self.c, self.conn, TAG)
        r = run(self.c, qid)
        self.assertEqual(r.status, 422)
        self.assertIn("{{tag}} has no value", html.unescape(r.text))
        self.assertIn("Edit form", r.text)
        self.assertEqual(dm.psql("SELECT (last_error IS NULL AND last_result IS NULL)::text"
                                 " FROM saved_queries WHERE id = '%s'" % qid), "true")

    def test_explore_result_is_kept_only_when_its_values_are_the_defaults(self):
        r = dm.explore_run(self.c, self.conn, TAG, p_tag="alpha", pt_tag="text")
        job = re.search(r'name="job" value="([0-9a-f]{32})"', r.text).group(1)
        same = save(self.c, self.conn, TAG, p_tag="alpha", pt_tag="text", job=job)
        self.assertEqual(last_tag(same), "alpha")
        other = save(self.c, self.conn, TAG, p_tag="omega", pt_tag="text", job=job)
        self.assertEqual(last_tag(other), "", "alpha's result is not the result of omega")

    def test_a_run_overtaken_by_new_defaults_is_not_stored(self):
        qid = save(self.c, self.conn, TAG, p_tag="alpha", pt_tag="text")
        dm.stop_worker()
        try:
            r = run(self.c, qid)  # queued with alpha
            self.assertRegex(r.header("Location"), r"\?job=[0-9a-f]{32}$")
            edit(self.c, qid, self.conn, TAG, p_tag="beta", pt_tag="text")
        finally:
            dm.start_worker()
        page = follow_page(self.c, r.header("Location")).text
        self.assertNotIn("Running…", page)
        self.assertEqual(last_tag(qid), "")
        self.assertNotIn("alpha", cell_values(page))


class TestWidgetJobs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org()
        cls.did = new_dashboard(cls.c, "Tags")
        cls.wid = add_table_widget(cls.c, cls.did, cls.conn, TAG, "Tag", p_tag="dflt", pt_tag="text")

    def test_two_filter_values_are_two_jobs(self):
        dm.stop_worker()
        try:
            urls = {}
            for v in ("one", "two"):
                page = self.c.get("/dashboards/%s?p_tag=%s" % (self.did, v)).text
                m = re.search(r'content="1;url=([^"]*jobs=([0-9a-f]{32})[^"]*)"', page)
                self.assertTrue(m, "the view follows the widget's job")
                self.assertIn("p_tag=" + v, html.unescape(m.group(1)))
                urls[v] = (html.unescape(m.group(1)), m.group(2))
            self.assertNotEqual(urls["one"][1], urls["two"][1], "another value is another job")
        finally:
            dm.start_worker()
        for v, (url, _) in urls.items():
            page = follow_page(self.c, url).text
            self.assertEqual(cell_values(card(page, self.wid)), [v])
        # the filtered runs are not the widget's stored result
        self.assertNotIn("one", dm.psql("SELECT coalesce(last_result::text, '') FROM widgets"
                                        " WHERE id = '%s'" % self.wid))
        page = follow_page(self.c, "/dashboards/%s" % self.did).text
        self.assertEqual(cell_values(card(page, self.wid)), ["dflt"])

    def test_no_stored_page_under_a_parameter_filter(self):
        url = "/dashboards/%s?p_tag=kept" % self.did
        follow_page(self.c, url)  # its fragment cached
        before = counter(self.c, "datamind_page_store_hits_total")
        for _ in range(6):
            r = js_get(self.c, url)
            self.assertEqual(r.status, 200)
            self.assertIn('value="kept"', r.text)
        self.assertEqual(counter(self.c, "datamind_page_store_hits_total"), before)


class TestExportAndReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org()
        cls.smtp = Smtp(SMTP_PORT)

    @classmethod
    def tearDownClass(cls):
        cls.smtp.close()

    def test_dashboard_pdf_takes_the_filter_values(self):
        did = new_dashboard(self.c, "Tag PDF")
        add_table_widget(self.c, did, self.conn, TAG, "Tag", p_tag="dfltvalue", pt_tag="text")
        add_table_widget(self.c, did, self.conn, "SELECT {{start}}::date AS since", "Since",
                         p_start="2001-02-03", pt_start="date")
        pdf = dm.follow_export(self.c, self.c.get("/dashboards/%s/export.pdf?p_tag=zebravalue"
                                                  "&range=custom&from=2024-05-06&to=2024-06-01" % did))
        self.assertEqual(pdf.status, 200, pdf.text[:300] if pdf.status != 200 else "")
        _, text = pdf_text(pdf.body)
        self.assertIn("zebravalue", text)
        self.assertIn("2024-05-06", text)
        self.assertNotIn("dfltvalue", text)
        _, text = pdf_text(dm.follow_export(self.c, self.c.get("/dashboards/%s/export.pdf" % did)).body)
        self.assertIn("dfltvalue", text)
        self.assertIn("2001-02-03", text)

    def test_scheduled_csv_binds_the_defaults(self):
        qid = save(self.c, self.conn, TAG, p_tag="gamma", pt_tag="text")
        self.assertEqual(schedule(self.c, "/queries/%s" % qid, "tags@example.com").status, 303)
        rid = report_of(qid)
        self.assertEqual(send_now(self.c, rid, "/queries/%s" % qid).status, 303)

        def mail():
            for raw in list(self.smtp.messages):
                if "report-%s-" % rid in raw:
                    return email.message_from_string(raw, policy=email.policy.default)
        msg = dm.wait_for(mail, timeout=120, step=0.5)
        self.assertTrue(msg, "no e-mail reached the sink")
        part = next(msg.iter_attachments())
        text = part.get_content()
        text = text.decode() if isinstance(text, bytes) else text
        self.assertEqual(text.replace("\ufeff", "").splitlines(), ["tag", "gamma"])


class TestListChoices(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org()
        found = ("SELECT count(*) FROM schema_tables WHERE connection_id = '%s'"
                 " AND table_name = 'orders'" % cls.conn)
        assert dm.wait_for(lambda: dm.psql(found) == "1", timeout=60), "orders not discovered"
        cls.qid = save(cls.c, cls.conn, BY_STATUS, p_status="completed", pt_status="list",
                       pc_status="orders.status")

    def runs(self):
        return int(dm.psql("SELECT count(*) FROM audit_log WHERE resource_id = '%s' AND action ="
                           " 'query.run' AND details->>'source' = 'params'" % self.conn))

    def test_choices_are_read_by_the_worker(self):
        before = self.runs()
        dm.stop_worker()
        try:
            page = self.c.get("/queries/%s" % self.qid)
            self.assertEqual(page.status, 200)
            self.assertIn('<option value="completed" selected>', page.text)
            self.assertEqual(self.runs(), before, "the web worker ran no query")
        finally:
            dm.start_worker()
        page = self.c.get("/queries/%s" % self.qid).text
        for status in dm.psql("SELECT DISTINCT status FROM orders", db="shop").split():
            self.assertIn('<option value="%s"' % status, page)
        self.assertGreater(self.runs(), before, "the worker read them")


if __name__ == "__main__":
    unittest.main()
