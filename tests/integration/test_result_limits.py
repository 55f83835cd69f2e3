"""Result bytes are capped while rows are read (DATAMIND_MAX_CELL_BYTES,
DATAMIND_MAX_RESULT_BYTES): a query returning a 1 GB value gives a clear,
small page, and the job runner that ran it (issue 19: no longer a web
worker) lives on with bounded memory.
Before the cap, SELECT repeat('x', 1000000000) killed the worker (SIGSEGV, a
502) and repeat('x', 300000000) made a 900 MB page."""
import re
import unittest

import dm

MAX_CELL = 1048576        # the defaults (README's configuration table)
MAX_RESULT = 33554432


def explore(client, conn_id, sql):
    return dm.explore_run(client, conn_id, sql)


def workers():
    """The processes that run Explore queries: datamind worker's runners."""
    return dm.children(dm.pid_of("worker"))


def peak_kb(pid):
    """The process's peak resident memory (VmHWM), in KB."""
    with open("/proc/%d/status" % pid) as f:
        return int(re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1))


def rows_of(page):
    m = re.search(r"Rows \d+–\d+ of (\d+)", page)
    return int(m.group(1)) if m else None


class TestResultLimits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = dm.demo_client()
        cls.shop = dm.shop_connection_id()

    def assert_cut_page(self, r, size):
        self.assertEqual(r.status, 200, r.text[:500])
        self.assertIn("1 value longer than 1 MB is cut (DATAMIND_MAX_CELL_BYTES)", r.text)
        self.assertIn("[cut: %d bytes, first %d shown]" % (size, MAX_CELL), r.text)
        self.assertIn('class=" cut"', r.text)  # the cell is marked
        self.assertLess(len(r.body), 200000, "the page carries the value, not a view of it")

    def test_huge_values_give_a_clear_page_and_the_worker_lives(self):
        before = workers()
        self.assertTrue(before)
        base = max(peak_kb(p) for p in before)
        r = explore(self.c, self.shop, "SELECT repeat('x', 300000000) AS big")
        self.assert_cut_page(r, 300000000)
        # libpq reads the one 300 MB row whole before it can be cut (it
        # keeps it twice: its input buffer and the row); nothing else of it
        # is kept. Before the cap the worker peaked at 3.2 GB here.
        grown_mb = (max(peak_kb(p) for p in workers()) - base) / 1024
        self.assertLess(grown_mb, 3 * 300 + 200, "the worker's memory grew by %d MB" % grown_mb)

        r = explore(self.c, self.shop, "SELECT repeat('x', 1000000000) AS big")
        self.assert_cut_page(r, 1000000000)
        # the same workers serve the next request: none died and was replaced
        self.assertEqual(dm.Client().get("/healthz").status, 200)
        self.assertEqual(self.c.get("/explore").status, 200)
        self.assertEqual(workers(), before)

    def test_result_bytes_stop_reading(self):
        before = workers()
        sql = "SELECT g, repeat('y', 1000000) AS pad FROM generate_series(1, 200) g"
        r = explore(self.c, self.shop, sql)
        self.assertEqual(r.status, 200, r.text[:500])
        self.assertIn("Results stopped at 32 MB (DATAMIND_MAX_RESULT_BYTES): showing the first "
                      "33 rows; the query returned more.", r.text)
        # 33 rows of 1,000,000 + len(g) bytes fit in 32 MiB; a 34th does not
        self.assertEqual(rows_of(r.text), 33)
        self.assertLessEqual(33 * 1000000 + 9 + 24 * 2, MAX_RESULT)
        self.assertGreater(34 * 1000000, MAX_RESULT - 60)
        self.assertNotIn("[cut:", r.text)  # no single value was too long
        self.assertLess(len(r.body), 2000000)
        self.assertEqual(workers(), before)

    def test_first_row_past_the_result_cap_says_so(self):
        # 40 values of 1 MB (each under the cell cap) in one row: 40 MB > 32 MB
        cols = ", ".join("repeat('z', 1000000) AS c%d" % i for i in range(40))
        r = explore(self.c, self.shop, "SELECT " + cols)
        self.assertEqual(r.status, 200, r.text[:500])
        self.assertIn("the first row alone is larger than that", r.text)
        self.assertEqual(rows_of(r.text), 0)


if __name__ == "__main__":
    unittest.main()
