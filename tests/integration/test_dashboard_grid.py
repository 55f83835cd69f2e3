"""The dashboard grid (issue 15, item 3): each widget's place (x, y, w, h)
stored on the server; a move or resize settles the others without overlap;
the plain ← → forms still move; viewers and other organizations cannot
move anything; a move changes the page's ETag; a bad place is a 400."""
import json
import re
import unittest

import dm
from test_dashboards import add_sql_widget, new_dashboard, widget_ids

JSON = {"Accept": "application/json"}


def places(page):
    """{widget id: (x, y, w, h)} as the page's cards carry them."""
    out = {}
    for m in re.finditer(r'<article class="card widget[^"]*" id="w-([0-9a-f-]{36})"'
                         r' data-x="(\d+)" data-y="(\d+)" data-w="(\d+)" data-h="(\d+)"', page):
        out[m.group(1)] = tuple(int(v) for v in m.groups()[1:])
    return out


def overlaps(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


class TestDashboardGrid(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()

    def board(self, n=3, shared=False):
        did = new_dashboard(self.c, dm.unique("Grid"), shared=shared)
        for i in range(n):
            add_sql_widget(self.c, did, "SELECT %d AS n" % i, "G%d" % i, "kpi")
        url = "/dashboards/%s" % did
        return did, url, widget_ids(self.c.get(url).text)

    def place(self, client, url, wid, x, y, w, h, headers=JSON):
        return client.post("%s/widgets/%s/place" % (url, wid),
                           {"_csrf": dm.page_csrf(client, url), "x": x, "y": y, "w": w, "h": h},
                           headers=headers)

    def assert_no_overlap(self, ps):
        vals = list(ps.values())
        for i in range(len(vals)):
            for j in range(i + 1, len(vals)):
                self.assertFalse(overlaps(vals[i], vals[j]), (vals[i], vals[j]))

    def test_new_widgets_are_laid_out_in_order(self):
        _, url, ids = self.board(3)
        ps = places(self.c.get(url).text)
        # KPIs are 6 columns wide and 3 rows high; each new one in the first
        # free cell after the last one, as a grid flows
        self.assertEqual([ps[i] for i in ids], [(0, 0, 6, 3), (6, 0, 6, 3), (0, 3, 6, 3)])
        self.assertEqual(dm.psql("SELECT count(*) FROM widgets WHERE id IN ('%s') AND grid_x IS NOT NULL"
                                 % "','".join(ids)), "3", "stored, not only drawn")

    def test_place_is_saved_and_read_back(self):
        did, url, ids = self.board(3)
        r = self.place(self.c, url, ids[2], 6, 0, 6, 5)
        self.assertEqual(r.status, 200, r.text[:300])
        self.assertIn("application/json", r.header("Content-Type"))
        got = {w["id"]: (w["x"], w["y"], w["w"], w["h"]) for w in json.loads(r.text)["widgets"]}
        self.assertEqual(got[ids[2]], (6, 0, 6, 5))
        page = self.c.get(url).text
        ps = places(page)
        self.assertEqual(ps, got, "the page shows what the server answered")
        self.assertEqual(ps[ids[2]], (6, 0, 6, 5))
        self.assertIn("g-x6 g-y0 g-w6 g-h5", page)
        self.assertEqual(widget_ids(page)[:2], [ids[0], ids[2]], "reading order: row, then column")
        self.assertEqual(dm.psql("SELECT grid_x || ',' || grid_y || ',' || grid_w || ',' || grid_h"
                                 " FROM widgets WHERE id = '%s'" % ids[2]), "6,0,6,5")
        # a resize: wider and taller, clamped to the grid
        r = self.place(self.c, url, ids[0], 0, 0, 4, 40)
        got = {w["id"]: (w["x"], w["y"], w["w"], w["h"]) for w in json.loads(r.text)["widgets"]}
        self.assertEqual(got[ids[0]], (0, 0, 4, 24))
        self.assert_no_overlap(places(self.c.get(url).text))
        # a copy of the dashboard keeps the places
        tok = dm.page_csrf(self.c, url)
        copy = self.c.post("%s/duplicate" % url, {"_csrf": tok}).header("Location")
        self.assertEqual(sorted(places(self.c.get(copy).text).values()),
                         sorted(places(self.c.get(url).text).values()))

    def test_a_move_onto_another_pushes_it_down(self):
        _, url, ids = self.board(3)
        # the third onto the first's place: the first and second go below it
        r = self.place(self.c, url, ids[2], 0, 0, 12, 2)
        self.assertEqual(r.status, 200)
        ps = places(self.c.get(url).text)
        self.assertEqual(ps[ids[2]], (0, 0, 12, 2))
        self.assertEqual(ps[ids[0]], (0, 2, 6, 3))
        self.assertEqual(ps[ids[1]], (6, 2, 6, 3))
        self.assert_no_overlap(ps)
        self.assertEqual(widget_ids(self.c.get(url).text), [ids[2], ids[0], ids[1]])

    def test_plain_forms_move_and_place(self):
        _, url, ids = self.board(3)
        tok = dm.page_csrf(self.c, url)
        r = self.c.post("%s/widgets/%s/move" % (url, ids[1]), {"_csrf": tok, "direction": "up"})
        self.assertEqual(r.status, 303)
        page = self.c.get(url).text
        self.assertEqual(widget_ids(page), [ids[1], ids[0], ids[2]])
        ps = places(page)
        self.assertEqual((ps[ids[1]][:2], ps[ids[0]][:2]), ((0, 0), (6, 0)), "they swapped places")
        # the place route without Accept: JSON is a form: back to the dashboard
        r = self.place(self.c, url, ids[2], 6, 0, 6, 3, headers={})
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").endswith(url), r.header("Location"))
        self.assertEqual(places(self.c.get(url).text)[ids[2]], (6, 0, 6, 3))

    def test_bad_place_is_a_400(self):
        _, url, ids = self.board(1)
        for bad in ({"x": "a"}, {"x": "-1"}, {"w": "1e3"}, {"h": ""}, {"y": "1000000"}):
            data = {"_csrf": dm.page_csrf(self.c, url), "x": "0", "y": "0", "w": "6", "h": "3"}
            data.update(bad)
            r = self.c.post("%s/widgets/%s/place" % (url, ids[0]), data, headers=JSON)
            self.assertEqual(r.status, 400, bad)
            self.assertIn("whole numbers", r.text)
        self.assertEqual(places(self.c.get(url).text)[ids[0]], (0, 0, 6, 3))
        r = self.place(self.c, url, "00000000-0000-0000-0000-000000000000", 0, 0, 6, 3)
        self.assertEqual(r.status, 404)

    def test_viewer_and_other_org_cannot_move(self):
        did, url, ids = self.board(2, shared=True)
        email = "grid-viewer-%s@example.com" % dm.unique("v")
        dm.add_user(self.c, email, "viewer")
        viewer, _ = dm.login(email)
        page = viewer.get(url).text
        self.assertEqual(set(places(page)), set(ids), "the viewer sees the grid")
        self.assertNotIn("grid-handle", page)
        self.assertNotIn("data-place", page)
        self.assertNotIn("data-grid-edit", page)
        tok = dm.page_csrf(viewer, url)
        for path, data in (("place", {"x": "6", "y": "0", "w": "6", "h": "3"}),
                           ("move", {"direction": "down"})):
            data["_csrf"] = tok
            r = viewer.post("%s/widgets/%s/%s" % (url, ids[0], path), data, headers=JSON)
            self.assertEqual(r.status, 403, path)
        other, _, _ = dm.register()
        r = other.post("%s/widgets/%s/place" % (url, ids[0]),
                       {"_csrf": dm.page_csrf(other, "/dashboards"), "x": "6", "y": "0", "w": "6",
                        "h": "3"}, headers=JSON)
        self.assertEqual(r.status, 404)
        self.assertEqual(places(self.c.get(url).text)[ids[0]], (0, 0, 6, 3), "nothing moved")

    def test_migration_lays_out_existing_widgets(self):
        """0010's DO block, run on widgets without a place (as every widget
        was before it): laid out in order as a new widget is."""
        did, url, ids = self.board(3)
        dm.psql("UPDATE widgets SET grid_x = NULL, grid_y = NULL, grid_w = CASE id WHEN '%s' THEN 12"
                " ELSE 6 END WHERE dashboard_id = '%s'" % (ids[0], did))
        with open(dm.os.path.join(dm.ROOT, "migrations", "0010_widget_grid.sql")) as f:
            block = re.search(r"^DO \$\$.*?^END \$\$;", f.read(), re.S | re.M).group(0)
        one = "SELECT DISTINCT dashboard_id FROM widgets"
        self.assertIn(one, block)
        dm.psql(block.replace(one, one + " WHERE dashboard_id = '%s'" % did))  # this board only
        got = dm.psql("SELECT string_agg(grid_x || ',' || grid_y, ' ' ORDER BY position) FROM widgets"
                      " WHERE dashboard_id = '%s'" % did)
        self.assertEqual(got, "0,0 0,3 6,3")
        self.assertEqual(places(self.c.get(url).text)[ids[2]], (6, 3, 6, 3))

    def test_a_move_changes_the_etag(self):
        _, url, ids = self.board(2)
        js = {"Cookie": "dm_session=%s; dm_js=1" % self.c.cookie("dm_session")}
        self.c.get(url)
        first = self.c.get(url, headers=js)
        etag = first.header("ETag")
        self.assertTrue(etag)
        self.assertEqual(self.c.get(url, headers=dict(js, **{"If-None-Match": etag})).status, 304)
        self.assertEqual(self.place(self.c, url, ids[1], 0, 3, 6, 3).status, 200)
        r = self.c.get(url, headers=dict(js, **{"If-None-Match": etag}))
        self.assertEqual(r.status, 200, "a moved widget is not the page the client has")
        self.assertEqual(places(r.text)[ids[1]], (0, 3, 6, 3))


if __name__ == "__main__":
    unittest.main()
