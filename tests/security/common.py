"""common.py — what the security tests share: dm (the integration client)
on sys.path, the route table parsed from src/pages/routes.c, and a "world":
an organization holding one object of every id type, built through the real
pages (plus a dead job planted in Redis, as /admin/jobs has no page to make
one quickly)."""
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))

import dm  # noqa: E402
from test_chat import ask, session_of  # noqa: E402
from test_uploads import upload, wait_done  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
RANK = {"ROLE_NONE": -1, "ROLE_VIEWER": 0, "ROLE_ANALYST": 1, "ROLE_ADMIN": 2}
ROLE_RANK = {"viewer": 0, "analyst": 1, "admin": 2}
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def routes(api=False):
    """[(method, pattern, min_role_rank, name)] from src/pages/routes.c: the
    pages' routes (signed in with the session cookie), or with api=True the
    /api/v1 routes (a bearer token, never the cookie: test_api_walks.py)."""
    with open(os.path.join(ROOT, "src", "pages", "routes.c")) as f:
        text = f.read()
    out = [(m, p, RANK[role], name) for m, p, role, _fn, name in
           re.findall(r'\{\s*"(GET|POST|PUT|DELETE|PATCH)",\s*"([^"]+)",\s*(ROLE_\w+),\s*(\w+),\s*"(\w+)"[^}]*\}', text)]
    pages = [r for r in out if not r[1].startswith("/api/v1")]
    apis = [r for r in out if r[1].startswith("/api/v1")]
    assert len(pages) >= 80, "routes.c could not be parsed (%d routes)" % len(pages)
    assert len(apis) >= 30, "routes.c could not be parsed (%d /api/v1 routes)" % len(apis)
    return apis if api else pages


def params(pattern):
    return re.findall(r"\{(\w+)\}", pattern)


def id_kind(pattern, param):
    """Which object a {param} of a route pattern names. A new route whose
    parameter is not known here fails loudly (KeyError) instead of going
    untested."""
    if param == "wid":
        return "widget"
    if param == "vid":
        return "vocab"
    if param == "lid":
        return "link"
    if param == "token":
        return "link_token"
    if param != "id":
        raise KeyError("unknown route parameter {%s} in %s" % (param, pattern))
    if pattern.startswith("/api/v1/"):  # the API's ids are the pages' (its jobs: the chat's, Explore's)
        pattern = pattern[len("/api/v1"):]
    table = [("/ask/jobs/", "chat_job"), ("/queries/jobs/", "explore_job"), ("/chats/", "session"),
             ("/admin/users/", "user"), ("/admin/jobs/", "job"), ("/chat/messages/", "message"),
             ("/chat/jobs/", "chat_job"), ("/explore/jobs/", "explore_job"), ("/exports/", "export_job"), ("/chat/", "session"), ("/dashboards/", "dashboard"), ("/connections/", "connection"),
             ("/queries/", "query"), ("/uploads/", "upload"), ("/alerts/", "alert"),
             ("/notifications/", "notification"),
             ("/reports/", "report"), ("/history/", "history_run")]
    for prefix, kind in table:
        if pattern.startswith(prefix):
            return kind
    raise KeyError("no object known for {id} in %s — map it in tests/security/common.py" % pattern)


def export_query(pattern):
    """The query string an export route needs to reach its handler."""
    return "?format=csv" if "export" in pattern and not pattern.endswith(".pdf") else ""


def fill(pattern, ids, override=None):
    """The pattern with every {param} replaced by the id of its object."""
    path = pattern
    for p in params(pattern):
        kind = id_kind(pattern, p)
        if override and p in override:
            value = override[p]
        elif kind == "job":
            # retry and discard each get their own planted dead job
            value = ids["job_" + pattern.rsplit("/", 1)[1]]
        else:
            value = ids[kind]
        path = path.replace("{%s}" % p, value, 1)
    return path


def reader_password():
    with open(os.path.join(dm.VAR, "demo-secrets", "shop_reader")) as f:
        return f.read().strip()


def org_id(slug):
    return dm.psql("SELECT id FROM organizations WHERE slug = '%s'" % slug)


def redis(*args):
    out = subprocess.run(["redis-cli", "-s", os.path.join(dm.VAR, "run", "redis.sock")] + list(args),
                         capture_output=True, text=True)
    return out.stdout.strip()


def user_job(oid, key, kind="qjob:"):
    """The id of a job of organization oid that a page follows (issue 19:
    Explore queries, chat answers and exports run in the worker) whose
    arguments have `key` ("sql": an Explore query, "session_id": a chat
    question; kind "ejob:", key "kind": an export)."""
    p = redis_prefix()
    for k in redis("--scan", "--pattern", p + kind + "*").splitlines():
        args = json.loads(redis("GET", k) or "{}")
        if args.get("org_id") == oid and key in args:
            return k[len(p + kind):]
    return None


