"""A user's theme (issue 20, part 5): system by default, light or dark
chosen on the settings page, put on <html data-theme> of every page by the
server (no inline style), per user, and part of the pages' ETags."""
import re
import unittest

import dm


def theme_of(page):
    m = re.search(r'<html lang="en" data-theme="([a-z]*)">', page)
    return m.group(1) if m else None


def set_theme(client, theme):
    return client.post("/settings", {"_csrf": dm.page_csrf(client), "action": "theme",
                                     "theme": theme})


class ThemeTest(unittest.TestCase):
    def test_default_choice_and_per_user(self):
        a, _, _ = dm.register()
        b, _, _ = dm.register()
        self.assertEqual(theme_of(a.get("/settings").text), "system")
        r = set_theme(a, "dark")
        self.assertEqual(r.status, 303)
        page = a.get("/settings").text
        self.assertEqual(theme_of(page), "dark")
        self.assertRegex(page, r'value="dark" checked')
        self.assertEqual(theme_of(a.get("/dashboards").text), "dark")
        self.assertEqual(theme_of(b.get("/settings").text), "system")   # theirs, not the org's
        self.assertEqual(set_theme(a, "light").status, 303)
        self.assertEqual(theme_of(a.get("/chat").text), "light")
        self.assertEqual(set_theme(a, "system").status, 303)
        self.assertEqual(theme_of(a.get("/chat").text), "system")

    def test_unknown_theme_refused(self):
        a, _, _ = dm.register()
        for bad in ("pink", "", "dark\"><script>"):
            self.assertEqual(set_theme(a, bad).status, 400, bad)
        self.assertEqual(theme_of(a.get("/settings").text), "system")

    def test_signed_out_pages_are_system(self):
        self.assertEqual(theme_of(dm.Client().get("/login").text), "system")

    def test_a_cached_page_changes_with_the_theme(self):
        a, _, _ = dm.register()
        a.get("/settings")   # the welcome flash message, shown once
        r = a.get("/dashboards")
        etag = r.header("ETag")
        self.assertTrue(etag)
        self.assertEqual(a.get("/dashboards", headers={"If-None-Match": etag}).status, 304)
        set_theme(a, "dark")
        a.get("/settings")   # shows (and clears) the flash message
        r = a.get("/dashboards", headers={"If-None-Match": etag})
        self.assertEqual(r.status, 200)
        self.assertEqual(theme_of(r.text), "dark")

    def test_no_inline_style(self):
        a, _, _ = dm.register()
        for path in ("/settings", "/search?q=set"):
            self.assertNotIn("style=", a.get(path).text, path)


if __name__ == "__main__":
    unittest.main()
