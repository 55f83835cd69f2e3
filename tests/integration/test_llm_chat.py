"""The LLM path of the chat and of `datamind ask`, against the local fake LLM
(tests/integration/fake_llm.py, which records every request body): what the
planner declined goes to the LLM with what the planner understood; a
follow-up gets the previous answer's SQL; one deadline per question; tokens
of refused calls are kept; an LLM answer says so on the page; and a
connection's sharing level bounds what any request body holds.

The stack starts with no LLM: this module points it at the fake (the env
file and SIGHUP, as test_ratelimit does) and puts the file back after."""
import html
import json
import os
import re
import signal
import subprocess
import sys
import unittest
import urllib.request

import dm
from test_chat import ask, session_of, wait_answered

HERE = os.path.dirname(os.path.abspath(__file__))
ENVFILE = os.path.join(dm.VAR, "datamind.env")
MODEL = "fake-model-7"


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class FakeLLM:
    def __init__(self):
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "fake_llm.py"),
                                      str(self.port)], stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "ready"
        self.url = "http://127.0.0.1:%d" % self.port

    def requests(self):
        with urllib.request.urlopen(self.url + "/requests", timeout=10) as r:
            return json.loads(r.read())

    def reset(self):
        urllib.request.urlopen(urllib.request.Request(self.url + "/reset", data=b"",
                                                      method="POST"), timeout=10).read()

    def bodies(self):
        """Every request body as sent, one JSON text each."""
        return [json.dumps(r["body"], ensure_ascii=False) for r in self.requests()]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.proc.stdout.close()


def is_insight_call(req):
    body = req["body"]
    system = body.get("system") or ""
    msgs = body.get("messages") or []
    if not system and msgs and msgs[0].get("role") == "system":
        system = msgs[0].get("content") or ""
    return '"insight"' in system


def user_text(req):
    return req["body"]["messages"][-1]["content"]


def reconfigure(extra):
    """Rewrite the env file with `extra` settings and replace the web workers
    and `datamind worker` (questions are answered there, issue 19)."""
    dm.reconfigure(extra, "DATAMIND_LLM_")


def cell_after(msg, label):
    """The number in the table cell right of the cell holding label."""
    m = re.search(r'title="%s">[^<]*</span></td><td class="num"><span class="trunc" '
                  r'title="([\d,]+)"' % re.escape(label), msg)
    return int(m.group(1).replace(",", "")) if m else None


def messages_of(page):
    return re.findall(r'<article class="msg msg-answer card".*?</article>', page, re.S)


def last_answer(client, resp):
    page = client.get(resp.header("Location")).text
    return html.unescape(messages_of(page)[-1])


def reader_password():
    with open(os.path.join(dm.VAR, "demo-secrets", "shop_reader")) as f:
        return f.read().strip()


def shop_connection(admin, name, level):
    """A connection of admin's organization to the demo shop, with the
    sharing level chosen in the form."""
    pw = reader_password()
    r = admin.post("/connections", {"_csrf": dm.page_csrf(admin, "/connections/new"),
                                    "name": name, "host": "127.0.0.1",
                                    "port": os.environ["DM_PG_PORT"], "database": "shop",
                                    "user": "shop_reader", "password": pw, "sslmode": "disable",
                                    "llm_sharing": level}, follow=True)
    assert "Found 7 tables" in r.text, r.text[:2000]
    return re.search(r"/connections/([0-9a-f-]{36})/edit", r.text).group(1)


