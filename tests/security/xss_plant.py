"""xss_plant.py — plant XSS payloads in every user-controlled field (through
the real pages, and as table, column and values in the user's database),
then write the pages that show them, and a signed-in cookie, as JSON for
xss.mjs. Usage: python3 xss_plant.py OUT.json"""
import json
import re
import sys
import urllib.parse

from common import build_world, dm, upload, ask, session_of, wait_done

S = "<script>alert(1)</script>"
I = '"><img src=x onerror=alert(2)>'
V = "<svg onload=alert(4)>"
T = "{{7*7}}"
COL = "<img src=x onerror=alert(9)>"


def plant_shop():
    sql = ("DROP TABLE IF EXISTS xss_probe; "
           "CREATE TABLE xss_probe(name text, \"%s\" text, n int); "
           "INSERT INTO xss_probe VALUES ($$%s$$, $$%s$$, 1), ($$%s$$, $$%s$$, 2), ($$%s$$, $$javascript:alert(3)$$, 3); "
           "GRANT SELECT ON xss_probe TO shop_reader;") % (COL, S, I, V, T, I)
    dm.psql(sql, db="shop")


def main(out):
    plant_shop()
    names = {"org": "Org " + S, "admin": I, "connection": "Conn " + V, "query": "Q " + I, "query_desc": S,
             "query_tags": V + " " + T, "question": S + " how many orders are there", "dashboard": "D " + I,
             "dashboard_desc": S + T, "widget": "W " + V, "widget_sql": "SELECT name, n FROM xss_probe",
             "markdown": "## Notes %s\n%s\n[click](javascript:alert(3)) [x](JaVaScRiPt:alert(3)) %s %s\n"
                         "![img](javascript:alert(3)) <a href=\"javascript:alert(3)\">raw</a>" % (T, S, I, V),
             "alert": "A " + I, "upload": "up" + V.replace("<", "").replace(">", "") + "<b>.csv",
             "csv": '"%s","%s",n\n"%s","%s",1\n"%s","javascript:alert(3)",2\n' % (S, COL, I, V, T),
             "term": "t" + T, "term_desc": S + I, "analyst": S, "viewer": V, "chat_title": "C " + I + T}
    w = build_world("X", names=names)
    c, ids = w["admin"], w["ids"]
    # the connection knows the probe table (built after it); the saved query reads it
    c.post("/connections/%s/refresh" % ids["connection"], {"_csrf": dm.page_csrf(c, "/connections")})
    c.post("/queries/%s" % ids["query"], {"_csrf": dm.page_csrf(c, "/queries"), "name": names["query"],
                                          "description": names["query_desc"], "tags": names["query_tags"],
                                          "sql": "SELECT * FROM xss_probe", "connection_id": ids["connection"],
                                          "shared": "1"})
    r = ask(c, "show sample rows of xss_probe", session=ids["session"], conn=ids["connection"])
    r = ask(c, "list the values of name in xss_probe", session=ids["session"], conn=ids["connection"])
    # the widget sourced from the probe, and an answer pinned
    tid = dm.psql("SELECT id FROM schema_tables WHERE org_id = '%s' AND table_name = 'xss_probe' LIMIT 1" % ids["org"])
    up_conn = dm.psql("SELECT coalesce(connection_id::text, '') FROM uploads WHERE id = '%s'" % ids["upload"])
    i, d, wd, wt = ids, ids["dashboard"], ids["widget"], ids["widget_text"]
    pages = ["/chat", "/chat/%s" % i["session"], "/chat?q=C", "/dashboards", "/dashboards/%s" % d,
             "/dashboards/%s/widgets/%s" % (d, wd), "/dashboards/%s/widgets/%s/edit" % (d, wd),
             "/dashboards/%s/widgets/%s" % (d, wt), "/dashboards/%s/widgets/%s.svg" % (d, wd),
             "/connections", "/connections/%s" % i["connection"], "/connections/%s/edit" % i["connection"],
             "/connections/%s/vocabulary" % i["connection"], "/queries", "/queries/%s" % i["query"],
             "/explore?query=%s" % i["query"], "/uploads", "/uploads/%s" % i["upload"], "/alerts",
             "/alerts/%s" % i["alert"], "/alerts/%s/edit" % i["alert"], "/notifications", "/admin/users", "/audit",
             "/settings", "/admin/jobs",
             # the search page: the planted names as results, the payload as the search
             "/search", "/search?q=C", "/search?q=" + urllib.parse.quote(S + I)]
    if tid:
        pages.append("/connections/%s?table=%s" % (i["connection"], tid))
    if up_conn:
        pages.append("/connections/%s" % up_conn)
        utid = dm.psql("SELECT id FROM schema_tables WHERE org_id = '%s' AND connection_id = '%s' LIMIT 1"
                       % (ids["org"], up_conn))
        if utid:
            pages.append("/connections/%s?table=%s" % (up_conn, utid))
    cookie = c.cookie("dm_session")
    with open(out, "w") as f:
        json.dump({"cookie": cookie, "pages": pages, "payloads": [S, I, V, T, COL, "alert("]}, f, indent=1)
    print("planted; %d pages" % len(pages))


if __name__ == "__main__":
    main(sys.argv[1])
