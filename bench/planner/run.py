#!/usr/bin/env python3
"""run.py — the planner question benchmark (see bench/planner/README.md).

usage: bench/planner/run.py [--split dev|held|all|devN] [--db NAME] [--show-wrong]
                            [--jobs N] [--timeout S] [--datamind PATH] [--pg-dir DIR]

For each question of questions/<db>.json (dev), held/<db>.json (held, the
held-out split) or questionsN/<db>.json (devN, the N-th dev batch: every
questionsN/ directory is a split; README.md says what each batch holds and
which databases it added) — "all" is dev and held only, no batch is part of
it —
it runs `datamind ask --db CONNINFO --json QUESTION`, runs the gold SQL itself
with psql, and classifies the outcome:
  right     answered and the result matches the gold result (for a question
            marked "clarify": asked back)
  asked     asked back (clarify) on a question that has an answer
  declined  no SQL, or the SQL was refused or failed (an "error" object)
  WRONG     answered with a result that does not match (for a "clarify"
            question: any answer)
  crash     killed by a signal, a sanitizer report, a timeout, or no JSON
Results match when every gold column is matched by a distinct answer column
(extra answer columns allowed), the row counts are equal and the rows are equal
as multisets on the matched columns (as sequences when order_matters); numbers
compare to 4 significant digits, text exactly, NULL only to NULL.
Writes artifacts/planner-bench/report-<time>.json and latest.json. Stdlib only.
"""
import argparse
import concurrent.futures as cf
import csv
import decimal
import io
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUTCOMES = ["right", "asked", "declined", "WRONG", "crash"]
SANITIZER = re.compile(r"ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:")


DATE = re.compile(r"(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d(?::\d\d(?:\.\d+)?)?))?(?:[+-]00(?::?00)?|Z)?")


def norm(v):
    """A comparable key for one value: numbers to 4 significant digits;
    a timestamp at midnight equals its date (date_trunc gives either), and
    a month written YYYY-MM equals its first day."""
    if v is None:
        return ("null",)
    if isinstance(v, bool):
        return ("text", "t" if v else "f")
    if isinstance(v, (int, float)):
        return ("num", float(f"{float(v):.4g}"))
    s = str(v)
    if re.fullmatch(r"\s*-?\d+(\.\d*)?([eE][-+]?\d+)?\s*", s):
        return ("num", float(f"{float(s):.4g}"))
    if s in ("true", "false"):
        return ("text", s[0])
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", s):  # a month spelled 2024-01 is its first day's
        return ("date", s + "-01")                 # bucket (to_char beside date_trunc)
    m = DATE.fullmatch(s)
    if m:
        t = m.group(2)
        if not t or re.fullmatch(r"00:00(:00(\.0+)?)?", t):
            return ("date", m.group(1))
        return ("ts", m.group(1), t if "." in t or t.count(":") == 2 else t + ":00")
    return ("text", s)


def gold_result(psql, conninfo, sql):
    """(columns, rows) of the gold SQL, NULL kept apart from ''."""
    body = sql.strip().rstrip(";")
    r = subprocess.run([psql, "-X", "-q", "-d", conninfo, "-c",
                        f"COPY ({body}) TO STDOUT WITH (FORMAT csv, HEADER, NULL '\\N')"],
                       capture_output=True, timeout=120)
    if r.returncode:
        raise RuntimeError("gold SQL failed: " + r.stderr.decode().strip())
    rows = list(csv.reader(io.StringIO(r.stdout.decode())))
    cols, data = rows[0], rows[1:]
    # COPY quotes an empty string but not NULL: the csv module loses that, so
    # NULL is spelled \N above and the literal "\N" text never occurs here
    return cols, [[None if v == "\\N" else v for v in row] for row in data]


def ties_only(proj, gold):
    """The same rows in an order that differs only among ties: some column
    that takes more than one value reads the same down both lists (the
    order's key: a number or a date), so rows swapped share its value ("top
    3 actors": two with 5 films each, in either order)."""
    for j in range(len(gold[0]) if gold else 0):
        key = [r[j] for r in gold]
        if (len(set(key)) > 1 and all(v and v[0] in ("num", "date", "ts") for v in key) and
                key == [r[j] for r in proj]):
            return True
    return False


