"""dm.py — what the integration tests share: an HTTP client with a cookie
jar that speaks to the stack through nginx, and handles on its processes."""
import html
import http.cookiejar
import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ.get("DM_BASE_URL", "http://127.0.0.1:8080")
VAR = os.environ.get("DM_VAR", os.path.join(os.path.dirname(__file__), "..", "..", "var"))
ROOT = os.environ.get("DM_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name)

    def form_value(self, name):
        m = re.search(r'name="%s" value="([^"]*)"' % re.escape(name), self.text)
        return html.unescape(m.group(1)) if m else None


class Client:
    """A browser-like client: cookies kept, redirects not followed unless asked."""

    def __init__(self, base=BASE, ssl_context=None):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.jar), NoRedirect]
        if ssl_context:   # an https stack (test_tls.py): trust its certificate
            handlers.append(urllib.request.HTTPSHandler(context=ssl_context))
        self.opener = urllib.request.build_opener(*handlers)

    def request(self, method, path, data=None, headers=None, follow=False, timeout=30):
        url = path if path.startswith("http") else self.base + path
        body = None
        hdrs = {"User-Agent": "dm-integration"}
        hdrs.update(headers or {})
        if isinstance(data, dict) or isinstance(data, list):
            body = urllib.parse.urlencode(data).encode()
            hdrs.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif isinstance(data, (bytes, str)):
            body = data.encode() if isinstance(data, str) else data
        req = urllib.request.Request(url, data=body, method=method, headers=hdrs)
        try:
            with self.opener.open(req, timeout=timeout) as r:
                resp = Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            resp = Response(e.code, e.headers, e.read())
        if follow and resp.status in (301, 302, 303, 307) and resp.header("Location"):
            return self.request("GET", resp.header("Location"), follow=True, timeout=timeout)
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, data=None, **kw):
        return self.request("POST", path, data=data, **kw)

    def cookie(self, name):
        for c in self.jar:
            if c.name == name:
                return c.value
        return None


def pid_of(name):
    try:
        with open(os.path.join(VAR, "run", name + ".pid")) as f:
            return int(f.read().split()[0])
    except (OSError, ValueError):
        return None


def children(pid):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return sorted(int(x) for x in out.stdout.split())


def wait_for(fn, timeout=15.0, step=0.1):
    end = time.time() + timeout
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(step)
    return fn()


def devstack(cmd):
    return subprocess.run([os.path.join(ROOT, "scripts", "devstack"), cmd],
                          capture_output=True, text=True)


def kill(pid, sig=signal.SIGKILL):
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


_counter = [0]


def unique(prefix="t"):
    """A name no other test (or earlier run) uses."""
    _counter[0] += 1
    return "%s-%d-%d-%d" % (prefix, os.getpid(), int(time.time() * 1000) % 10000000, _counter[0])


PASSWORD = "correct horse battery staple"


def csrf_of(client, path="/login"):
    r = client.get(path)
    return r.form_value("_csrf")


def register(client=None, slug=None, email=None, name="Ada Admin", password=PASSWORD):
    """Register a new organization; returns (client signed in as its admin, slug, email)."""
    c = client or Client()
    slug = slug or unique("org")
    email = email or (slug + "@example.com")
    token = csrf_of(c, "/register")
    r = c.post("/register", {"_csrf": token, "org_name": "Org " + slug, "org_slug": slug,
                             "full_name": name, "email": email, "password": password})
    assert r.status == 303, (r.status, r.text[:2000])
    return c, slug, email


def login(email, password=PASSWORD, org=None, client=None):
    c = client or Client()
    token = csrf_of(c, "/login")
    data = {"_csrf": token, "email": email, "password": password}
    if org:
        data["org"] = org
    r = c.post("/login", data)
    return c, r


