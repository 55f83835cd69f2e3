"""ETags through nginx: its gzip turns the app's strong ETag "x" into W/"x"
(RFC 9110: a changed encoding is not byte-identical), so a browser sends
If-None-Match: W/"x" back. The app compares weakly, as RFC 9110 says for
If-None-Match, so a widget SVG fetched with Accept-Encoding: gzip gets its
304. Before, the strong strcmp never matched behind nginx."""
import gzip
import re
import unittest

import dm
from test_dashboards import add_sql_widget, new_dashboard, widget_ids

GZ = {"Accept-Encoding": "gzip"}


class TestETagBehindNginx(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        did = new_dashboard(cls.c, dm.unique("ETag"))
        r = add_sql_widget(cls.c, did, "SELECT c.name AS category, count(*) AS products FROM products p"
                           " JOIN categories c ON c.id = p.category_id GROUP BY 1 ORDER BY 1")
        assert r.status == 303, (r.status, r.text[:1000])
        wid = widget_ids(cls.c.get("/dashboards/%s" % did).text)[0]
        cls.url = "/dashboards/%s/widgets/%s.svg" % (did, wid)

    def test_gzip_weak_etag_gets_304(self):
        r = self.c.get(self.url, headers=GZ)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Encoding"), "gzip")
        self.assertIn(b"<svg", gzip.decompress(r.body))
        etag = r.header("ETag")
        self.assertTrue(re.fullmatch(r'W/"[0-9a-f]{32}"', etag or ""), etag)
        r2 = self.c.get(self.url, headers=dict(GZ, **{"If-None-Match": etag}))
        self.assertEqual(r2.status, 304)
        self.assertEqual(r2.body, b"")
        # without gzip the same tag, strong, still matches the weak one sent
        strong = etag[2:]
        self.assertEqual(self.c.get(self.url, headers={"If-None-Match": etag}).status, 304)
        self.assertEqual(self.c.get(self.url, headers=dict(GZ, **{"If-None-Match": strong})).status, 304)

    def test_lists_star_and_misses(self):
        etag = self.c.get(self.url, headers=GZ).header("ETag")
        for inm, want in [('"nope", %s' % etag, 304), ('W/"a", "b",%s' % etag, 304), ("*", 304),
                          ('W/"0000"', 200), ('"%s"' % etag[3:-2], 200), (etag[:-1], 200), ("", 200)]:
            r = self.c.get(self.url, headers=dict(GZ, **{"If-None-Match": inm}))
            self.assertEqual(r.status, want, inm)


if __name__ == "__main__":
    unittest.main()
