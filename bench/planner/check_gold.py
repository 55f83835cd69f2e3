#!/usr/bin/env python3
"""check_gold.py — check a batch of benchmark questions before committing it.

usage: bench/planner/check_gold.py [--split dev|devN] [--db NAME] [--pg-dir DIR] [--show]

For every question of the split: the fields are exactly those of the other
files, ids are unique and name their database, "expect" is "answer" with a
gold SQL or "clarify" with null, and every gold SQL runs against the loaded
database (bench/planner/load.py start) and returns at least one row. --show
prints each gold result's first rows, to check by eye. It does not run the
planner. Exit 1 when something is wrong, naming it.
"""
import argparse
import json
import os
import subprocess
import sys

import run

FIELDS = {"id", "db", "question", "gold_sql", "order_matters", "expect"}


def problems(q, seen):
    out = []
    if set(q) - {"split"} != FIELDS:
        out.append(f"fields {sorted(set(q) - {'split'})}")
    if q.get("id") in seen:
        out.append("duplicate id")
    if not str(q.get("id", "")).startswith(str(q.get("db")) + "-"):
        out.append("id does not start with the database name")
    if not isinstance(q.get("order_matters"), bool):
        out.append("order_matters is not true/false")
    if q.get("expect") == "answer" and not q.get("gold_sql"):
        out.append("answer without gold_sql")
    if q.get("expect") == "clarify" and q.get("gold_sql") is not None:
        out.append("clarify with a gold_sql")
    if q.get("expect") not in ("answer", "clarify"):
        out.append(f"expect {q.get('expect')!r}")
    return out


def main():
    ap = argparse.ArgumentParser(description="check benchmark questions")
    ap.add_argument("--split", choices=[sp for sp in run.split_names() if sp not in ("held", "all")], default="dev24")
    ap.add_argument("--db")
    ap.add_argument("--pg-dir", default=os.environ.get("DM_BENCH_PG", "/tmp/dm-bench-pg"))
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    r = subprocess.run([sys.executable, os.path.join(run.HERE, "load.py"), "start",
                        "--dir", args.pg_dir], capture_output=True, text=True)
    if r.returncode:
        sys.exit(r.stdout + r.stderr)
    with open(os.path.join(args.pg_dir, "conninfo.json")) as f:
        conn = json.load(f)
    from load import PGBIN
    psql = os.path.join(PGBIN, "psql")
    qs = run.load_questions(args.split, args.db)
    seen, bad, counts = set(), 0, {}
    for q in qs:
        errs = problems(q, seen)
        seen.add(q.get("id"))
        c = counts.setdefault(q["db"], {"answer": 0, "clarify": 0})
        c[q["expect"]] = c.get(q["expect"], 0) + 1
        if not errs and q["expect"] == "answer":
            try:
                cols, rows = run.gold_result(psql, conn[q["db"]], q["gold_sql"])
                if not rows:
                    errs.append("gold SQL returns no rows")
                elif args.show:
                    print(f"{q['id']} [{len(rows)} rows] {q['question']}")
                    for row in rows[:3]:
                        print("     ", " | ".join("NULL" if v is None else v for v in row))
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                errs.append(str(e))
        for e in errs:
            bad += 1
            print(f"{q.get('id')}: {e}")
    for db, c in sorted(counts.items()):
        print(f"{db:<12} {c['answer']:>3} answer {c['clarify']:>3} clarify")
    print(f"{len(qs)} questions, {bad} problem(s)")
    return 1 if bad or not qs else 0


if __name__ == "__main__":
    sys.exit(main())