def add_user(admin, email, role, name="Someone", password=PASSWORD):
    token = csrf_of(admin, "/admin/users")
    r = admin.post("/admin/users", {"_csrf": token, "full_name": name, "email": email,
                                    "role": role, "password": password})
    assert r.status == 303, (r.status, r.text[:3000])
    return r


def save_query(client, name, sql, conn_id=None):
    """Save a query (private) through /queries; its id."""
    data = {"_csrf": page_csrf(client, "/explore"), "name": name, "sql": sql}
    if conn_id:
        data["connection_id"] = conn_id
    r = client.post("/queries", data)
    assert r.status == 303, r.status
    return r.header("Location").rsplit("/", 1)[1]


def page_csrf(client, path="/settings"):
    return client.get(path).form_value("_csrf")


def demo_login():
    """The demo admin created by scripts/demo-data: (email, password)."""
    with open(os.path.join(VAR, "demo-login.txt")) as f:
        text = f.read()
    email = re.search(r"Sign in as:\s+(\S+)", text).group(1)
    pw = re.search(r"Password:\s+(\S+)", text).group(1)
    return email, pw


def demo_client():
    email, pw = demo_login()
    c, r = login(email, pw, org="demo")
    assert r.status == 303, r.status
    return c


def psql(sql, db="datamind"):
    out = subprocess.run(["psql", "-h", os.path.join(VAR, "run"), "-p", os.environ.get("DM_PG_PORT", "5433"),
                          "-U", "postgres", "-d", db, "-qtAc", sql], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def shop_connection_id():
    return psql("SELECT c.id FROM connections c JOIN organizations o ON o.id = c.org_id "
                "WHERE o.slug = 'demo' AND c.name = 'Shop'")


def shop_org(functions="pg_sleep"):
    """A new organization with its own connection to the demo shop, with
    `functions` allowed (pg_sleep for slow queries): (admin client, slug,
    connection id)."""
    admin, slug, _ = register()
    with open(os.path.join(VAR, "demo-secrets", "shop_reader")) as f:
        pw = f.read().strip()
    r = admin.post("/connections", {"_csrf": page_csrf(admin, "/connections/new"), "name": "Shop",
                                    "host": "127.0.0.1", "port": os.environ["DM_PG_PORT"],
                                    "database": "shop", "user": "shop_reader", "sslmode": "disable",
                                    "password": pw})
    assert r.status == 303, (r.status, r.text[:2000])
    cid = psql("SELECT c.id FROM connections c JOIN organizations o ON o.id = c.org_id "
               "WHERE o.slug = '%s' AND c.name = 'Shop'" % slug)
    if functions:
        r = admin.post("/connections/%s/functions" % cid,
                       {"_csrf": page_csrf(admin, "/connections/%s" % cid), "functions": functions})
        assert r.status == 303, r.status
    return admin, slug, cid


def explore_post(client, conn_id, sql, headers=None, **extra):
    """POST /explore/run as the editor's form does (JavaScript off)."""
    data = {"_csrf": page_csrf(client, "/explore"), "connection_id": conn_id, "sql": sql}
    data.update(extra)
    return client.post("/explore/run", data, headers=headers, timeout=120)


def follow_url(page):
    """The URL a "still running" page (202) follows its query job at."""
    m = re.search(r'hx-get="(/explore/jobs/[0-9a-f]{32}[^"]*)"', page)
    return html.unescape(m.group(1)) if m else None


def follow(client, r, headers=None, timeout=300):
    """Follow a query job's page until the job is done; the final response."""
    end = time.time() + timeout
    while r.status == 202 and time.time() < end:
        time.sleep(0.2)
        r = client.get(follow_url(r.text), headers=headers)
    return r


def follow_export(client, r, timeout=300):
    """An export's response as a browser without JavaScript ends with it:
    a slow file's 303 to /exports/<job>, whose page reloads itself (202)
    until the file is there."""
    if r.status == 303 and r.header("Location").startswith("/exports/"):
        url, end = r.header("Location"), time.time() + timeout
        r = client.get(url)
        while r.status == 202 and time.time() < end:
            time.sleep(0.3)
            r = client.get(url)
    return r


def follow_test(client, r, timeout=120):
    """A connection's Test as a browser ends with it: a slow one's 303 to
    /connections/<id>?test=<job>, whose page reloads itself while testing."""
    if r.status == 303 and "?test=" in (r.header("Location") or ""):
        url, end = r.header("Location"), time.time() + timeout
        r = client.get(url)
        while 'class="card probe testing"' in r.text and time.time() < end:
            time.sleep(0.3)
            r = client.get(url)
    return r


def explore_run(client, conn_id, sql, **extra):
    """Run a query in Explore and wait for its page, as a browser would."""
    return follow(client, explore_post(client, conn_id, sql, **extra))


class Follower(threading.Thread):
    """Open tabs following query pages: each is asked again every `step`
    seconds until its job is done (a page nobody asks for is cancelled
    after DATAMIND_QUERY_ABANDON_S). finish() gives the final responses."""

    def __init__(self, client, responses, step=0.5):
        super().__init__(daemon=True)
        self.client, self.results, self.step = client, list(responses), step
        self.start()

    def run(self):
        while any(r.status == 202 for r in self.results):
            for i, r in enumerate(self.results):
                if r.status == 202:
                    self.results[i] = self.client.get(follow_url(r.text))
            time.sleep(self.step)

    def finish(self, timeout=300):
        self.join(timeout)
        return self.results


def restart_worker():
    """Stop `datamind worker` (its runners finish their jobs) and start it
    again on the env file as it is now: the worker reads its settings once
    (an LLM setting changed by a test reaches the chat's answering there)."""
    old = stop_worker()
    start_worker(old)


def stop_worker():
    """Stop `datamind worker` (its runners finish their jobs): nothing runs
    the queue until start_worker(). Its old pid, or None."""
    old = pid_of("worker")
    if old:
        kill(old, signal.SIGTERM)

        def gone():
            try:
                os.kill(old, 0)
                return False
            except ProcessLookupError:
                return True
        assert wait_for(gone, timeout=90), "datamind worker did not stop"
    return old


def start_worker(old=None):
    """Start `datamind worker` on the env file as it is now."""
    run = os.path.join(VAR, "run")
    cmd = [os.environ.get("DM_BIN", os.path.join(ROOT, "datamind")), "worker", "--config",
           os.path.join(VAR, "datamind.env"), "--pidfile", os.path.join(run, "worker.pid"),
           "--runners", "2"]
    if os.getuid() == 0:
        cmd = ["runuser", "-u", "datamind", "--"] + cmd
    with open(os.path.join(VAR, "log", "worker.log"), "a") as log:
        subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                         start_new_session=True)
    assert wait_for(lambda: pid_of("worker") not in (None, old) and
                    len(children(pid_of("worker"))) == 3, timeout=30), "datamind worker did not start"


def reconfigure(extra, drop_prefix):
    """Rewrite the env file: its lines starting with drop_prefix go, the
    `extra` settings (without DATAMIND_) are added; then replace the web
    workers (SIGHUP) and restart `datamind worker` (it reads its settings
    once)."""
    envfile = os.path.join(VAR, "datamind.env")
    master = pid_of("web")
    want = int(os.environ.get("DM_WORKERS", "2"))
    wait_for(lambda: len(children(master)) == want)
    with open(envfile) as f:
        base = "".join(l for l in f if not l.startswith(drop_prefix))
    with open(envfile, "w") as f:
        f.write(base + "".join("DATAMIND_%s=%s\n" % kv for kv in extra.items()))
    before = children(master)
    os.kill(master, signal.SIGHUP)
    ok = wait_for(lambda: (lambda k: len(k) == want and not set(k) & set(before))(
        children(master)), timeout=30)
    assert ok, "the web workers were not replaced"
    restart_worker()