def match(gold_rows, ans_rows, ngold, nans, ordered, subset=False):
    """Does some assignment of distinct answer columns to gold columns make
    the projected rows equal (with subset: a sub-multiset of the gold rows)?
    Returns the assignment or None."""
    if len(gold_rows) != len(ans_rows) and not subset:
        return None
    g = [[norm(v) for v in r] for r in gold_rows]
    a = [[norm(v) for v in r] for r in ans_rows]
    if any(len(r) != nans for r in a) or ngold == 0:
        return None
    fits = (lambda x, y: x <= y) if subset else (lambda x, y: x == y)
    cands = []
    for j in range(ngold):
        gc = Counter(r[j] for r in g)
        cands.append([i for i in range(nans) if fits(Counter(r[i] for r in a), gc)])
        if not cands[-1]:
            return None
    gold = [tuple(r) for r in g]
    for n, assign in enumerate(itertools.product(*cands)):
        if n > 20000:
            break
        if len(set(assign)) != len(assign):
            continue
        proj = [tuple(r[i] for i in assign) for r in a]
        if subset:
            ok = Counter(proj) <= Counter(gold)
        elif ordered:
            ok = proj == gold or (Counter(proj) == Counter(gold) and ties_only(proj, gold))
        else:
            ok = Counter(proj) == Counter(gold)
        if ok:
            return list(assign)
    return None


def preview_limit(sql, nrows):
    """The LIMIT the planner put on a list when the answer has exactly that
    many rows (a preview of a longer result), else None."""
    m = re.search(r"\bLIMIT\s+(\d+)\s*;?\s*$", sql or "", re.I)
    return int(m.group(1)) if m and int(m.group(1)) == nrows else None


def ask(datamind, conninfo, question, timeout):
    t0 = time.monotonic()
    try:
        r = subprocess.run([datamind, "ask", "--db", conninfo, "--json", question],
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"crash": f"timeout after {timeout}s"}, time.monotonic() - t0
    wall = time.monotonic() - t0
    err = r.stderr.decode(errors="replace")
    if r.returncode < 0:
        return {"crash": f"killed by signal {-r.returncode}", "stderr": err[-2000:]}, wall
    if SANITIZER.search(err):
        return {"crash": "sanitizer report", "stderr": err[-4000:]}, wall
    lines = [l for l in r.stdout.decode(errors="replace").splitlines() if l.strip()]
    try:
        out = json.loads(lines[-1])
    except (IndexError, ValueError):
        return {"crash": f"no JSON on stdout (exit {r.returncode})", "stderr": err[-2000:]}, wall
    return out, wall


def gold_rounding(sql):
    """d of the gold's round(x, d) (0 to 4), or None."""
    m = re.search(r"\bround\s*\(.*?,\s*([0-4])\s*\)", sql or "", re.I | re.S)
    return int(m.group(1)) if m else None


def rounded(rows, d):
    """rows with every number rounded half away from zero to d decimals."""
    q = decimal.Decimal(1).scaleb(-d)
    def one(v):
        s = str(v)
        if isinstance(v, bool) or v is None or not re.fullmatch(r"\s*-?\d+(\.\d*)?\s*", s):
            return v
        return str(decimal.Decimal(s.strip()).quantize(q, rounding=decimal.ROUND_HALF_UP))
    return [[one(v) for v in r] for r in rows]


def month_numbers(rows):
    """rows with each column of first days of months of one year as month
    numbers (2016-03-01 is 3), or None when no column is so."""
    if not rows:
        return None
    out, changed = [list(r) for r in rows], False
    for j in range(len(rows[0])):
        ms = [re.fullmatch(r"(\d{4})-(\d{2})-01(T00:00(:00)?)?", str(r[j])) for r in rows]
        if all(ms) and len({m.group(1) for m in ms}) == 1:
            for r, m in zip(out, ms):
                r[j] = int(m.group(2))
            changed = True
    return out if changed else None


