#!/usr/bin/env python3
"""test_run.py — the benchmark's judge (run.py) on hand-made answers.
usage: python3 bench/planner/test_run.py"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

Q = {"expect": "answer"}
GOLD = (["name", "count"], [["a", "1"], ["b", "2"]])


class Norm(unittest.TestCase):
    def test_numbers_to_four_significant_digits(self):
        self.assertEqual(run.norm(4.2013562702567938), run.norm("4.201"))
        self.assertEqual(run.norm("2003.0"), run.norm(2003))
        self.assertNotEqual(run.norm(4.2), run.norm(4.21))

    def test_midnight_timestamp_is_its_date(self):
        self.assertEqual(run.norm("1996-06-01 00:00:00"), run.norm("1996-06-01"))
        self.assertEqual(run.norm("1993-08-01 00:00:00+00"), run.norm("1993-08-01"))
        self.assertNotEqual(run.norm("1996-06-01 10:00:00"), run.norm("1996-06-01"))

    def test_month_spelled_yyyy_mm_is_its_first_day(self):
        self.assertEqual(run.norm("2024-01"), run.norm("2024-01-01"))
        self.assertEqual(run.norm("2024-12"), run.norm("2024-12-01 00:00:00"))
        self.assertNotEqual(run.norm("2024-01"), run.norm("2024-01-02"))
        self.assertNotEqual(run.norm("2024-13"), run.norm("2024-13-01"))

    def test_null_is_not_empty_text(self):
        self.assertNotEqual(run.norm(None), run.norm(""))


class Judge(unittest.TestCase):
    def j(self, out, gold=GOLD, q=Q, order=False):
        return run.judge(q, out, gold, order)[0]

    def test_extra_identifying_column_and_other_column_order(self):
        out = {"sql": "x", "columns": [{"name": "id"}, {"name": "n"}, {"name": "name"}],
               "rows": [[7, 2, "b"], [8, 1, "a"]]}
        self.assertEqual(self.j(out), "right")

    def test_wrong_value_or_row_count(self):
        self.assertEqual(self.j({"sql": "x", "columns": ["name", "n"], "rows": [["a", 1], ["b", 3]]}), "WRONG")
        self.assertEqual(self.j({"sql": "x", "columns": ["name", "n"], "rows": [["a", 1]]}), "WRONG")

    def test_order_only_when_asked(self):
        out = {"sql": "x", "columns": ["name", "n"], "rows": [["b", 2], ["a", 1]]}
        self.assertEqual(self.j(out), "right")
        self.assertEqual(self.j(out, order=True), "WRONG")

    def test_ties_in_any_order(self):
        gold = (["name", "n"], [["a", "6"], ["b", "5"], ["c", "5"]])
        tied = {"sql": "x", "columns": ["name", "n"], "rows": [["a", 6], ["c", 5], ["b", 5]]}
        swapped = {"sql": "x", "columns": ["name", "n"], "rows": [["b", 5], ["a", 6], ["c", 5]]}
        self.assertEqual(self.j(tied, gold, order=True), "right")
        self.assertEqual(self.j(swapped, gold, order=True), "WRONG")

    def test_preview_limit_of_a_longer_list(self):
        gold = (["name"], [[str(i)] for i in range(12)])
        ok = {"sql": "SELECT name FROM t LIMIT 10", "columns": ["name"], "rows": [[str(i)] for i in range(10)]}
        bad = {"sql": "SELECT name FROM t LIMIT 10", "columns": ["name"], "rows": [[str(i)] for i in range(9)] + [["z"]]}
        self.assertEqual(self.j(ok, gold), "right")
        self.assertEqual(self.j(bad, gold), "WRONG")
        self.assertEqual(self.j(ok, gold, order=True), "WRONG")

    def test_numbers_rounded_as_the_gold_rounds(self):
        q = {"expect": "answer", "gold_sql": "SELECT round(avg(rating)::numeric, 2) FROM r"}
        gold = (["round"], [["5.70"]])
        self.assertEqual(self.j({"sql": "x", "columns": ["avg"], "rows": [["5.7010033"]]}, gold, q), "right")
        self.assertEqual(self.j({"sql": "x", "columns": ["avg"], "rows": [["5.7060033"]]}, gold, q), "WRONG")
        self.assertEqual(self.j({"sql": "x", "columns": ["avg"], "rows": [["5.7010033"]]}, gold), "WRONG")

    def test_month_numbers_of_one_year(self):
        gold = (["month", "count"], [["1", "222"], ["2", "493"]])
        one = {"sql": "x", "columns": ["month", "n"], "rows": [["2016-01-01", 222], ["2016-02-01", 493]]}
        two = {"sql": "x", "columns": ["month", "n"], "rows": [["2015-01-01", 222], ["2016-02-01", 493]]}
        self.assertEqual(self.j(one, gold), "right")
        self.assertEqual(self.j(two, gold), "WRONG")

    def test_weekday_names_for_day_numbers(self):
        dow = (["weekday", "count"], [["0", "5"], ["1", "7"], ["6", "2"]])
        iso = (["weekday", "count"], [["7", "5"], ["1", "7"], ["6", "2"]])
        ok = {"sql": "x", "columns": ["weekday", "n"], "rows": [["Sunday", 5], ["Monday", 7], ["Saturday", 2]]}
        bad = {"sql": "x", "columns": ["weekday", "n"], "rows": [["Sunday", 7], ["Monday", 5], ["Saturday", 2]]}
        self.assertEqual(self.j(ok, dow), "right")
        self.assertEqual(self.j(ok, iso), "right")
        self.assertEqual(self.j(bad, dow), "WRONG")

    def test_one_gold_row_laid_out_as_a_column(self):
        gold = (["rev_2023", "rev_2024"], [["1799.81", "2144.72"]])
        ok = {"sql": "x", "columns": ["year", "total"], "rows": [[2023, 1799.81], [2024, 2144.72]]}
        swapped = {"sql": "x", "columns": ["year", "total"], "rows": [[2023, 2144.72], [2024, 1799.81]]}
        self.assertEqual(self.j(ok, gold), "right")
        self.assertEqual(self.j(swapped, gold), "WRONG")
        # later period first, each row labelled by the year its gold column names
        later = {"sql": "x", "columns": ["year", "total"], "rows": [[2024, 2144.72], [2023, 1799.81]]}
        self.assertEqual(self.j(later, gold), "right")
        mislabelled = {"sql": "x", "columns": ["year", "total"], "rows": [[2023, 2144.72], [2024, 1799.81]]}
        self.assertEqual(self.j(mislabelled, gold), "WRONG")
        unnamed = (["a", "b"], [["1799.81", "2144.72"]])
        self.assertEqual(self.j(later, unnamed), "WRONG")
        # the gold's column names folded to lower case by PostgreSQL
        folded = (["africa", "europe"], [["52.57", "75.15"]])
        regions = {"sql": "x", "columns": ["continent", "avg"], "rows": [["Europe", 75.1477], ["Africa", 52.5719]]}
        self.assertEqual(self.j(regions, folded), "right")
        wrong_way = {"sql": "x", "columns": ["continent", "avg"], "rows": [["Africa", 75.1477], ["Europe", 52.5719]]}
        self.assertEqual(self.j(wrong_way, folded), "WRONG")

    def test_quarters_of_one_year_as_numbers(self):
        gold = (["quarter", "sum"], [["2007-04-01 00:00:00", "26773.41"], ["2007-01-01 00:00:00", "37612.86"]])
        ok = {"sql": "x", "columns": ["quarter", "total"], "rows": [[1, 37612.86], [2, 26773.41]]}
        self.assertEqual(self.j(ok, gold), "right")
        swapped = {"sql": "x", "columns": ["quarter", "total"], "rows": [[2, 37612.86], [1, 26773.41]]}
        self.assertEqual(self.j(swapped, gold), "WRONG")
        years = (["quarter", "sum"], [["2007-04-01", "26773.41"], ["2008-01-01", "37612.86"]])
        self.assertEqual(self.j(ok, years), "WRONG")  # two years: a number says no year

    def test_a_year_label_written_as_a_float(self):
        gold = (["sections_2008", "sections_2009"], [["3", "1"]])
        ok = {"sql": "x", "columns": ["year", "section"], "rows": [[2009.0, 1], [2008.0, 3]]}
        self.assertEqual(self.j(ok, gold), "right")
        bad = {"sql": "x", "columns": ["year", "section"], "rows": [[2009.0, 3], [2008.0, 2]]}
        self.assertEqual(self.j(bad, gold), "WRONG")

    def test_the_unknown_group_beside_the_gold_groups(self):
        gold = (["boro", "count"], [["Bronx", "1226"], ["Queens", "450"]])
        ok = {"sql": "x", "columns": ["boro", "n"], "rows": [["Bronx", 1226], [None, 541], ["Queens", 450]]}
        self.assertEqual(self.j(ok, gold), "right")
        two = {"sql": "x", "columns": ["boro", "n"], "rows": [["Bronx", 1226], [None, 541], [None, 3], ["Queens", 450]]}
        self.assertEqual(self.j(two, gold), "WRONG")
        named = {"sql": "x", "columns": ["boro", "n"], "rows": [["Bronx", 1226], ["Kent", 541], ["Queens", 450]]}
        self.assertEqual(self.j(named, gold), "WRONG")
        off = {"sql": "x", "columns": ["boro", "n"], "rows": [["Bronx", 1226], [None, 541], ["Queens", 451]]}
        self.assertEqual(self.j(off, gold), "WRONG")
        self.assertEqual(self.j(ok, gold, {"expect": "answer"}, True), "WRONG")  # a ranking: a place taken

    def test_groups_with_nothing_shown_or_left_out(self):
        gold = (["first_name", "count"], [["Sharon", "0"], ["James", "1"], ["Linda", "2"], ["Henry", "0"]])
        ok = {"sql": "x", "columns": ["vet", "n"], "rows": [["James", 1], ["Linda", 2]]}
        self.assertEqual(self.j(ok, gold), "right")
        more = (["first_name", "count"], [["James", "1"], ["Linda", "2"]])
        zeros = {"sql": "x", "columns": ["vet", "n"], "rows": [["James", 1], ["Linda", 2], ["Ann", None]]}
        self.assertEqual(self.j(zeros, more), "right")
        off = {"sql": "x", "columns": ["vet", "n"], "rows": [["James", 1], ["Linda", 3]]}
        self.assertEqual(self.j(off, gold), "WRONG")
        lost = {"sql": "x", "columns": ["vet", "n"], "rows": [["James", 1], ["Linda", 2], ["Sharon", 0], ["Henry", 0], ["Ann", 4]]}
        self.assertEqual(self.j(lost, gold), "WRONG")  # a group with something the gold has not
        flag = {"sql": "x", "columns": ["vet", "active", "n"], "rows": [["James", 1, 1], ["Linda", 1, 2], ["Ann", 0, 5]]}
        self.assertEqual(self.j(flag, more), "WRONG")  # a row with a number is no empty group
        self.assertEqual(self.j(ok, gold, Q, True), "WRONG")  # a ranking: every place counts

    def test_a_phrase_counted_by_the_gold_answered_with_its_rows(self):
        q = {"expect": "answer", "question": "clients under 18", "gold_sql": "SELECT count(*) FROM client WHERE age < 18"}
        gold = (["count"], [["3"]])
        rows = {"sql": "SELECT c.* FROM client c WHERE c.age < 18 LIMIT 100", "columns": ["id", "age"],
                "rows": [[1, 17], [2, 16], [3, 15]]}
        self.assertEqual(self.j(rows, gold, q), "right")
        self.assertEqual(self.j(dict(rows, rows=rows["rows"][:2]), gold, q), "WRONG")  # not as many
        how = dict(q, question="how many clients under 18")
        self.assertEqual(self.j(rows, gold, how), "WRONG")  # a number was asked for
        cut = dict(rows, sql="SELECT c.* FROM client c LIMIT 3")
        self.assertEqual(self.j(cut, gold, q), "WRONG")  # the preview's cut: more rows may follow
        grouped = dict(rows, sql="SELECT age, count(*) FROM client GROUP BY 1")
        self.assertEqual(self.j(grouped, gold, q), "WRONG")
        french = {"expect": "answer", "question": "Do we have any films in French?",
                  "gold_sql": "SELECT count(*) FROM film f JOIN language l USING (language_id) WHERE l.name = 'French'"}
        none = {"sql": "SELECT f.* FROM film f LIMIT 100", "columns": ["film_id"], "rows": []}
        self.assertEqual(self.j(none, (["count"], [["0"]]), french), "right")
        self.assertEqual(self.j(none, (["count"], [["2"]]), french), "WRONG")

    def test_a_gold_column_that_repeats_the_question(self):
        q = {"expect": "answer", "question": "Who is the head of state of Germany?"}
        gold = (["name", "headofstate"], [["Germany", "Johannes Rau"]])
        self.assertEqual(self.j({"sql": "x", "columns": ["headofstate"], "rows": [["Johannes Rau"]]}, gold, q), "right")
        self.assertEqual(self.j({"sql": "x", "columns": ["headofstate"], "rows": [["Gerhard"]]}, gold, q), "WRONG")
        other = dict(q, question="Who is the head of state there?")  # the name is not in the question
        self.assertEqual(self.j({"sql": "x", "columns": ["headofstate"], "rows": [["Johannes Rau"]]}, gold, other), "WRONG")

    def test_a_yes_or_no_answered_with_rows(self):
        q = {"expect": "answer", "question": "Was any gold card issued in 1995?"}
        rows = {"sql": "SELECT c.* FROM card c WHERE c.type = 'gold' LIMIT 100", "columns": ["card_id"],
                "rows": [[1], [2]]}
        none = dict(rows, rows=[])
        self.assertEqual(self.j(rows, (["exists"], [["t"]]), q), "right")
        self.assertEqual(self.j(none, (["exists"], [["f"]]), q), "right")
        self.assertEqual(self.j(none, (["exists"], [["t"]]), q), "WRONG")
        self.assertEqual(self.j(rows, (["exists"], [["f"]]), q), "WRONG")
        which = dict(q, question="Which gold cards were issued in 1995?")  # no yes/no asked
        self.assertEqual(self.j(rows, (["exists"], [["t"]]), which), "WRONG")
        counted = dict(rows, sql="SELECT count(*) FROM card", rows=[[2]])
        self.assertEqual(self.j(counted, (["exists"], [["t"]]), q), "WRONG")

    def test_an_echoed_column_beside_more_columns(self):
        q = {"expect": "answer", "question": "What category is CHAMBER ITALIAN in?"}
        gold = (["title", "name"], [["CHAMBER ITALIAN", "Foreign"]])
        out = {"sql": "x", "columns": ["category_id", "name", "last_update"], "rows": [[9, "Foreign", "2022"]]}
        self.assertEqual(self.j(out, gold, q), "right")
        self.assertEqual(self.j(dict(out, rows=[[9, "Music", "2022"]]), gold, q), "WRONG")

    def test_one_of_several_tied_is_no_preview(self):
        gold = (["name", "price"], [["a", "9"], ["b", "9"], ["c", "9"]])
        one = {"sql": "SELECT p.* FROM p ORDER BY price DESC LIMIT 1", "columns": ["name", "price"], "rows": [["a", 9]]}
        self.assertEqual(self.j(one, gold), "WRONG")

    def test_clarify_declined_crash(self):
        clar = {"expect": "clarify"}
        self.assertEqual(self.j({"clarify": "which?"}, None, clar), "right")
        self.assertEqual(self.j({"sql": "x", "columns": [], "rows": []}, None, clar), "WRONG")
        self.assertEqual(self.j({"clarify": "which?"}), "asked")
        self.assertEqual(self.j({"error": "refused"}), "declined")
        self.assertEqual(self.j({"crash": "killed by signal 11"}), "crash")


class Ask(unittest.TestCase):
    """run.ask against stand-ins for the datamind binary."""
    def fake(self, body):
        import tempfile
        fd, path = tempfile.mkstemp(suffix=".sh")
        with os.fdopen(fd, "w") as f:
            f.write("#!/bin/sh\n" + body + "\n")
        os.chmod(path, 0o755)
        self.addCleanup(os.remove, path)
        return path

    def test_signal_sanitizer_timeout_garbage_are_crashes(self):
        self.assertIn("signal 11", run.ask(self.fake("kill -SEGV $$"), "", "q", 5)[0]["crash"])
        san = self.fake("echo '{}'; echo 'ERROR: AddressSanitizer: heap-use-after-free' >&2")
        self.assertEqual(run.ask(san, "", "q", 5)[0]["crash"], "sanitizer report")
        self.assertIn("timeout", run.ask(self.fake("sleep 5"), "", "q", 0.5)[0]["crash"])
        self.assertIn("no JSON", run.ask(self.fake("echo hello"), "", "q", 5)[0]["crash"])

    def test_json_answer_passes_through(self):
        out, _ = run.ask(self.fake('echo \'{"sql":"SELECT 1","columns":[],"rows":[],"plan_us":5}\''), "", "q", 5)
        self.assertEqual(out["plan_us"], 5)


class Splits(unittest.TestCase):
    def test_dev2_is_the_second_batch_only(self):
        qs = run.load_questions("dev2", None)
        self.assertEqual(len(qs), 100)
        self.assertEqual({q["split"] for q in qs}, {"dev2"})
        self.assertTrue(all("-2-" in q["id"] for q in qs))

    def test_dev3_is_the_third_batch_only(self):
        qs = run.load_questions("dev3", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev3"})
        self.assertTrue(all("-3-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev3_by_db(self):
        qs = run.load_questions("dev3", "bank")
        self.assertEqual({q["db"] for q in qs}, {"bank"})
        self.assertEqual(len(qs), 30)

    def test_dev4_is_the_fourth_batch_only(self):
        qs = run.load_questions("dev4", None)
        self.assertEqual(len(qs), 175)
        self.assertEqual({q["split"] for q in qs}, {"dev4"})
        self.assertTrue(all("-4-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 175)

    def test_dev4_by_db(self):
        qs = run.load_questions("dev4", "flights")
        self.assertEqual({q["db"] for q in qs}, {"flights"})
        self.assertEqual(len(qs), 35)

    def test_dev5_is_the_fifth_batch_only(self):
        qs = run.load_questions("dev5", None)
        self.assertEqual(len(qs), 125)
        self.assertEqual({q["split"] for q in qs}, {"dev5"})
        self.assertTrue(all("-5-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 125)

    def test_dev5_by_db(self):
        qs = run.load_questions("dev5", "university")
        self.assertEqual({q["db"] for q in qs}, {"university"})
        self.assertEqual(len(qs), 25)

    def test_dev6_is_the_sixth_batch_only(self):
        qs = run.load_questions("dev6", None)
        self.assertEqual(len(qs), 100)
        self.assertEqual({q["split"] for q in qs}, {"dev6"})
        self.assertTrue(all("-6-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 100)

    def test_dev6_by_db(self):
        qs = run.load_questions("dev6", "bank")
        self.assertEqual({q["db"] for q in qs}, {"bank"})
        self.assertEqual(len(qs), 20)

    def test_dev7_is_the_seventh_batch_only(self):
        qs = run.load_questions("dev7", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev7"})
        self.assertTrue(all("-7-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev7_by_db(self):
        self.assertEqual(len(run.load_questions("dev7", "northwind")), 90)
        qs = run.load_questions("dev7", "world")
        self.assertEqual({q["db"] for q in qs}, {"world"})
        self.assertEqual(len(qs), 12)

    def test_dev8_is_the_eighth_batch_only(self):
        qs = run.load_questions("dev8", None)
        self.assertEqual(len(qs), 120)
        self.assertEqual({q["split"] for q in qs}, {"dev8"})
        self.assertTrue(all("-8-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 120)

    def test_dev8_by_db(self):
        self.assertEqual(len(run.load_questions("dev8", "hr")), 80)
        qs = run.load_questions("dev8", "northwind")
        self.assertEqual({q["db"] for q in qs}, {"northwind"})
        self.assertEqual(len(qs), 6)

    def test_dev9_is_the_ninth_batch_only(self):
        qs = run.load_questions("dev9", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev9"})
        self.assertEqual({q["db"] for q in qs}, {"classicmodels", "f1", "netflix"})
        self.assertTrue(all("-9-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev9_by_db(self):
        qs = run.load_questions("dev9", "f1")
        self.assertEqual({q["db"] for q in qs}, {"f1"})
        self.assertEqual(len(qs), 50)

    def test_dev10_is_the_tenth_batch_only(self):
        qs = run.load_questions("dev10", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev10"})
        self.assertEqual({q["db"] for q in qs}, {"lego", "customer_orders", "titanic"})
        self.assertTrue(all("-10-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev10_by_db(self):
        qs = run.load_questions("dev10", "titanic")
        self.assertEqual({q["db"] for q in qs}, {"titanic"})
        self.assertEqual(len(qs), 50)

    def test_dev11_is_the_eleventh_batch_only(self):
        qs = run.load_questions("dev11", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev11"})
        self.assertEqual({q["db"] for q in qs}, {"club", "booktown", "periodic_table"})
        self.assertTrue(all("-11-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev11_by_db(self):
        qs = run.load_questions("dev11", "club")
        self.assertEqual({q["db"] for q in qs}, {"club"})
        self.assertEqual(len(qs), 50)

    def test_dev12_is_the_twelfth_batch_only(self):
        qs = run.load_questions("dev12", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev12"})
        self.assertEqual({q["db"] for q in qs}, {"hospital", "murder_mystery", "happiness_index"})
        self.assertTrue(all("-12-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev12_by_db(self):
        qs = run.load_questions("dev12", "hospital")
        self.assertEqual({q["db"] for q in qs}, {"hospital"})
        self.assertEqual(len(qs), 50)

    def test_dev13_is_the_thirteenth_batch_only(self):
        qs = run.load_questions("dev13", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev13"})
        self.assertEqual({q["db"] for q in qs}, {"moviedb", "sales", "holiday_songs"})
        self.assertTrue(all("-13-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev13_by_db(self):
        qs = run.load_questions("dev13", "moviedb")
        self.assertEqual({q["db"] for q in qs}, {"moviedb"})
        self.assertEqual(len(qs), 50)

    def test_dev14_is_the_fourteenth_batch_only(self):
        qs = run.load_questions("dev14", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev14"})
        self.assertEqual({q["db"] for q in qs}, {"bikestores", "movielens", "worldcup"})
        self.assertTrue(all("-14-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev14_by_db(self):
        qs = run.load_questions("dev14", "worldcup")
        self.assertEqual({q["db"] for q in qs}, {"worldcup"})
        self.assertEqual(len(qs), 50)

    def test_dev15_is_the_fifteenth_batch_only(self):
        qs = run.load_questions("dev15", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev15"})
        self.assertEqual({q["db"] for q in qs}, {"adventureworks", "french_towns", "iso3166"})
        self.assertTrue(all("-15-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev15_by_db(self):
        qs = run.load_questions("dev15", "iso3166")
        self.assertEqual({q["db"] for q in qs}, {"iso3166"})
        self.assertEqual(len(qs), 50)

    def test_dev16_is_the_sixteenth_batch_only(self):
        qs = run.load_questions("dev16", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev16"})
        self.assertEqual({q["db"] for q in qs}, {"ig_clone", "sql_store", "sql_invoicing"})
        self.assertTrue(all("-16-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev16_by_db(self):
        qs = run.load_questions("dev16", "sql_store")
        self.assertEqual({q["db"] for q in qs}, {"sql_store"})
        self.assertEqual(len(qs), 50)

    def test_dev17_is_the_seventeenth_batch_only(self):
        qs = run.load_questions("dev17", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev17"})
        self.assertEqual({q["db"] for q in qs}, {"school", "company", "auction"})
        self.assertTrue(all("-17-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev17_by_db(self):
        qs = run.load_questions("dev17", "company")
        self.assertEqual({q["db"] for q in qs}, {"company"})
        self.assertEqual(len(qs), 50)

    def test_dev18_is_the_eighteenth_batch_only(self):
        qs = run.load_questions("dev18", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev18"})
        self.assertEqual({q["db"] for q in qs}, {"library", "sql_hr", "sql_inventory"})
        self.assertTrue(all("-18-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev18_by_db(self):
        qs = run.load_questions("dev18", "sql_hr")
        self.assertEqual({q["db"] for q in qs}, {"sql_hr"})
        self.assertEqual(len(qs), 50)

    def test_dev19_is_the_nineteenth_batch_only(self):
        qs = run.load_questions("dev19", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev19"})
        self.assertEqual({q["db"] for q in qs}, {"pizza_runner", "foodie_fi", "data_bank"})
        self.assertTrue(all("-19-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev19_by_db(self):
        qs = run.load_questions("dev19", "foodie_fi")
        self.assertEqual({q["db"] for q in qs}, {"foodie_fi"})
        self.assertEqual(len(qs), 50)

    def test_dev21_is_the_twenty_first_batch_only(self):
        qs = run.load_questions("dev21", None)
        self.assertEqual(len(qs), 150)
        self.assertEqual({q["split"] for q in qs}, {"dev21"})
        self.assertEqual({q["db"] for q in qs}, {"pizza_place", "amazon", "library_system"})
        self.assertTrue(all("-21-" in q["id"] for q in qs))
        self.assertEqual(len({q["id"] for q in qs}), 150)

    def test_dev21_by_db(self):
        qs = run.load_questions("dev21", "amazon")
        self.assertEqual({q["db"] for q in qs}, {"amazon"})
        self.assertEqual(len(qs), 50)

    def test_all_is_dev_and_held_without_dev2_dev3_or_dev4(self):
        splits = {q["split"] for q in run.load_questions("all", None)}
        self.assertEqual(splits, {"dev", "held"})
        self.assertNotIn("dev5", splits)
        self.assertNotIn("dev6", splits)
        self.assertNotIn("dev7", splits)
        self.assertNotIn("dev8", splits)
        self.assertNotIn("dev9", splits)
        self.assertNotIn("dev10", splits)
        self.assertNotIn("dev11", splits)
        self.assertNotIn("dev12", splits)
        self.assertNotIn("dev13", splits)
        self.assertNotIn("dev14", splits)
        self.assertNotIn("dev15", splits)
        self.assertNotIn("dev16", splits)
        self.assertNotIn("dev17", splits)
        self.assertNotIn("dev18", splits)
        self.assertNotIn("dev19", splits)
        self.assertNotIn("dev21", splits)

    def test_dev2_by_db(self):
        qs = run.load_questions("dev2", "world")
        self.assertEqual({q["db"] for q in qs}, {"world"})
        self.assertEqual(len(qs), 20)


if __name__ == "__main__":
    unittest.main()