class TestLLMChat(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(ENVFILE) as f:
            cls.good = f.read()
        cls.fake = FakeLLM()
        cls.settings = {"LLM_PROVIDER": "anthropic", "LLM_BASE_URL": cls.fake.url,
                        "LLM_MODEL": MODEL, "LLM_TIMEOUT_MS": "20000",
                        "LLM_DEADLINE_MS": "60000"}
        try:
            reconfigure(cls.settings)
        except Exception:
            cls.tearDownClass()
            raise
        cls.c = dm.demo_client()

    @classmethod
    def tearDownClass(cls):
        with open(ENVFILE, "w") as f:
            f.write(cls.good)
        master = dm.pid_of("web")
        before = dm.children(master)
        os.kill(master, signal.SIGHUP)
        dm.wait_for(lambda: not set(dm.children(master)) & set(before), timeout=30)
        cls.fake.stop()

    def setUp(self):
        self.fake.reset()

    def test_planner_asks_back_and_the_llm_answers(self):
        r = ask(self.c, "customers per country zorblax")
        msg = last_answer(self.c, r)
        self.assertIn("Written by the LLM (%s)" % MODEL, msg)
        self.assertIn("GROUP BY k.name", msg)
        want = dm.psql("SELECT count(*) FROM customers c JOIN countries k ON k.id = c.country_id "
                       "WHERE k.name = 'Germany'", db="shop")
        self.assertEqual(cell_after(msg, "Germany"), int(want))
        reqs = self.fake.requests()
        self.assertEqual(len(reqs), 1)  # schema only (the Shop's default): no insight call
        u = user_text(reqs[0])
        self.assertIn('not sure of this question: I could not match "zorblax"', u)
        self.assertIn("What it did understand (keep it where it fits the question): customers", u)
        self.assertIn("<question>\ncustomers per country zorblax\n</question>", u)
        self.assertIn("- revenue: Net revenue", u)  # the vocabulary, with its definition
        self.assertIn("(defined as: sum(order_items.quantity", u)
        self.assertNotIn("This schema is incomplete", u)  # 7 tables fit
        # a question the planner is sure of never reaches the LLM
        self.fake.reset()
        r = ask(self.c, "how many customers are there")
        self.assertIn("8,000", last_answer(self.c, r))
        self.assertEqual(self.fake.requests(), [])

    def test_llm_answer_arrives_stage_by_stage(self):
        """Issue 19 item 6: the LLM route published only "understood" and
        "insight"; every route pushes all six stages, in order."""
        from live import Subscriber
        page = self.c.get("/chat")
        key = page.form_value("live_key")
        channel = re.search(r'class="stages" hx-ext="sse" sse-connect="/live/([^"]+)"', page.text).group(1)
        self.assertTrue(channel.endswith(".chat." + key), channel)
        sub = Subscriber(self.c, channel)
        try:
            self.assertEqual(sub.status, 200)
            r = self.c.post("/chat", {"_csrf": page.form_value("_csrf"), "live_key": key,
                                      "message": "customers per country zorblax",
                                      "connection_id": dm.shop_connection_id()})
            self.assertEqual(r.status, 303)
            insight, seen = sub.wait_for("insight", lambda d: True)
        finally:
            sub.close()
        self.assertEqual([ev for ev, _ in seen],
                         ["understood", "sql", "running", "rows", "chart", "insight"], seen)
        got = dict(seen)
        self.assertIn("GROUP BY k.name", html.unescape(got["sql"]))
        self.assertRegex(got["rows"], r"^\d+ rows")
        self.assertIn("Written by the LLM (%s)" % MODEL, last_answer(self.c, wait_answered(self.c, r)))

    def test_followup_edits_the_previous_llm_sql(self):
        r = ask(self.c, "customers per country zorblax")
        sid = session_of(r)
        first = last_answer(self.c, r)
        self.assertIn("Written by the LLM", first)
        self.fake.reset()
        r = ask(self.c, "now only Germany", session=sid)
        msg = last_answer(self.c, r)
        reqs = self.fake.requests()
        self.assertEqual(len(reqs), 1)
        u = user_text(reqs[0])
        self.assertIn("<last_answer_sql>\nSELECT k.name AS country, count(*) AS customers FROM "
                      "customers c JOIN countries k ON k.id = c.country_id GROUP BY k.name", u)
        self.assertIn("- user: customers per country zorblax", u)
        self.assertIn("WHERE k.name = 'Germany' GROUP BY", msg)
        want = dm.psql("SELECT count(*) FROM customers c JOIN countries k ON k.id = c.country_id "
                       "WHERE k.name = 'Germany'", db="shop")
        self.assertRegex(msg, r"\b1 row\b(?!s)")  # "1 row", not "1 rows"
        self.assertEqual(cell_after(msg, "Germany"), int(want))
        self.assertIn("Written by the LLM (%s)" % MODEL, msg)

    def test_refused_sql_keeps_its_tokens(self):
        r = ask(self.c, "[delete] zorblax the orders")
        msg = last_answer(self.c, r)
        self.assertIn("the SQL it wrote was refused", msg)
        self.assertNotIn("Written by the LLM", msg)
        self.assertRegex(msg, r"· \d+\+\d+ tokens")
        sid = session_of(r)
        usage = json.loads(dm.psql("SELECT token_usage FROM chat_messages WHERE session_id = '%s' "
                                   "AND role = 'assistant'" % sid))
        self.assertGreater(usage["input_tokens"], 0)
        self.assertGreater(usage["output_tokens"], 0)
        self.assertEqual(usage["attempts"], 1)
        self.assertEqual(dm.psql("SELECT count(*) FROM orders", db="shop"), "100000")
        audit = dm.psql("SELECT details->'llm_tokens'->>'input_tokens' FROM audit_log "
                        "WHERE action = 'chat.ask' AND resource_id = '%s'" % sid)
        self.assertEqual(int(audit), usage["input_tokens"])

    def test_one_deadline_per_question(self):
        admin, _, _ = dm.register()
        conn = shop_connection(admin, "Rows", "rows")  # rows: an insight call would follow
        try:
            reconfigure(dict(self.settings, LLM_DEADLINE_MS="1000"))
            self.fake.reset()
            r = ask(admin, "[sleep3] customers per country", conn=conn)
            msg = last_answer(admin, r)
        finally:
            reconfigure(self.settings)
        self.assertIn('class="clarify"', msg)
        self.assertIn("the LLM did not answer in time: this question's time limit was reached", msg)
        self.assertNotIn("Written by the LLM", msg)
        reqs = self.fake.requests()
        self.assertEqual(len(reqs), 1)   # no retry and no insight call after the deadline
        self.assertFalse(is_insight_call(reqs[0]))

    def test_slow_answer_follows_the_job_and_the_web_stays_free(self):
        """issue 19: two questions waiting on a slow LLM made /healthz take
        27 s. The answering (planning, LLM calls, the query, the insight)
        runs in `datamind worker`; the page waits DATAMIND_QUERY_WAIT_MS (2 s),
        then holds the answer's place and follows the job."""
        admin, _, _ = dm.register()
        conn = shop_connection(admin, "Slow", "schema")
        self.fake.reset()
        r = admin.post("/chat", {"_csrf": dm.page_csrf(admin, "/chat"), "connection_id": conn,
                                 "message": "[sleep6] customers per country zorblax"})
        self.assertEqual(r.status, 303)
        loc = r.header("Location")
        self.assertRegex(loc, r"^/chat/[0-9a-f-]{36}\?job=[0-9a-f]{32}$")
        page = admin.get(loc).text
        self.assertIn('class="msg msg-answer card pending"', page)
        self.assertIn("[sleep6] customers per country zorblax", html.unescape(page), "the question shows")
        self.assertIn('<noscript><meta http-equiv="refresh" content="1;url=%s"></noscript>' % loc, page)
        self.assertEqual(dm.Client().get("/healthz").status, 200)
        self.assertIn("card pending", admin.get(loc).text, "/healthz answered while the LLM thinks")
        wait_answered(admin, r)
        page = admin.get(loc).text
        self.assertNotIn("card pending", page)
        self.assertIn("Written by the LLM", page)
        self.assertEqual(len(messages_of(page)), 1)
        # with htmx, in the session: the turn comes back at once, its answer follows
        sid = session_of(r)
        tok = dm.page_csrf(admin, "/chat/%s" % sid)
        r2 = admin.post("/chat", {"_csrf": tok, "session_id": sid,
                                  "message": "[sleep4] customers per country zorblax"},
                        headers={"HX-Request": "true", "X-CSRF-Token": tok})
        self.assertEqual(r2.status, 200)
        self.assertNotIn("<html", r2.text)
        self.assertIn('hx-get="/chat/jobs/', r2.text)
        job = re.search(r'hx-get="/chat/jobs/([0-9a-f]{32})"', r2.text).group(1)
        other, _, _ = dm.register()  # not someone else's to follow
        self.assertEqual(other.get("/chat/jobs/" + job, headers={"HX-Request": "true"}).status, 404)
        # nor an Explore page (it was a page of a worker crash: no SQL in a chat job)
        self.assertEqual(admin.get("/explore/jobs/" + job).status, 404)
        self.assertEqual(admin.post("/explore/jobs/%s/cancel" % job, {"_csrf": tok}).status, 404)
        done = wait_answered(admin, r2, htmx=True)
        self.assertNotIn("card pending", done.text)
        self.assertIn("Written by the LLM", done.text)
        self.assertEqual(len(messages_of(admin.get("/chat/%s" % sid).text)), 2)

    def test_cli_takes_the_same_path(self):
        pw = reader_password()
        db = "host=127.0.0.1 port=%s dbname=shop user=shop_reader password=%s" % (
            os.environ["DM_PG_PORT"], pw)
        env = dict(os.environ, DATAMIND_LLM_PROVIDER="openai", DATAMIND_LLM_BASE_URL=self.fake.url,
                   DATAMIND_LLM_MODEL=MODEL, DATAMIND_TEMPLATES=os.path.join(dm.ROOT, "templates"))
        def cli(*args):
            out = subprocess.run([dm.ROOT + "/datamind", "ask", "--json", "--db", db] + list(args),
                                 capture_output=True, text=True, timeout=60, env=env)
            self.assertEqual(out.returncode, 0, out.stderr)
            return json.loads(out.stdout)
        o = cli("customers per country zorblax")
        self.assertEqual(o["written_by"], "llm")
        self.assertEqual(o["model"], MODEL)
        self.assertIn("GROUP BY k.name", o["sql"])
        self.assertEqual(len(o["rows"]), int(dm.psql("SELECT count(*) FROM countries", db="shop")))
        self.assertGreater(o["token_usage"]["input_tokens"], 0)
        u = user_text(self.fake.requests()[0])
        self.assertIn('I could not match "zorblax"', u)
        self.assertNotIn("Small Business", u)   # --llm-sharing defaults to schema
        # sure: no LLM
        self.fake.reset()
        self.assertEqual(cli("how many customers are there")["rows"][0][0], 8000)
        self.assertEqual(self.fake.requests(), [])
        # a refused statement: the clarification, the reason and the tokens
        o = cli("[delete] zorblax the orders")
        self.assertIn("clarify", o)
        self.assertIn("refused", o["llm_error"])
        self.assertGreater(o["token_usage"]["output_tokens"], 0)
        # samples: the schema's sampled values go, rows do not
        self.fake.reset()
        o = cli("--llm-sharing", "samples", "list customers zorblax")
        bodies = self.fake.bodies()
        email = next(v for v in o["rows"][0] if isinstance(v, str) and "@" in v)
        self.assertTrue(any("Small Business" in b for b in bodies))
        self.assertFalse(any(email in b for b in bodies))


class TestSharingLevels(unittest.TestCase):
    """A request body never holds more than the connection's level allows.
    "Small Business" is a sampled value of customers.segment (the schema
    context shows it only from `samples` up); an e-mail address is a value of
    a result row (sent only at `rows`, for the insight)."""

    @classmethod
    def setUpClass(cls):
        TestLLMChat.setUpClass.__func__(cls)
        cls.admin, _, _ = dm.register()
        cls.conns = {lvl: shop_connection(cls.admin, "Shop " + lvl, lvl)
                     for lvl in ("schema", "samples", "rows")}

    @classmethod
    def tearDownClass(cls):
        TestLLMChat.tearDownClass.__func__(cls)

    def converse(self, level):
        """Two turns: a list of customers, then a follow-up; every body sent."""
        self.fake.reset()
        r = ask(self.admin, "list customers zorblax", conn=self.conns[level])
        first = last_answer(self.admin, r)
        self.assertIn("Written by the LLM", first)
        emails = re.findall(r'title="([^"@]+@[^"]+)"', first)
        self.assertTrue(emails, first[:3000])
        ask(self.admin, "customers per country zorblax", session=session_of(r),
            conn=self.conns[level])
        return self.fake.requests(), emails

    def test_schema_sends_no_value(self):
        reqs, emails = self.converse("schema")
        bodies = [json.dumps(r["body"], ensure_ascii=False) for r in reqs]
        self.assertEqual(len(reqs), 2)  # two SQL calls, no insight call
        self.assertFalse(any(is_insight_call(r) for r in reqs))
        for b in bodies:
            self.assertNotIn("Small Business", b)
            self.assertNotIn(" e.g. ", b)
            for e in emails:
                self.assertNotIn(e, b)
        # the history holds the user's question, not the answer's summary
        self.assertIn("- user: list customers zorblax", user_text(reqs[1]))
        self.assertNotIn("- assistant:", user_text(reqs[1]))

    def test_samples_send_sampled_values_not_rows(self):
        reqs, emails = self.converse("samples")
        bodies = [json.dumps(r["body"], ensure_ascii=False) for r in reqs]
        self.assertEqual(len(reqs), 2)
        self.assertFalse(any(is_insight_call(r) for r in reqs))
        self.assertTrue(all("Small Business" in b for b in bodies))
        for b in bodies:
            for e in emails:
                self.assertNotIn(e, b)
        self.assertNotIn("- assistant:", user_text(reqs[1]))

    def test_rows_send_result_rows(self):
        reqs, emails = self.converse("rows")
        self.assertEqual(len(reqs), 4)  # SQL + insight, twice
        insight = [json.dumps(r["body"], ensure_ascii=False) for r in reqs if is_insight_call(r)]
        self.assertEqual(len(insight), 2)
        self.assertIn(emails[0], insight[0])
        self.assertIn("Small Business", json.dumps(reqs[0]["body"], ensure_ascii=False))
        self.assertIn("- assistant:", user_text(reqs[2]))  # the earlier answer's summary

    def test_only_an_admin_chooses_the_level(self):
        cid = self.conns["schema"]
        page = self.admin.get("/connections/%s/edit" % cid).text
        self.assertIn('name="llm_sharing"', page)
        self.assertIn("sent to the LLM: <span class=\"llm-sharing\">schema only",
                      self.admin.get("/connections/%s" % cid).text)
        email = dm.unique("analyst") + "@example.com"
        dm.add_user(self.admin, email, "analyst")
        analyst, _ = dm.login(email)
        self.assertNotIn('name="llm_sharing"', analyst.get("/connections/%s/edit" % cid).text)
        pw = reader_password()
        r = analyst.post("/connections/%s" % cid, {
            "_csrf": dm.page_csrf(analyst, "/connections/%s/edit" % cid), "name": "Shop schema",
            "host": "127.0.0.1", "port": os.environ["DM_PG_PORT"], "database": "shop",
            "user": "shop_reader", "password": pw, "sslmode": "disable", "llm_sharing": "rows"})
        self.assertEqual(r.status, 400)
        self.assertIn("Only an admin can choose what is sent to the LLM", r.text)
        self.assertEqual(dm.psql("SELECT llm_sharing FROM connections WHERE id = '%s'" % cid),
                         "schema")
        # an analyst's edit keeps the admin's choice; a new connection starts at schema
        r = analyst.post("/connections/%s" % self.conns["rows"], {
            "_csrf": dm.page_csrf(analyst, "/connections/%s/edit" % cid), "name": "Shop rows",
            "host": "127.0.0.1", "port": os.environ["DM_PG_PORT"], "database": "shop",
            "user": "shop_reader", "sslmode": "disable"})
        self.assertEqual(r.status, 303)
        self.assertEqual(dm.psql("SELECT llm_sharing FROM connections WHERE id = '%s'"
                                 % self.conns["rows"]), "rows")
        r = self.admin.post("/connections/%s" % cid, {
            "_csrf": dm.page_csrf(self.admin, "/connections/%s/edit" % cid), "name": "Shop schema",
            "host": "127.0.0.1", "port": os.environ["DM_PG_PORT"], "database": "shop",
            "user": "shop_reader", "sslmode": "disable", "llm_sharing": "everything"})
        self.assertEqual(r.status, 400)
        self.assertIn("Choose schema, samples or rows", r.text)


if __name__ == "__main__":
    unittest.main()
