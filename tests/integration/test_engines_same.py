"""Issue 16: the same questions asked of the demo shop on every engine give
the same rows. The shop lives in PostgreSQL (scripts/demo-shop.sql); this
test copies it into the stack's MariaDB, a SQLite file and the stack's
ClickHouse (scripts/demo-shop-to-*, each read back by a read-only user).
Each question of questions.json that stands alone and expects rows goes
through `datamind ask --questions` (the chat's path: discovery, the planner
writing that engine's dialect, the engine's policy, its read-only run) and
its rows are compared, value for value, with PostgreSQL's. An engine
missing from the stack is a failure, not a skip."""
import datetime
import decimal
import json
import os
import subprocess
import unittest

import dm

ENGINES = ("mysql", "sqlite", "clickhouse")
HERE = os.path.dirname(os.path.abspath(__file__))
# the catalog answers name each engine's own types ("integer" / "int" /
# "Int32"): the same tables are checked, not the type words
CATALOG = {"what tables are there?": 0, "describe the orders table": 1}


SQLITE_DIR = os.path.join(dm.VAR, "sqlite")


def secret(name):
    return open(os.path.join(dm.VAR, "demo-secrets", name)).read().strip()


def load(engine):
    """Copy the shop into engine; its URL for a read-only user, or None
    with why (the loader's output)."""
    env = dict(os.environ)
    r = subprocess.run([dm.ROOT + "/scripts/demo-shop-to-" + engine], capture_output=True, text=True,
                       timeout=600, env=env)
    if r.returncode != 0:
        return None, (r.stdout + r.stderr)[-1500:]
    if engine == "mysql":
        return "mysql://shop_reader:%s@127.0.0.1:%s/shop" % (secret("shop_reader_mysql"),
                                                            os.environ["DM_MYSQL_PORT"]), ""
    if engine == "sqlite":
        return "sqlite://" + os.path.join(SQLITE_DIR, "shop.db"), ""
    return "clickhouse://datamind_ro:datamind_ro@127.0.0.1:%s/shop" % os.environ["DM_CH_PORT"], ""


def shop_url(engine):
    if engine == "postgresql":
        return "postgresql://shop_reader:%s@127.0.0.1:%s/shop?sslmode=disable" % (
            secret("shop_reader"), os.environ["DM_PG_PORT"])
    return load(engine)


def ask_all(url, questions):
    """{question: answer} for every question, one discovery."""
    path = os.path.join(dm.VAR, "tmp", "engines-questions.txt")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(questions) + "\n")
    env = dict(os.environ, DATAMIND_SQLITE_DIR=SQLITE_DIR)
    out = subprocess.run([dm.ROOT + "/datamind", "ask", "--db", url, "--questions", path],
                         capture_output=True, text=True, timeout=900, env=env)
    answers = {}
    for line in out.stdout.splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        answers[o.get("question")] = o
    if not answers:
        answers[None] = {"error": "no answers (rc %d): %s %s" % (out.returncode, out.stdout[-500:],
                                                                out.stderr[-500:])}
    return answers


def norm(v):
    """One spelling per value: numbers to 6 significant digits (engines sum
    decimals with different precision), booleans as 0/1, timestamps to the
    second without a zone, dates as YYYY-MM-DD."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, (int, float, decimal.Decimal)):
        f = float(v)
        return 0.0 if f == 0 else float("%.6g" % f)
    if isinstance(v, str):
        s = v
        if len(s) >= 19 and s[4] == "-" and s[7] == "-" and s[10] in "T " and s[13] == ":":
            s = s[:10] + " " + s[11:19]
            return s[:10] if s.endswith(" 00:00:00") else s
        try:
            return float("%.6g" % float(s)) if s.strip() and s.strip()[0] in "-0123456789." else s
        except ValueError:
            return s
    return v


def rows_of(answer, order_matters):
    rows = [tuple(norm(v) for v in r) for r in answer.get("rows", [])]
    return rows if order_matters else sorted(rows, key=repr)


class SameAnswers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        qs = json.load(open(os.path.join(HERE, "questions.json")))
        cls.questions = [q for q in qs if q["expect"] == "rows" and q["follow_up_of"] is None]
        cls.pg = ask_all(shop_url("postgresql"), [q["q"] for q in cls.questions])

    def check_engine(self, engine):
        url, why = shop_url(engine)
        self.assertTrue(url, "the shop could not be copied into %s: %s" % (engine, why))
        answers = ask_all(url, [q["q"] for q in self.questions])
        self.assertNotIn(None, answers, answers.get(None))
        same = skipped = nested = 0
        report = []
        for q in self.questions:
            got = answers.get(q["q"], {})
            report.append({"q": q["q"], "sql": got.get("sql"), "error": got.get("error"),
                           "clarify": got.get("clarify"), "rows": (got.get("rows") or [])[:5],
                           "pg_sql": self.pg.get(q["q"], {}).get("sql"),
                           "pg_rows": (self.pg.get(q["q"], {}).get("rows") or [])[:5]})
        os.makedirs(os.path.join(dm.ROOT, "artifacts"), exist_ok=True)
        with open(os.path.join(dm.ROOT, "artifacts", "engines-%s.json" % engine), "w") as f:
            json.dump(report, f, indent=1, default=str)
        for q in self.questions:
            with self.subTest(engine=engine, q=q["q"]):
                want, got = self.pg.get(q["q"], {}), answers.get(q["q"], {"error": "no answer"})
                if "rows" not in want:  # a word the web app's vocabulary defines; the CLI has none
                    skipped += 1
                    continue
                if engine == "clickhouse" and (want.get("sql") or "").count(" JOIN ") > 1:
                    # 18.16 runs one JOIN a SELECT: the joins nested as sub-queries
                    # (src/ask/sqlshape_nest.c), one JOIN each, and PostgreSQL's rows
                    self.assertIn("AS `n1`", got.get("sql") or "", got)
                    nested += 1
                if "median" in q["q"] and engine in ("mysql", "sqlite"):
                    # no median on these engines: said plainly, never another number
                    self.assertNotIn("rows", got, got)
                    self.assertIn("median", json.dumps(got).lower())
                    continue
                self.assertIn("rows", got, "%s did not answer: %s" % (engine, {k: got.get(k) for k in ("error", "clarify", "sql")}))
                if q["q"] in CATALOG:
                    col = CATALOG[q["q"]]
                    names = lambda a: sorted(str(r[col]) for r in a["rows"])
                    self.assertEqual(names(got), names(want))
                else:
                    self.assertEqual(len(got["columns"]), len(want["columns"]), got.get("sql"))
                    self.assertEqual(rows_of(got, q["order_matters"]), rows_of(want, q["order_matters"]),
                                     "\n%s SQL: %s\nPostgreSQL SQL: %s" % (engine, got.get("sql"), want.get("sql")))
                same += 1
        print("%s: %d of %d questions gave PostgreSQL's rows (%d over 3 or more tables, "
              "nested), %d not answered by PostgreSQL either" % (engine, same, len(self.questions),
                                                                nested, skipped))
        # ClickHouse: 92 of 95 (the 3 others are the web app's vocabulary), 24 of
        # them nested; MySQL and SQLite decline the median questions
        self.assertGreaterEqual(same, 92 if engine == "clickhouse" else 85)
        if engine == "clickhouse":
            self.assertGreaterEqual(nested, 24)

    def test_mysql(self):
        self.check_engine("mysql")

    def test_sqlite(self):
        self.check_engine("sqlite")

    def test_clickhouse(self):
        self.check_engine("clickhouse")


if __name__ == "__main__":
    unittest.main()
