#!/usr/bin/env python3
"""run.py — the planner question benchmark (see bench/planner/README.md).

usage: bench/planner/run.py [--split dev|held|all|dev2|dev3|dev4|dev5|dev6|dev7|dev8|dev9|dev10|dev11|dev12|dev13|dev14|dev15|dev16|dev17|dev18|dev19|dev20|dev21|dev22|dev23|dev24|dev25|dev26|dev27|dev28|dev29|dev30|dev31|dev32|dev33|dev34|dev35|dev36|dev37|dev38|dev39|dev40|dev41|dev42|dev43|dev44|dev45|dev46|dev47|dev48|dev49|dev50|dev51|dev52|dev53|dev54|dev55|dev56|dev57|dev58|dev59|dev60|dev61|dev62|dev63|dev64|dev65|dev66|dev67|dev68|dev69|dev70|dev71|dev72|dev73|dev74|dev75|dev76|dev77|dev78|dev79|dev80|dev81|dev82|dev83|dev84|dev85|dev86|dev87|dev88|dev89|dev90|dev91|dev92|dev93|dev94|dev95|dev96|dev97|dev98|dev99|dev100|dev101|dev102|dev103|dev104|dev105] [--db NAME] [--show-wrong]
                            [--jobs N] [--timeout S] [--datamind PATH] [--pg-dir DIR]

For each question of questions/<db>.json (dev) and held/<db>.json (held-out),
or of questions2/<db>.json (dev2, the second dev batch), questions3/<db>.json
(dev3, the third dev batch), questions4/<db>.json (dev4, the fourth dev
batch), questions5/<db>.json (dev5, the fifth), questions6/<db>.json (dev6,
the sixth), questions7/<db>.json (dev7, the seventh, with a sixth database,
northwind), questions8/<db>.json (dev8, the eighth, with a seventh database,
hr), questions9/<db>.json (dev9, the ninth, on three more databases:
classicmodels, f1, netflix), questions10/<db>.json (dev10, the tenth, on
three more: lego, customer_orders, titanic), questions11/<db>.json (dev11,
the eleventh, on three more: club, booktown, periodic_table) or
questions12/<db>.json (dev12, the twelfth, on three more: hospital,
murder_mystery, happiness_index) or questions13/<db>.json (dev13, the
thirteenth, on three more: moviedb, sales, holiday_songs) or
questions14/<db>.json (dev14, the fourteenth: worldcup) or
questions15/<db>.json (dev15, the fifteenth: adventureworks, french_towns, iso3166) or
questions16/<db>.json (dev16, the sixteenth: ig_clone, sql_store, sql_invoicing) or
questions17/<db>.json (dev17, the seventeenth: school, company, auction) or
questions18/<db>.json (dev18, the eighteenth: library, sql_hr, sql_inventory) or
questions19/<db>.json (dev19, the nineteenth: pizza_runner, foodie_fi, data_bank) or
questions20/<db>.json (dev20, the twentieth: dannys_diner, hotel, elmasri) or
questions21/<db>.json (dev21, the twenty-first: pizza_place, amazon, library_system) or
questions22/<db>.json (dev22, the twenty-second: fantasy_league, hotel_maids, tote) or
questions23/<db>.json (dev23, the twenty-third: nba, shop, resto) or
questions24/<db>.json (dev24, the twenty-fourth: clinic, nyc_taxi, car_rental) or
questions25/<db>.json (dev25, the twenty-fifth: warehouse, recipes, hr_attrition) or
questions26/<db>.json (dev26, the twenty-sixth: crm, airline_reservation, streaming) or
questions27/<db>.json (dev27, the twenty-seventh: tennis, procurement, project_management) or
questions28/<db>.json (dev28, the twenty-eighth: zomato, insurance, online_learning) or
questions29/<db>.json (dev29, the twenty-ninth: hospital_management, video_games, ehotels) or
questions30/<db>.json (dev30, the thirtieth: real_estate, credit_union, electricity) or
questions31/<db>.json (dev31, the thirty-first: pharmacy_inventory, petclinic, dealership) or
questions32/<db>.json (dev32, the thirty-second: gravity_books, coffee_shop, shipping) or
questions33/<db>.json (dev33, the thirty-third: seller_listings, charity, equipment_rental) or
questions34/<db>.json (dev34, the thirty-fourth: festival, pt_clinic, dorms) or
questions35/<db>.json (dev35, the thirty-fifth: gym, lightbnb, gradapps) or
questions36/<db>.json (dev36, the thirty-sixth: india_elections, cricket_tournament, air_charter) or
questions37/<db>.json (dev37, the thirty-seventh: famous_paintings, beverage_line, support_tickets) or
questions38/<db>.json (dev38, the thirty-eighth: podcasts, portfolio, music_service) or
questions39/<db>.json (dev39, the thirty-ninth: job_board, travel_agency, blog) or
questions40/<db>.json (dev40, the fortieth: telecom_provider, telecom_usage, car_repair) or
questions41/<db>.json (dev41, the forty-first: food_delivery, supermarket_sales, bakery) or
questions42/<db>.json (dev42, the forty-second: postgrad_theses, course_progress, quiz_world) or
questions43/<db>.json (dev43, the forty-third: premier_league, brewery_finder, olympics_304) or
questions44/<db>.json (dev44, the forty-fourth: blood_bank, scooter_sharing, apartments) or
questions45/<db>.json (dev45, the forty-fifth: crowdfunding, volunteer_projects, shop_funnel) or
questions46/<db>.json (dev46, the forty-sixth: cinema_booking, theme_park, airline_loyalty) or
questions47/<db>.json (dev47, the forty-seventh: museum_visits, lab_inventory, school_timetable) or
questions48/<db>.json (dev48, the forty-eighth: dreamshop, saas_churn, supply_chain) or
questions49/<db>.json (dev49, the forty-ninth: ride_sharing, bus_booking, island_ferry) or
questions50/<db>.json (dev50, the fiftieth: movies_qa, acebook, event_booking) or
questions51/<db>.json (dev51, the fifty-first: loan_book, agrosphere, weather_stations) or
questions52/<db>.json (dev52, the fifty-second: ad_roas, retail_loyalty, email_engagement) or
questions53/<db>.json (dev53, the fifty-third: smart_parking, public_works, shenzhen_transit) or
questions54/<db>.json (dev54, the fifty-fourth: hospital_hiring, staff_training, project_timesheets) or
questions55/<db>.json (dev55, the fifty-fifth: car_production, burger_cafe, car_plant) or
questions56/<db>.json (dev56, the fifty-sixth: course_grades, student_activities, open_university) or
questions57/<db>.json (dev57, the fifty-seventh: trade_log, health_claims, utility_billing) or
questions58/<db>.json (dev58, the fifty-eighth: valorant_vct, lexington_inspections, solar_plants) or
questions59/<db>.json (dev59, the fifty-ninth: bay_bikeshare, school_meals, iclr_reviews) or
questions60/<db>.json (dev60, the sixtieth: shelter_outcomes, wine_ratings, gym_classes) or
questions61/<db>.json (dev61, the sixty-first: ecommerce_returns, er_visits, ev_charging) or
questions62/<db>.json (dev62, the sixty-second: india_air_quality, football_transfers, rx_prescriptions) or
questions63/<db>.json (dev63, the sixty-third: call_center, cary_permits, product_nps) or
questions64/<db>.json (dev64, the sixty-fourth: libraries_west, food_donations, tgv_punctuality) or
questions65/<db>.json (dev65, the sixty-fifth: bnb_inn, road_race, play_store) or
questions66/<db>.json (dev66, the sixty-sixth: it_incidents, uganda_harvests, pet_hospital) or
questions67/<db>.json (dev67, the sixty-seventh: carrier_scorecard, pycity_schools, airline_delays) or
questions68/<db>.json (dev68, the sixty-eighth: world_cafe, sf311, fitbit_days) or
questions69/<db>.json (dev69, the sixty-ninth: hiring_funnel, movie_tickets, aircraft_mro) or
questions70/<db>.json (dev70, the seventieth: taxi_fleet, haven_crashes, chess_open) or
questions71/<db>.json (dev71, the seventy-first: hadoop_jira, usgs_quakes, impact_hub) or
questions72/<db>.json (dev72, the seventy-second: bread_plant, oscon_2014, crypto_exchange) or
questions73/<db>.json (dev73, the seventy-third: vashon_birds, freelance_earnings, seattle_bikes) or
questions74/<db>.json (dev74, the seventy-fourth: class_attendance, berth_calls, farmers_market) or
questions75/<db>.json (dev75, the seventy-fifth: gormsey_water, store_ab_test, ri_legislature) or
questions76/<db>.json (dev76, the seventy-sixth: space_launches, board_games, nobel_prizes) or
questions77/<db>.json (dev77, the seventy-seventh: mlb_pitching, vb_salaries, colby_museum) or
questions78/<db>.json (dev78, the seventy-eighth: pokedex, park_visits, kev_catalog) or
questions79/<db>.json (dev79, the seventy-ninth: ward_pharmacy, bookshop_sales, boston_marathon) or
questions80/<db>.json (dev80, the eightieth: sf_food_scores, airport_delays, broadway_grosses) or
questions81/<db>.json (dev81, the eighty-first: music_app, major_outages, nyc_exam_groups) or
questions82/<db>.json (dev82, the eighty-second: baltimore_citations, dairy_lactations, hotel_requests) or
questions83/<db>.json (dev83, the eighty-third: lending_library, barnabys_brewery, meteorite_landings) or
questions84/<db>.json (dev84, the eighty-fourth: vct_maps_2024, ngo_volunteers, truck_deliveries) or
questions85/<db>.json (dev85, the eighty-fifth: art_theater, alaska_crab, captive_cetaceans) or
questions86/<db>.json (dev86, the eighty-sixth: dbt_pull_requests, seattle_energy, avon_fire_2014) or
questions87/<db>.json (dev87, the eighty-seventh: survival_game, casco_beaches, seattle_pets) or
questions88/<db>.json (dev88, the eighty-eighth: santafe_bus, osu_course_evals, icu_lab_results) or
questions89/<db>.json (dev89, the eighty-ninth: vancouver_trees, ultra_races, idf_cinemas) or
questions90/<db>.json (dev90, the ninetieth: turbine_scada, burlington_permits, shopify_app_reviews) or
questions91/<db>.json (dev91, the ninety-first: trove_journals, chicago_env_complaints, garden_harvests) or
questions92/<db>.json (dev92, the ninety-second: auto_damage_claims, nyc_bus_delays_2016, korea_lotto) or
questions93/<db>.json (dev93, the ninety-third: euro_exhibitions, syracuse_potholes, ebook_sales) or
questions94/<db>.json (dev94, the ninety-fourth: nyc_refuse_tonnage, park_ranger_animals, toronto_island_ferry) or
questions95/<db>.json (dev95, the ninety-fifth: jmart_pharmacy, delaware_election_2018, uw_room_schedule) or
questions96/<db>.json (dev96, the ninety-sixth: urban_beehives, sturgeon_cards, coffee_reviews) or
questions97/<db>.json (dev97, the ninety-seventh: durham_ministry_aid, dental_noshows, bengaluru_metro) or
questions98/<db>.json (dev98, the ninety-eighth: atlanta_symphony, cincinnati_violations, urbana_fuel_cards) or
questions99/<db>.json (dev99, the ninety-ninth: sfi_grants, san_mateo_inspections, premiership_rugby) or
questions100/<db>.json (dev100, the one hundredth: lemur_center, unl_parking, bioconda_downloads) or
questions101/<db>.json (dev101, the hundred-and-first: california_wildfires, chicago_nwea_scores, gutenberg_catalog) or
questions102/<db>.json (dev102, the one hundred and second: nl_fish_landings, coworking_space, nepal_election_1999) or
questions103/<db>.json (dev103, the one hundred and third: ucs_satellites, nasa_patents, paris_rail) or
questions104/<db>.json (dev104, the one hundred and fourth: triplej_plays, scotus_decisions, commodity_exports) or
questions105/<db>.json (dev105, the one hundred and fifth: pcso_lotto_2022, mechfleet_garage, watamu_butterflies) — none of them is
part of "all" —
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
        else:
            ok = (proj == gold) if ordered else (Counter(proj) == Counter(gold))
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


def laid_out(gold_row, ans_rows):
    """1 when one answer column holds the gold row's values, in its order."""
    if len(ans_rows) != len(gold_row) or not ans_rows:
        return False
    want = [norm(v) for v in gold_row]
    return any([norm(r[j]) for r in ans_rows] == want for j in range(len(ans_rows[0])))


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
    for sunday in (0, 7):  # days of the week by name, the gold's by extract(dow) / isodow
        days = weekday_numbers(arows, sunday)
        if days and match(grows, days, len(gcols), len(acols), order) is not None:
            return "right", "days of the week, as their numbers"
    # a comparison of a few values: the gold's one row, the answer's one column in that order
    if len(grows) == 1 and len(gcols) >= 2 and laid_out(grows[0], arows):
        return "right", "the gold's one row laid out as the answer's column"
    # a list cut to the planner's preview LIMIT is right when every row it
    # shows is a gold row (not for top-N questions: there the cut is the answer)
    lim = preview_limit(out.get("sql"), len(arows))
    if lim and not order and len(grows) > lim and \
            match(grows, arows, len(gcols), len(acols), False, subset=True) is not None:
        return "right", f"preview: the first {lim} of {len(grows)} rows"
    return "WRONG", f"gold {len(grows)} rows x {len(gcols)} cols; answer {len(arows)} rows x {len(acols)} cols"