def history_run(oid, timeout=20):
    """The id of organization oid's first Explore run in the query history
    (recorded by the job when it ends, so waited for)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        rid = dm.psql("SELECT id FROM query_runs WHERE org_id = '%s' ORDER BY started_at LIMIT 1" % oid)
        if rid:
            return rid
        time.sleep(0.2)
    raise AssertionError("the Explore run never reached the query history")


def redis_prefix():
    for key in redis("--scan", "--pattern", "*leader").splitlines() + redis("--scan", "--pattern", "*runners").splitlines():
        for suffix in ("leader", "runners"):
            if key.endswith(suffix):
                return key[:-len(suffix)]
    return "dm:"


def plant_dead_job(oid, label):
    """A dead letter that belongs to organization oid, as the runner writes it."""
    jid = "sec%s%d" % (label, int(time.time() * 1e6))
    now = int(time.time() * 1000)
    job = {"id": jid, "type": "notify.deliver", "queue": "notify", "org_id": oid,
           "attempt": 5, "max_attempts": 5, "error": "planted by the security suite", "failed_at": now,
           "payload": {"org_id": oid}}
    p = redis_prefix()
    redis("HSET", p + "dead", jid, json.dumps(job))
    redis("ZADD", p + "dead:idx", str(now), jid)
    return jid


def dead_job_exists(jid):
    return redis("HEXISTS", redis_prefix() + "dead", jid) == "1"


def new_connection(client, name):
    r = client.post("/connections", {"_csrf": dm.page_csrf(client, "/connections/new"), "name": name,
                                     "host": "127.0.0.1", "port": os.environ["DM_PG_PORT"], "database": "shop",
                                     "user": "shop_reader", "password": reader_password(), "sslmode": "disable"})
    assert r.status == 303, (r.status, r.text[:1500])
    m = re.search(UUID, r.header("Location"))
    return m.group(0)


def new_dashboard(client, title, shared=True, description=None):
    data = {"_csrf": dm.page_csrf(client, "/dashboards"), "title": title}
    if shared:
        data["shared"] = "1"
    if description is not None:
        data["description"] = description
    r = client.post("/dashboards", data)
    assert r.status == 303, (r.status, r.text[:1500])
    return re.search(UUID, r.header("Location")).group(0)


def build_world(label="A", users=True, names=None):
    """An organization with one object of every id type. names: optional
    overrides of the user-visible strings (the XSS planter uses them)."""
    n = {"org": "Org " + label, "admin": "Admin " + label, "connection": "Shop " + label,
         "query": "Query " + label, "query_desc": "Description " + label, "query_tags": "tag" + label.lower(),
         "question": "how many orders are there", "dashboard": "Board " + label,
         "dashboard_desc": "Board description " + label, "widget": "Widget " + label,
         "markdown": "Notes of " + label, "alert": "Alert " + label, "upload": "upload_%s.csv" % label.lower(),
         "csv": "region,amount\nnorth,1\nsouth,2\n", "term": "term" + label.lower(),
         "term_desc": "Vocabulary " + label, "analyst": "Analyst " + label, "viewer": "Viewer " + label,
         "chat_title": None}
    n.update(names or {})
    slug = dm.unique("sec" + label.lower())
    c = dm.Client()
    token = dm.csrf_of(c, "/register")
    r = c.post("/register", {"_csrf": token, "org_name": n["org"], "org_slug": slug, "full_name": n["admin"],
                             "email": slug + "@example.com", "password": dm.PASSWORD})
    assert r.status == 303, (r.status, r.text[:1500])
    w = {"admin": c, "slug": slug, "email": slug + "@example.com", "names": n}
    ids = {}
    w["ids"] = ids
    ids["org"] = oid = org_id(slug)
    ids["connection"] = cid = new_connection(c, n["connection"])
    # saved query (shared)
    r = c.post("/queries", {"_csrf": dm.page_csrf(c, "/explore"), "name": n["query"], "description": n["query_desc"],
                            "sql": "SELECT count(*) AS orders FROM orders", "tags": n["query_tags"],
                            "connection_id": cid, "shared": "1"})
    assert r.status == 303, (r.status, r.text[:1500])
    ids["query"] = re.search(UUID, r.header("Location")).group(0)
    # chat session + message
    r = ask(c, n["question"], conn=cid)
    assert r.status == 303, (r.status, r.text[:1500])
    ids["session"] = session_of(r)
    ids["message"] = dm.psql("SELECT id FROM chat_messages WHERE session_id = '%s' AND role = 'assistant' "
                             "ORDER BY created_at DESC LIMIT 1" % ids["session"])
    assert ids["message"], "no assistant message"
    ids["chat_job"] = user_job(oid, "session_id")
    r = c.post("/explore/run", {"_csrf": dm.page_csrf(c, "/explore"), "connection_id": cid,
                                "sql": "SELECT count(*) AS n FROM orders"})
    assert r.status in (200, 202), (r.status, r.text[:1500])
    ids["explore_job"] = user_job(oid, "sql")
    ids["history_run"] = history_run(oid)
    r = c.get("/queries/%s/export?format=csv" % ids["query"])
    assert r.status in (200, 303), (r.status, r.text[:1500])
    ids["export_job"] = user_job(oid, "kind", "ejob:")
    assert ids["chat_job"] and ids["explore_job"] and ids["export_job"], "no job ids in Redis"
    if n["chat_title"]:
        c.post("/chat/%s/rename" % ids["session"], {"_csrf": dm.page_csrf(c, "/chat"), "title": n["chat_title"]})
    # dashboard + widgets (a pinned answer, a SQL chart, a text widget)
    ids["dashboard"] = did = new_dashboard(c, n["dashboard"], shared=True, description=n["dashboard_desc"])
    c.post("/dashboards/pin", {"_csrf": dm.page_csrf(c, "/dashboards"), "message_id": ids["message"],
                               "dashboard_id": did})
    tok = dm.page_csrf(c, "/dashboards/%s" % did)
    r = c.post("/dashboards/%s/widgets" % did, {"_csrf": tok, "source": "sql", "title": n["widget"], "kind": "chart",
                                                "sql": n.get("widget_sql", "SELECT 'north' AS region, 1 AS amount "
                                                             "UNION ALL SELECT 'south', 2"),
                                                "connection_id": cid})
    assert r.status == 303, (r.status, r.text[:1500])
    c.post("/dashboards/%s/widgets" % did, {"_csrf": tok, "source": "text", "title": n["widget"] + " text",
                                            "markdown": n["markdown"]})
    ids["widget"] = dm.psql("SELECT id FROM widgets WHERE dashboard_id = '%s' AND kind <> 'text' "
                            "ORDER BY position LIMIT 1" % did)
    ids["widget_text"] = dm.psql("SELECT id FROM widgets WHERE dashboard_id = '%s' AND kind = 'text' LIMIT 1" % did)
    assert ids["widget"], "no widget"
    # a public link to the dashboard (its token is shown once, on the answer)
    r = c.post("/dashboards/%s/links" % did, {"_csrf": dm.page_csrf(c, "/dashboards/%s" % did), "expires": "7"})
    m = re.search(r"/public/d/([A-Za-z0-9_-]{43})", r.text)
    assert r.status == 200 and m, (r.status, r.text[:1500])
    ids["link_token"] = m.group(1)
    ids["link"] = dm.psql("SELECT id FROM dashboard_links WHERE dashboard_id = '%s' LIMIT 1" % did)
    # a scheduled report of the dashboard (e-mailed PDF)
    r = c.post("/dashboards/%s/reports" % did, {"_csrf": dm.page_csrf(c, "/dashboards/%s" % did),
                                                "recipients": "reports-%s@example.com" % slug,
                                                "frequency": "daily", "hour": "7"})
    assert r.status == 303, (r.status, r.text[:1500])
    ids["report"] = dm.psql("SELECT id FROM report_schedules WHERE dashboard_id = '%s' LIMIT 1" % did)
    assert ids["report"], "no report schedule"
    # alert, checked at once so that it notifies (a notification)
    r = c.post("/alerts", {"_csrf": dm.page_csrf(c, "/alerts/new"), "name": n["alert"], "connection_id": cid,
                           "sql": "SELECT 5000 AS n", "condition": "above", "threshold": "1",
                           "interval_minutes": "60"})
    assert r.status == 303, (r.status, r.text[:1500])
    ids["alert"] = aid = re.search(UUID, r.header("Location")).group(0)
    c.post("/alerts/%s/check" % aid, {"_csrf": dm.page_csrf(c, "/alerts/%s" % aid)})
    # upload
    r = upload(c, n["upload"], n["csv"])
    assert r.status == 303, (r.status, r.text[:1500])
    wait_done(c, r.header("Location"))
    ids["upload"] = dm.psql("SELECT id FROM uploads WHERE org_id = '%s' ORDER BY created_at DESC LIMIT 1" % oid)
    # vocabulary term
    r = c.post("/connections/%s/vocabulary" % cid, {"_csrf": dm.page_csrf(c, "/connections/%s/vocabulary" % cid),
                                                   "term": n["term"], "description": n["term_desc"],
                                                   "kind": "column", "table": "orders", "column": "id",
                                                   "expression": ""})
    ids["vocab"] = dm.psql("SELECT id FROM vocabulary WHERE org_id = '%s' LIMIT 1" % oid)
    assert ids["vocab"], ("no vocabulary term", r.status, re.findall(r'field-error">([^<]*)', r.text))
    # users
    ids["user_admin"] = dm.psql("SELECT id FROM users WHERE org_id = '%s' AND email = '%s'" % (oid, w["email"]))
    if users:
        for role in ("analyst", "viewer"):
            email = "%s-%s@example.com" % (role, slug)
            dm.add_user(c, email, role, name=n[role])
            w[role] = dm.login(email)[0]
            ids["user_" + role] = dm.psql("SELECT id FROM users WHERE org_id = '%s' AND email = '%s'" % (oid, email))
        ids["user"] = ids["user_viewer"]
    else:
        ids["user"] = ids["user_admin"]
    ids["notification"] = dm.wait_for(lambda: dm.psql(
        "SELECT id FROM notifications WHERE org_id = '%s' LIMIT 1" % oid), timeout=40, step=0.3)
    assert ids["notification"], "the alert check made no notification"
    ids["job_retry"] = plant_dead_job(oid, "r")
    ids["job_discard"] = plant_dead_job(oid, "d")
    ids["table"] = dm.psql("SELECT id FROM schema_tables WHERE org_id = '%s' LIMIT 1" % oid) \
        if "org_id" in dm.psql("SELECT string_agg(column_name, ',') FROM information_schema.columns "
                               "WHERE table_name = 'schema_tables'") else ""
    return w


def fingerprint(oid):
    """What an organization holds, as text: counts and the fields a stray
    write would change (volatile columns such as last_seen left out)."""
    q = {
        "organizations": "SELECT name, slug FROM organizations WHERE id = '{o}'",
        "users": "SELECT id, email, full_name, role, is_active FROM users WHERE org_id = '{o}' ORDER BY id",
        "connections": "SELECT id, name, host, database, username FROM connections WHERE org_id = '{o}' ORDER BY id",
        "saved_queries": "SELECT id, name, description, sql_text, tags, is_shared FROM saved_queries "
                         "WHERE org_id = '{o}' ORDER BY id",
        "chat_sessions": "SELECT id, title, is_pinned FROM chat_sessions WHERE org_id = '{o}' ORDER BY id",
        "chat_messages": "SELECT count(*) FROM chat_messages WHERE org_id = '{o}'",
        "dashboards": "SELECT id, title, description, is_shared FROM dashboards WHERE org_id = '{o}' ORDER BY id",
        "widgets": "SELECT id, title, kind, position, size, sql_text, body_markdown FROM widgets "
                   "WHERE org_id = '{o}' ORDER BY id",
        "alerts": "SELECT id, name, is_active, muted_until, sql_text, threshold FROM alerts WHERE org_id = '{o}' ORDER BY id",
        "notifications": "SELECT id, is_read FROM notifications WHERE org_id = '{o}' ORDER BY id",
        "uploads": "SELECT id, original_filename, table_name FROM uploads WHERE org_id = '{o}' ORDER BY id",
        "vocabulary": "SELECT id, term, description FROM vocabulary WHERE org_id = '{o}' ORDER BY id",
        "audit_log": "SELECT count(*) FROM audit_log WHERE org_id = '{o}'",
        "dashboard_links": "SELECT id, revoked_at FROM dashboard_links WHERE org_id = '{o}' ORDER BY id",
        "report_schedules": "SELECT id, recipients, next_run_at FROM report_schedules WHERE org_id = '{o}' ORDER BY id",
        "report_deliveries": "SELECT count(*) FROM report_deliveries WHERE org_id = '{o}'",
    }
    out = {}
    for k, sql in q.items():
        try:
            out[k] = dm.psql(sql.format(o=oid))
        except subprocess.CalledProcessError as e:  # a column renamed: compare the count only
            out[k] = dm.psql("SELECT count(*) FROM %s WHERE %s" % (k, "id = '%s'" % oid if k == "organizations"
                                                                  else "org_id = '%s'" % oid))
    return out


# A POST body that would do something on any route, were it allowed.
def post_body(csrf, confirm="yes"):
    return {"_csrf": csrf, "title": "pwned", "name": "pwned", "full_name": "pwned", "role": "admin",
            "active": "0", "confirm": confirm, "pinned": "1", "direction": "up", "message": "pwned",
            "sql": "SELECT 1", "term": "pwned", "kind": "column", "table": "orders", "column": "id",
            "condition": "above", "threshold": "1", "interval_minutes": "60", "minutes": "60",
            "host": "127.0.0.1", "database": "shop", "user": "shop_reader", "source": "text",
            "markdown": "pwned", "size": "full", "shared": "1", "is_active": "0"}
