"""Issue 17, part 4: the question pipeline in /metrics. Questions are answered
by `datamind worker` processes, so their counters live in Redis (one hash)
and /metrics, on any web worker, reads them: questions by outcome (answered,
asked back, LLM, error), planner and query time histograms, result-cache hits
and misses, LLM tokens, job failures by task, queue depth. Each moves when its
event happens."""
import json
import os
import re
import subprocess
import time
import unittest
import uuid

import dm
from test_chat import ask
from test_llm_chat import FakeLLM, reconfigure

SERIES = re.compile(r"^([a-z_]+(?:\{[^}]*\})?) ([0-9.e+-]+)$", re.M)


def metrics(client):
    r = client.get("/metrics")
    assert r.status == 200, r.status
    return {k: float(v) for k, v in SERIES.findall(r.text)}, r.text


def redis(*args):
    return subprocess.run(["redis-cli", "-s", os.path.join(dm.VAR, "run", "redis.sock")] + list(args),
                          capture_output=True, text=True).stdout.strip()


def prefix():
    with open(os.path.join(dm.VAR, "datamind.env")) as f:
        m = re.search(r"^DATAMIND_REDIS_PREFIX=(.*)$", f.read(), re.M)
    return m.group(1) if m else "dm:"


Q = 'datamind_questions_total{outcome="%s"}'
PLAN_N, QUERY_N = "datamind_planner_seconds_count", "datamind_query_seconds_count"
HIT, MISS = 'datamind_query_cache_total{result="hit"}', 'datamind_query_cache_total{result="miss"}'