def load_questions(split, only_db):
    qs = []
    for sp, sub in (("dev", "questions"), ("held", "held"), ("dev2", "questions2"),
                    ("dev3", "questions3"), ("dev4", "questions4"),
                    ("dev5", "questions5"), ("dev6", "questions6"), ("dev7", "questions7"),
                    ("dev8", "questions8"), ("dev9", "questions9"),
                    ("dev10", "questions10"), ("dev11", "questions11"),
                    ("dev12", "questions12"), ("dev13", "questions13"),
                    ("dev14", "questions14"), ("dev15", "questions15"),
                    ("dev16", "questions16"), ("dev17", "questions17"),
                    ("dev18", "questions18"), ("dev19", "questions19"), ("dev20", "questions20"),
                    ("dev21", "questions21"), ("dev22", "questions22"),
                    ("dev23", "questions23"),
                    ("dev24", "questions24"),
                    ("dev25", "questions25"),
                    ("dev26", "questions26"),
                    ("dev27", "questions27"),
                    ("dev28", "questions28"),
                    ("dev29", "questions29"),
                    ("dev30", "questions30"),
                    ("dev31", "questions31"),
                    ("dev32", "questions32"),
                    ("dev33", "questions33"),
                    ("dev34", "questions34"),
                    ("dev35", "questions35"),
                    ("dev36", "questions36"),
                    ("dev37", "questions37"),
                    ("dev38", "questions38"),
                    ("dev39", "questions39"),
                    ("dev40", "questions40"),
                    ("dev41", "questions41"),
                    ("dev42", "questions42"),
                    ("dev43", "questions43"),
                    ("dev44", "questions44"),
                    ("dev45", "questions45"),
                    ("dev46", "questions46"),
                    ("dev47", "questions47"),
                    ("dev48", "questions48"),
                    ("dev49", "questions49"),
                    ("dev50", "questions50"),
                    ("dev51", "questions51"),
                    ("dev52", "questions52"),
                    ("dev53", "questions53"),
                    ("dev54", "questions54"),
                    ("dev55", "questions55"),
                    ("dev56", "questions56"),
                    ("dev57", "questions57"),
                    ("dev58", "questions58"),
                    ("dev59", "questions59"),
                    ("dev60", "questions60"),
                    ("dev61", "questions61"),
                    ("dev62", "questions62"),
                    ("dev63", "questions63"),
                    ("dev64", "questions64"),
                    ("dev65", "questions65"),
                    ("dev66", "questions66"),
                    ("dev67", "questions67"),
                    ("dev68", "questions68"),
                    ("dev69", "questions69"),
                    ("dev70", "questions70"),
                    ("dev71", "questions71"),
                    ("dev72", "questions72"),
                    ("dev73", "questions73"),
                    ("dev74", "questions74"),
                    ("dev75", "questions75"),
                    ("dev76", "questions76"), ("dev77", "questions77"),
                    ("dev78", "questions78"), ("dev79", "questions79"),
                    ("dev80", "questions80"), ("dev81", "questions81"),
                    ("dev82", "questions82"), ("dev83", "questions83"),
                    ("dev84", "questions84"), ("dev85", "questions85"),
                    ("dev86", "questions86"), ("dev87", "questions87"),
                    ("dev88", "questions88"), ("dev89", "questions89"),
                    ("dev90", "questions90"), ("dev91", "questions91"),
                    ("dev92", "questions92"), ("dev93", "questions93"),
                    ("dev94", "questions94"), ("dev95", "questions95"),
                    ("dev96", "questions96"), ("dev97", "questions97"),
                    ("dev98", "questions98"), ("dev99", "questions99"),
                    ("dev100", "questions100"),
                    ("dev101", "questions101"),
                    ("dev102", "questions102"),
                    ("dev103", "questions103"),
                    ("dev104", "questions104"),
                    ("dev105", "questions105")):
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
    ap.add_argument("--split", choices=["dev", "held", "all", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "dev18", "dev19", "dev20", "dev21", "dev22", "dev23", "dev24", "dev25", "dev26", "dev27", "dev28", "dev29", "dev30", "dev31", "dev32", "dev33", "dev34", "dev35", "dev36", "dev37", "dev38", "dev39", "dev40", "dev41", "dev42", "dev43", "dev44", "dev45", "dev46", "dev47", "dev48", "dev49", "dev50", "dev51", "dev52", "dev53", "dev54", "dev55", "dev56", "dev57", "dev58", "dev59", "dev60", "dev61", "dev62", "dev63", "dev64", "dev65", "dev66", "dev67", "dev68", "dev69", "dev70", "dev71", "dev72", "dev73", "dev74", "dev75", "dev76", "dev77", "dev78", "dev79", "dev80", "dev81", "dev82", "dev83", "dev84", "dev85", "dev86", "dev87", "dev88", "dev89", "dev90", "dev91", "dev92", "dev93", "dev94", "dev95", "dev96", "dev97", "dev98", "dev99", "dev100", "dev101", "dev102", "dev103", "dev104", "dev105"], default="dev")
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
