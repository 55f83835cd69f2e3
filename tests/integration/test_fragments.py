"""Widget fragments (issue 19, item 1): a chart widget's chart is drawn when
its result is written (refresh, pin, edit) and stored with its render key;
a dashboard view copies it. Observed through the rows (psql), the web
workers' counter datamind_widget_renders_total on /metrics, the .svg route's
ETag (the render key, 304 for a weak or strong If-None-Match, nothing
drawn) and Redis for date-filtered views."""
import html
import os
import re
import subprocess
import time
import unittest

import dm
from test_dashboards import add_sql_widget, answer_id, new_dashboard, pin, widget_ids

BY_CATEGORY = ("SELECT c.name AS category, count(*) AS products FROM products p"
               " JOIN categories c ON c.id = p.category_id GROUP BY 1 ORDER BY 1")
BY_DAY = ("SELECT ordered_at::date AS day, count(*) AS orders FROM orders GROUP BY 1 ORDER BY 1")


def counter(client, name):
    m = re.search(r"^%s (\d+)$" % name, client.get("/metrics").text, re.M)
    assert m, name
    return int(m.group(1))


def follow_card(client, r, timeout=120):
    """A widget card whose query still runs in the worker asks for itself
    again (?job=): followed until it is done."""
    end = time.time() + timeout
    while time.time() < end:
        m = re.search(r'hx-get="(/dashboards/[^"]*\?job=[^"]*)"', r.text)
        if not m:
            break
        time.sleep(0.3)
        r = client.get(html.unescape(m.group(1)))
    return r


def renders(client):
    return counter(client, "datamind_widget_renders_total")


def row(wid):
    out = dm.psql("SELECT coalesce(render_key, ''), coalesce(result_hash, ''),"
                  " result_hash = md5(jsonb_build_array(last_result -> 'columns', last_result -> 'rows')::text),"
                  " left(coalesce(fragment_html, ''), 40),"
                  " left(coalesce(fragment_svg, ''), 4) FROM widgets WHERE id = '%s'" % wid)
    key, rhash, same, html, svg = out.split("|")
    return {"key": key, "hash": rhash, "hash_ok": same == "t", "html": html, "svg": svg}


def redis(*args):
    sock = os.path.join(dm.VAR, "run", "redis.sock")
    return subprocess.run(["redis-cli", "-s", sock] + list(args), capture_output=True, text=True,
                          check=True).stdout.strip()