class TestPipelineMetrics(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c, cls.slug, cls.conn = dm.shop_org(functions=None)
        cls.web = dm.Client()  # /metrics needs no sign-in (loopback is allowed)

    def delta(self, before, after, key):
        return after.get(key, 0) - before.get(key, 0)

    def test_families_are_described_and_present_at_zero(self):
        m, text = metrics(self.web)
        for family, kind in (("datamind_questions_total", "counter"),
                             ("datamind_planner_seconds", "histogram"),
                             ("datamind_query_seconds", "histogram"),
                             ("datamind_query_cache_total", "counter"),
                             ("datamind_llm_tokens_total", "counter"),
                             ("datamind_job_failures_total", "counter"),
                             ("datamind_queue_depth", "gauge"),
                             ("datamind_jobs_dead", "gauge")):
            self.assertIn("# TYPE %s %s" % (family, kind), text)
            self.assertIn("# HELP %s " % family, text)
        for outcome in ("answered", "asked_back", "llm", "error"):
            self.assertIn(Q % outcome, m)
        self.assertIn('datamind_planner_seconds_bucket{le="+Inf"}', m)
        self.assertIn('datamind_llm_tokens_total{direction="input"}', m)
        self.assertIn('datamind_queue_depth{queue="default",state="ready"}', m)

    def test_an_answer_moves_outcome_time_and_cache(self):
        # a question no one asked before (no cache hit), inside the shop's dates
        # (a period outside them is asked back, not answered)
        question = "how many orders in the last %d days" % (30 + int(uuid.uuid4().int % 600))
        before, _ = metrics(self.web)
        r = ask(self.c, question, conn=self.conn)
        self.assertEqual(r.status, 303)
        after, _ = metrics(self.web)
        self.assertEqual(self.delta(before, after, Q % "answered"), 1)
        self.assertEqual(self.delta(before, after, PLAN_N), 1)
        self.assertEqual(self.delta(before, after, QUERY_N), 1)
        self.assertEqual(self.delta(before, after, HIT) + self.delta(before, after, MISS), 1)
        self.assertGreater(self.delta(before, after, "datamind_planner_seconds_sum"), 0)
        # buckets are cumulative: +Inf moved, and no bucket moved more than it
        inf = self.delta(before, after, 'datamind_query_seconds_bucket{le="+Inf"}')
        self.assertEqual(inf, 1)
        self.assertLessEqual(self.delta(before, after, 'datamind_query_seconds_bucket{le="0.005"}'), 1)
        # the same question again: the result comes from the cache
        before = after
        ask(self.c, question, conn=self.conn)
        after, _ = metrics(self.web)
        self.assertEqual(self.delta(before, after, HIT), 1)
        self.assertEqual(self.delta(before, after, MISS), 0)

    def test_asking_back_is_counted(self):
        before, _ = metrics(self.web)
        ask(self.c, "how many customers in Atlantis", conn=self.conn)
        after, _ = metrics(self.web)
        self.assertEqual(self.delta(before, after, Q % "asked_back"), 1)
        self.assertEqual(self.delta(before, after, Q % "answered"), 0)
        self.assertEqual(self.delta(before, after, PLAN_N), 1)
        self.assertEqual(self.delta(before, after, QUERY_N), 0)

    def test_a_failed_query_is_an_error(self):
        c, slug, conn = dm.shop_org(functions=None)
        # the database goes away after its schema was read: the query fails
        dm.psql("UPDATE connections SET port = 1, version = version + 1 WHERE id = '%s'" % conn)
        before, _ = metrics(self.web)
        ask(c, "how many orders", conn=conn)
        after, _ = metrics(self.web)
        self.assertEqual(self.delta(before, after, Q % "error"), 1)
        self.assertEqual(self.delta(before, after, Q % "answered"), 0)

    def test_an_explore_run_moves_query_time_and_cache(self):
        before, _ = metrics(self.web)
        r = dm.explore_run(self.c, self.conn, "SELECT %d AS n" % (uuid.uuid4().int % 100000))
        self.assertEqual(r.status, 200)
        after, _ = metrics(self.web)
        self.assertEqual(self.delta(before, after, QUERY_N), 1)
        self.assertEqual(self.delta(before, after, MISS), 1)

    def test_a_failing_job_is_counted_by_task(self):
        task = "no.such.task"
        key = 'datamind_job_failures_total{task="%s"}' % task
        before, _ = metrics(self.web)
        job = {"id": uuid.uuid4().hex, "type": task, "queue": "default", "args": {},
               "attempt": 0, "max_attempts": 1, "enqueued_at": int(time.time() * 1000)}
        redis("LPUSH", prefix() + "q:default", json.dumps(job))
        ok = dm.wait_for(lambda: self.delta(before, metrics(self.web)[0], key) == 1, timeout=30)
        self.assertTrue(ok, "the failure of %s was not counted" % task)
        after, _ = metrics(self.web)
        self.assertGreaterEqual(after["datamind_jobs_dead"], 1)
        # a label is reduced to safe characters
        self.assertNotIn('task="no.such.task\\', metrics(self.web)[1])

    def test_queue_depth_follows_the_queue(self):
        q = "metricsq" + uuid.uuid4().hex[:6]  # a queue no runner reads
        redis("SADD", prefix() + "queues", q)
        for i in range(3):
            redis("LPUSH", prefix() + "q:" + q, json.dumps({"id": "x%d" % i, "type": "noop"}))
        try:
            m, _ = metrics(self.web)
            self.assertEqual(m['datamind_queue_depth{queue="%s",state="ready"}' % q], 3)
        finally:
            redis("DEL", prefix() + "q:" + q)
            redis("SREM", prefix() + "queues", q)


class TestPipelineMetricsLLM(unittest.TestCase):
    """With an LLM (the fake one): a question the planner cannot place is
    answered by it, counted as "llm", with its tokens."""

    @classmethod
    def setUpClass(cls):
        cls.fake = FakeLLM()
        try:
            reconfigure({"LLM_PROVIDER": "anthropic", "LLM_BASE_URL": cls.fake.url,
                         "LLM_MODEL": "fake-model-7", "LLM_TIMEOUT_MS": "20000",
                         "LLM_DEADLINE_MS": "60000"})
        except Exception:
            cls.tearDownClass()
            raise
        cls.c = dm.demo_client()
        cls.web = dm.Client()

    @classmethod
    def tearDownClass(cls):
        reconfigure({})
        cls.fake.stop()

    def test_llm_answer_and_tokens(self):
        before, _ = metrics(self.web)
        ask(self.c, "customers per country zorblax")
        after, _ = metrics(self.web)
        moved = {k: after.get(k, 0) - before.get(k, 0) for k in after}
        self.assertEqual(moved[Q % "llm"], 1, {k: v for k, v in moved.items() if v})
        self.assertGreater(moved['datamind_llm_tokens_total{direction="input"}'], 0)
        self.assertGreater(moved['datamind_llm_tokens_total{direction="output"}'], 0)


if __name__ == "__main__":
    unittest.main()