def quarter_numbers(rows):
    """rows with each column of first days of quarters of one year as
    quarter numbers (2007-04-01 is 2), or None when no column is so."""
    if not rows:
        return None
    out, changed = [list(r) for r in rows], False
    for j in range(len(rows[0])):
        ms = [re.fullmatch(r"(\d{4})-(01|04|07|10)-01([ T]00:00(:00)?([+-]\d\d)?)?", str(r[j])) for r in rows]
        if all(ms) and len({m.group(1) for m in ms}) == 1:
            for r, m in zip(out, ms):
                r[j] = (int(m.group(2)) - 1) // 3 + 1
            changed = True
    return out if changed else None


DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def weekday_numbers(rows, sunday):
    """rows with each column of weekday names as the day's number, Monday 1
    and Sunday `sunday` (0 as extract(dow), 7 as isodow), or None when no
    column is so."""
    if not rows:
        return None
    out, changed = [list(r) for r in rows], False
    for j in range(len(rows[0])):
        if all(str(r[j]).strip().lower() in DAYS for r in rows):
            for r in out:
                n = DAYS.index(str(r[j]).strip().lower()) + 1
                r[j] = sunday if n == 7 else n
            changed = True
    return out if changed else None


def label_text(v):
    """An answer row's label as a gold column's name would hold it: lower
    case, a whole number without its ".0" (the year 2009.0 is "2009")."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).lower()


def laid_out(gold_row, ans_rows, gold_cols=()):
    """1 when one answer column holds the gold row's values, in its order —
    or in another order when each answer row's label (another column) is
    named by the gold column of its value: in_2018 and in_2019 beside rows
    labelled 2019 and 2018, africa and europe beside Europe and Africa."""
    if len(ans_rows) != len(gold_row) or not ans_rows:
        return False
    want = [norm(v) for v in gold_row]
    width = len(ans_rows[0])
    if any([norm(r[j]) for r in ans_rows] == want for j in range(width)):
        return True
    for j in range(width):
        for lab in range(width):
            if lab == j:
                continue
            names = [label_text(r[lab]) for r in ans_rows]  # PostgreSQL folds the gold's names
            pos = [[i for i, n in enumerate(names) if n and n in str(c).lower()] for c in gold_cols]
            if len(pos) == len(ans_rows) and all(len(p) == 1 for p in pos) and \
                    len({p[0] for p in pos}) == len(pos) and \
                    all(norm(ans_rows[p[0]][j]) == w for p, w in zip(pos, want)):
                return True
    return False


def unknown_group(row):
    """1 when every value of an answer row but its numbers is NULL (and
    one is): the group of rows with no label."""
    keys = [norm(v) for v in row]
    return any(k == ("null",) for k in keys) and all(k == ("null",) or k[0] == "num" for k in keys)


def empty_groups_dropped(rows):
    """The rows left once the groups with nothing are dropped: rows whose
    numbers are all 0 or NULL (when no column is text, the label is a
    column of distinct numbers none of which is 0 or NULL, such as an id,
    and is not among them). None when no row is dropped."""
    keys = [[norm(v) for v in r] for r in rows]
    zero = (("num", 0.0), ("null",))
    ncol = len(keys[0]) if keys else 0
    nums = [j for j in range(ncol) if all(k[j][0] in ("num", "null") for k in keys)]
    if len(nums) == ncol:  # no text: the label is a column of distinct numbers, none 0
        nums = [j for j in nums if len({k[j] for k in keys}) < len(keys) or
                any(k[j] in zero for k in keys)]
    empty = [bool(nums) and all(k[j] in zero for j in nums) for k in keys]
    if not any(empty):
        return None
    return [r for r, e in zip(rows, empty) if not e]


def no_empty_groups(grows, arows, ngold, nans):
    """The same groups once the groups with nothing (a count of 0, a sum of
    NULL) are left out on either side: "appointments per vet" with or
    without the vets who have none. Nothing in either answer is false."""
    g, a = empty_groups_dropped(grows), empty_groups_dropped(arows)
    if g is None and a is None:
        return False
    g, a = (grows if g is None else g), (arows if a is None else a)
    return len(g) >= 2 and match(g, a, ngold, nans, False) is not None


def counted_as_list(q, out, gcols, grows, arows):
    """A question with no word asking for a number ("clients under 18",
    "do we have any films in French?") whose gold counts the rows, answered
    with the rows themselves: right when the list holds exactly as many
    rows as the gold counts (none where it counts 0), every one shown (not
    cut by the preview LIMIT) and none of them a count."""
    text = q.get("question", "").lower()
    gsql = (q.get("gold_sql") or "").strip().lower()
    if len(grows) != 1 or len(gcols) != 1 or not re.match(r"select\s+count\(\s*(\*|distinct\s+[\w.]+|[\w.]+)\s*\)\s+from", gsql):
        return False
    if re.search(r"\b(how|many|much|number|numbers|count|counts|total|totals|amount|sum|tally)\b", text):
        return False
    n = norm(grows[0][0])  # "Do we have any films in French?": no rows where the gold counts 0
    sql = (out.get("sql") or "").lower()
    if n[0] != "num" or n[1] != len(arows) or "count(" in sql or "group by" in sql:
        return False
    return preview_limit(out.get("sql"), len(arows)) is None


def yes_no_listed(q, out, gcols, grows, arows):
    """A yes/no question ("Was any gold card issued in 1995?", "Is there a
    department that has no students?") whose gold is one true or false,
    answered with the rows that make it true: right when there are rows
    exactly where the gold says true (none where false), the answer a list
    (no count, no groups) and not cut by the preview LIMIT."""
    text = q.get("question", "").strip().lower()
    if len(grows) != 1 or len(gcols) != 1 or norm(grows[0][0]) not in (("text", "t"), ("text", "f")):
        return False
    if not re.match(r"(is|are|was|were|do|does|did|has|have|had|can)\b", text):
        return False
    sql = (out.get("sql") or "").lower()
    if "count(" in sql or "group by" in sql or "sum(" in sql:
        return False
    return (len(arows) > 0) == (norm(grows[0][0]) == ("text", "t"))


def echoes_dropped(q, gcols, grows):
    """The gold without its columns that only repeat what the question
    says: every value of the column is written in the question ("Who is the
    head of state of Germany?": name 'Germany'). None when none is."""
    text = q.get("question", "").lower()
    keep = [j for j in range(len(gcols))
            if not all(isinstance(r[j], str) and len(r[j]) > 2 and not norm(r[j])[0] == "num" and
                       re.search(r"\b" + re.escape(r[j].lower()) + r"\b", text) for r in grows)]
    if not keep or len(keep) == len(gcols):
        return None
    return [gcols[j] for j in keep], [[r[j] for j in keep] for r in grows]


def judge(q, out, gold, order):
    """(outcome, detail) for one question."""
    if "crash" in out:
        return "crash", out["crash"]
    clar = q["expect"] == "clarify"
    if "clarify" in out:
        return ("right" if clar else "asked"), out.get("clarify")
    if "error" in out or "sql" not in out:
        return "declined", out.get("error")
    if clar:
        return "WRONG", "answered a question that should be asked back"
    gcols, grows = gold
    acols = [c.get("name") if isinstance(c, dict) else c for c in out.get("columns", [])]
    arows = out.get("rows", [])
    if match(grows, arows, len(gcols), len(acols), order) is not None:
        return "right", None
    # the same numbers the gold rounds with round(x, d), rounded alike
    d = gold_rounding(q.get("gold_sql"))
    if d is not None and match(rounded(grows, d), rounded(arows, d), len(gcols), len(acols), order) is not None:
        return "right", f"numbers rounded to {d} decimals, as the gold rounds them"
    # months of one year: extract(month) numbers beside first days of months
    months = month_numbers(arows)
    if months and match(grows, months, len(gcols), len(acols), order) is not None:
        return "right", "months of one year, as their numbers"
    # quarters of one year: the answer's numbers 1-4 beside the gold's first days of quarters
    quarters = quarter_numbers(grows)
    if quarters and match(quarters, arows, len(gcols), len(acols), order) is not None:
        return "right", "quarters of one year, as their numbers"
    for sunday in (0, 7):  # days of the week by name, the gold's by extract(dow) / isodow
        days = weekday_numbers(arows, sunday)
        if days and match(grows, days, len(gcols), len(acols), order) is not None:
            return "right", "days of the week, as their numbers"
    # the gold's groups, and beside them the group of rows whose label is
    # NULL (the gold left it out: "WHERE boro IS NOT NULL"): nothing false
    known = [r for r in arows if not unknown_group(r)]
    if not order and len(known) == len(grows) and len(arows) == len(grows) + 1 and \
            match(grows, known, len(gcols), len(acols), order) is not None:
        return "right", "the gold's groups, and the unknown (NULL) group beside them"
    if not order and no_empty_groups(grows, arows, len(gcols), len(acols)):
        return "right", "the gold's groups, with or without the groups that have nothing"
    echo = echoes_dropped(q, gcols, grows)
    if echo and match(echo[1], arows, len(echo[0]), len(acols), order) is not None:
        return "right", "the gold's columns but those that repeat the question's own words"
    if counted_as_list(q, out, gcols, grows, arows):
        return "right", "the rows the gold counts, listed: as many as it counts"
    if yes_no_listed(q, out, gcols, grows, arows):
        return "right", "a yes or no, answered with the rows that make it yes (none for no)"
    # a comparison of a few values: the gold's one row, the answer's one column in that order
    if len(grows) == 1 and len(gcols) >= 2 and laid_out(grows[0], arows, gcols):
        return "right", "the gold's one row laid out as the answer's column"
    # a list cut to the planner's preview LIMIT is right when every row it
    # shows is a gold row (not for top-N questions: there the cut is the answer;
    # not for LIMIT 1 or a few: "the most expensive product" beside 5 tied)
    lim = preview_limit(out.get("sql"), len(arows))
    if lim and lim >= 10 and not order and len(grows) > lim and \
            match(grows, arows, len(gcols), len(acols), False, subset=True) is not None:
        return "right", f"preview: the first {lim} of {len(grows)} rows"
    return "WRONG", f"gold {len(grows)} rows x {len(gcols)} cols; answer {len(arows)} rows x {len(acols)} cols"


def splits():
    """(split, directory) pairs: dev is questions/, held is held/, and devN
    is every questionsN/ present, in number order — a new batch is a new
    directory, nothing here to edit."""
    nums = sorted(int(m.group(1)) for d in os.listdir(HERE)
                  for m in [re.fullmatch(r"questions(\d+)", d)] if m and os.path.isdir(os.path.join(HERE, d)))
    return [("dev", "questions"), ("held", "held")] + [(f"dev{n}", f"questions{n}") for n in nums]


def split_names():
    return [sp for sp, _ in splits()] + ["all"]


def load_questions(split, only_db):
    qs = []
    for sp, sub in splits():
        if split != sp and not (split == "all" and sp in ("dev", "held")):
            continue
        d = os.path.join(HERE, sub)
        for f in sorted(os.listdir(d)):
            if f.endswith(".json") and (not only_db or f == only_db + ".json"):
                with open(os.path.join(d, f)) as fh:
                    for q in json.load(fh):
                        q["split"] = sp
                        qs.append(q)
    return qs


def main():
    ap = argparse.ArgumentParser(description="planner question benchmark")
    ap.add_argument("--split", choices=split_names(), default="dev")
    ap.add_argument("--db")
    ap.add_argument("--show-wrong", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--datamind", default=os.path.join(ROOT, "datamind"))
    ap.add_argument("--pg-dir", default=os.environ.get("DM_BENCH_PG", "/tmp/dm-bench-pg"))
    args = ap.parse_args()
    if not os.access(args.datamind, os.X_OK):
        sys.exit(f"run.py: no {args.datamind}: build first (./scripts/build)")
    r = subprocess.run([sys.executable, os.path.join(HERE, "load.py"), "start", "--dir", args.pg_dir],
                       capture_output=True, text=True)
    if r.returncode:
        sys.exit(r.stdout + r.stderr)
    with open(os.path.join(args.pg_dir, "conninfo.json")) as f:
        conn = json.load(f)
    from load import PGBIN  # the same PostgreSQL the loader started
    psql = os.path.join(PGBIN, "psql")
    qs = load_questions(args.split, args.db)
    if not qs:
        sys.exit("run.py: no questions selected")

    def one(q):
        gold = None
        if q["expect"] == "answer":
            try:
                gold = gold_result(psql, conn[q["db"]], q["gold_sql"])
            except Exception as e:  # a broken gold query is the benchmark's bug: say so
                return dict(q, outcome="gold-error", detail=str(e))
        out, wall = ask(args.datamind, conn[q["db"]], q["question"], args.timeout)
        outcome, detail = judge(q, out, gold, q.get("order_matters", False))
        rec = dict(q, outcome=outcome, detail=detail, sql=out.get("sql"), plan_us=out.get("plan_us"),
                   confidence=out.get("confidence"), wall_s=round(wall, 3))
        if outcome == "crash":
            rec["stderr"] = out.get("stderr")
        if outcome == "WRONG":
            rec["answer_head"] = {"columns": [c.get("name") if isinstance(c, dict) else c
                                              for c in out.get("columns", [])], "rows": out.get("rows", [])[:5]}
            if gold:
                rec["gold_head"] = {"columns": gold[0], "rows": gold[1][:5]}
        return rec

    with cf.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        recs = list(ex.map(one, qs))

    bad = [r for r in recs if r["outcome"] == "gold-error"]
    for r in bad:
        print(f"GOLD ERROR {r['id']}: {r['detail']}", file=sys.stderr)
    print_summary(recs)
    if args.show_wrong:
        for r in recs:
            if r["outcome"] in ("WRONG", "crash"):
                print(f"\n[{r['outcome']}] {r['id']} ({r['db']}, {r['split']}): {r['question']}")
                print(f"  planner: {r.get('sql')}")
                print(f"  why:     {r.get('detail')}")
                if r.get("answer_head"):
                    print(f"  answer:  {json.dumps(r['answer_head'])[:300]}")
                if r.get("gold_head"):
                    print(f"  gold:    {json.dumps(r['gold_head'])[:300]}")
    outdir = os.path.join(ROOT, "artifacts", "planner-bench")
    os.makedirs(outdir, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    report = {"when": stamp, "split": args.split, "db": args.db, "questions": recs}
    for name in (f"report-{stamp}.json", "latest.json"):
        with open(os.path.join(outdir, name), "w") as f:
            json.dump(report, f, indent=1, default=str)
    print(f"\nreport: artifacts/planner-bench/report-{stamp}.json")
    return 1 if bad else 0


def print_summary(recs):
    groups = {}
    for r in recs:
        for key in ((r["db"], r["split"]), ("ALL", r["split"])):
            groups.setdefault(key, []).append(r)
    print(f"{'database':<12}{'split':<6}{'n':>5}" + "".join(f"{o:>9}" for o in OUTCOMES)
          + f"{'right%':>8}{'wrong%':>8}{'plan p50':>10}{'plan p95':>10}")
    for (db, sp), rs in sorted(groups.items(), key=lambda kv: (kv[0][0] == "ALL", kv[0])):
        c = Counter(r["outcome"] for r in rs)
        us = sorted(r["plan_us"] for r in rs if isinstance(r.get("plan_us"), int))
        p50 = f"{statistics.median(us):.0f}us" if us else "-"
        p95 = f"{us[min(len(us) - 1, int(len(us) * 0.95))]}us" if us else "-"
        n = len(rs)
        print(f"{db:<12}{sp:<6}{n:>5}" + "".join(f"{c.get(o, 0):>9}" for o in OUTCOMES)
              + f"{100 * c.get('right', 0) / n:>7.0f}%{100 * c.get('WRONG', 0) / n:>7.0f}%{p50:>10}{p95:>10}")


if __name__ == "__main__":
    sys.exit(main())