class TestFragments(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        cls.did = new_dashboard(cls.c, dm.unique("Fragments"))
        r = add_sql_widget(cls.c, cls.did, BY_CATEGORY, "Products by category")
        assert r.status == 303, r.status
        cls.wid = widget_ids(cls.c.get("/dashboards/%s" % cls.did).text)[0]
        cls.url = "/dashboards/%s" % cls.did
        cls.svg = "/dashboards/%s/widgets/%s.svg" % (cls.did, cls.wid)

    def refresh(self):
        tok = dm.page_csrf(self.c, self.url)
        r = self.c.post("%s/widgets/%s/refresh" % (self.url, self.wid), {"_csrf": tok})
        self.assertEqual(r.status, 303)

    def test_refresh_stores_the_fragment(self):
        self.refresh()
        w = row(self.wid)
        self.assertRegex(w["key"], r"^[0-9a-f]{32}$")
        self.assertTrue(w["hash_ok"], "result_hash is the stored result's fingerprint")
        self.assertTrue(w["html"].startswith('<figure class="chart"><div class="cw cw-'), w["html"])
        self.assertEqual(w["svg"], "<svg")
        # a refresh that brings the same rows keeps the key and draws nothing
        before = renders(self.c)
        self.refresh()
        self.assertEqual(row(self.wid)["key"], w["key"])
        self.assertEqual(renders(self.c), before)

    def test_pin_stores_the_fragment(self):
        did = new_dashboard(self.c, dm.unique("Pinned"))
        self.assertEqual(pin(self.c, answer_id(self.c, "orders by channel"), did).status, 303)
        wid = dm.psql("SELECT id FROM widgets WHERE dashboard_id = '%s'" % did)
        w = row(wid)  # before any view of the dashboard
        self.assertRegex(w["key"], r"^[0-9a-f]{32}$")
        self.assertTrue(w["hash_ok"])
        self.assertTrue(w["html"].startswith('<figure class="chart">'), w["html"])
        before = renders(self.c)
        self.assertIn("<svg", self.c.get("/dashboards/%s" % did).text)
        self.assertEqual(renders(self.c), before)

    def test_view_copies_the_stored_fragment(self):
        self.refresh()
        stored = dm.psql("SELECT fragment_html FROM widgets WHERE id = '%s'" % self.wid)
        before = renders(self.c)
        for _ in range(3):
            page = self.c.get(self.url).text
            self.assertIn(stored, page)
        self.assertEqual(renders(self.c), before, "a view does not draw the chart again")
        # a fragment drawn under another key (an older renderer, other
        # settings) is drawn again once, stored, and then copied
        key = row(self.wid)["key"]
        dm.psql("UPDATE widgets SET render_key = 'old-renderer' WHERE id = '%s'" % self.wid)
        self.assertIn(stored, self.c.get(self.url).text)
        self.assertEqual(renders(self.c), before + 1)
        self.assertEqual(row(self.wid)["key"], key)
        self.c.get(self.url)
        self.assertEqual(renders(self.c), before + 1)

    def test_edit_draws_under_a_new_key(self):
        did = new_dashboard(self.c, dm.unique("Edit"))
        add_sql_widget(self.c, did, BY_CATEGORY, "Edited")
        wid = widget_ids(self.c.get("/dashboards/%s" % did).text)[0]
        tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
        self.c.post("/dashboards/%s/widgets/%s/refresh" % (did, wid), {"_csrf": tok})
        old = row(wid)
        r = self.c.post("/dashboards/%s/widgets/%s" % (did, wid), {"_csrf": tok, "title": "Edited",
                        "kind": "chart", "size": "large", "type": "pie"})
        self.assertEqual(r.status, 303)
        new = row(wid)
        self.assertRegex(new["key"], r"^[0-9a-f]{32}$")
        self.assertNotEqual(new["key"], old["key"])
        self.assertEqual(new["hash"], old["hash"], "same result, other settings")
        before = renders(self.c)
        self.assertIn("dm-pie", self.c.get("/dashboards/%s" % did).text)
        self.assertEqual(renders(self.c), before, "drawn at the edit, not at the view")

    def test_svg_etag_is_the_render_key_and_304s_without_drawing(self):
        self.refresh()
        key = row(self.wid)["key"]
        r = self.c.get(self.svg)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("ETag"), '"%s"' % key)
        before = renders(self.c)
        strong = '"%s"' % key
        for inm in (strong, "W/" + strong, 'W/"other", ' + strong):
            r = self.c.get(self.svg, headers={"If-None-Match": inm})
            self.assertEqual(r.status, 304, inm)
            self.assertEqual(r.body, b"")
            r = self.c.get(self.svg, headers={"If-None-Match": inm, "Accept-Encoding": "gzip"})
            self.assertEqual(r.status, 304, inm)
        r = self.c.get(self.svg, headers={"If-None-Match": '"%s"' % ("0" * 32)})
        self.assertEqual(r.status, 200)
        self.assertIn(b"<svg", r.body)
        self.assertEqual(renders(self.c), before, "the .svg route copies the stored SVG")

    def test_dashboard_etag_follows_the_stored_fragment(self):
        """The dashboard's ETag (from store_dash_view's row versions, before
        rendering) changes when only a widget's stored fragment does, as when
        the worker stores a newly drawn one."""
        did = new_dashboard(self.c, dm.unique("Tagged"))
        add_sql_widget(self.c, did, BY_CATEGORY, "Tagged")
        url = "/dashboards/%s" % did
        wid = widget_ids(self.c.get(url).text)[0]
        tok = dm.page_csrf(self.c, url)
        self.assertEqual(self.c.post("%s/widgets/%s/refresh" % (url, wid), {"_csrf": tok}).status, 303)
        self.c.get(url)  # its flash
        js = {"Cookie": "dm_session=%s; dm_js=1" % self.c.cookie("dm_session")}
        first = self.c.get(url, headers=js)
        etag = first.header("ETag")
        self.assertTrue(re.fullmatch(r'(W/)?"[0-9a-f]{32}"', etag or ""), etag)
        before = renders(self.c)
        r = self.c.get(url, headers=dict(js, **{"If-None-Match": etag}))
        self.assertEqual(r.status, 304)
        self.assertEqual(renders(self.c), before)
        dm.psql("UPDATE widgets SET fragment_html = replace(fragment_html, '<figure class=\"chart\">',"
                " '<figure class=\"chart\" data-redrawn=\"1\">') WHERE id = '%s'" % wid)
        r = self.c.get(url, headers=dict(js, **{"If-None-Match": etag}))
        self.assertEqual(r.status, 200, "a new stored fragment is not the page the client has")
        self.assertIn('data-redrawn="1"', r.text)
        self.assertNotEqual(r.header("ETag"), etag)
        self.assertEqual(self.c.get(url, headers=dict(js, **{"If-None-Match": r.header("ETag")})).status,
                         304)
        self.assertEqual(renders(self.c), before, "copied, not drawn")

    def test_date_filter_view_is_cached_in_redis(self):
        did = new_dashboard(self.c, dm.unique("Filtered"))
        add_sql_widget(self.c, did, BY_DAY, "Orders by day")
        wid = widget_ids(self.c.get("/dashboards/%s" % did).text)[0]
        tok = dm.page_csrf(self.c, "/dashboards/%s" % did)
        self.c.post("/dashboards/%s/widgets/%s" % (did, wid), {"_csrf": tok, "title": "Orders by day",
                    "kind": "chart", "size": "medium", "type": "bar", "date_column": "day"})
        card = "/dashboards/%s/widgets/%s?range=custom&from=2020-01-01&to=2030-12-31" % (did, wid)
        hits, drawn = counter(self.c, "datamind_fragment_cache_hits_total"), renders(self.c)
        first = follow_card(self.c, self.c.get(card))
        self.assertEqual(first.status, 200)
        self.assertIn("filtered", first.text)
        self.assertIn("<svg", first.text)
        self.assertEqual(renders(self.c), drawn, "drawn by the worker's runner, not the web worker")
        keys = [k for k in redis("--scan", "--pattern", "*frag:*").split() if k]
        self.assertTrue(keys, "the filtered fragment is in Redis")
        ttls = [int(redis("TTL", k)) for k in keys]
        self.assertTrue(all(t > 0 for t in ttls), ttls)
        second = self.c.get(card)
        self.assertEqual(counter(self.c, "datamind_fragment_cache_hits_total"), hits + 1)
        self.assertEqual(renders(self.c), drawn, "served from Redis, not drawn")
        figure = re.search(r'<figure class="chart">.*?</figure>', first.text, re.S).group(0)
        self.assertIn(figure, second.text)
        # another range is another fragment; the stored (unfiltered) one is untouched
        other = follow_card(self.c, self.c.get(card.replace("2020-01-01", "2021-01-01")))
        self.assertEqual(counter(self.c, "datamind_fragment_cache_hits_total"), hits + 1)
        self.assertIn("<svg", other.text)
        self.assertEqual(len([k for k in redis("--scan", "--pattern", "*frag:*").split() if k]),
                         len(keys) + 1)


if __name__ == "__main__":
    unittest.main()
