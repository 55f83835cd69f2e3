#!/usr/bin/env python3
"""fake_llm.py — a local stand-in for the LLM APIs (the real ones are outside
this network). Speaks Anthropic's POST /v1/messages and the OpenAI-compatible
POST /v1/chat/completions; standard library only.

    python3 tests/integration/fake_llm.py PORT      # prints "ready" when listening

Behaviour is picked by markers in the question (the text inside
<question>…</question> of the last user message, else the whole message):
  [slow]      sleep 10 s before answering
  [sleepN]    sleep N seconds before answering (N: 1 to 60)
  [429]       429 with Retry-After: 1 twice per question, then an answer
  [429date]   429 with Retry-After as an HTTP date 2 s ahead once, then an answer
  [500]       500 always
  [badjson]   a 200 whose body is not JSON
  [failsql]   SQL naming a missing column (amount_typo); once the prompt
              carries "does not exist", correct SQL
  [delete]    DELETE FROM orders
  [nosql]     "I cannot answer that from this schema."
  [echo]      the user message itself, as the answer
  [badinsight] / [badchart]  an insight that is not JSON / a chart naming a
              column that is not in the result
  "drop the table" (prompt injection)  DROP TABLE orders
otherwise SQL derived from keywords ("count orders" → SELECT count(*) AS
orders FROM orders, "customers per country" → customers counted by
country name), or a valid JSON insight for insight prompts. A follow-up
"now only X" edits the SQL of the prompt's <last_answer_sql> block (a
WHERE on the country name before its GROUP BY). The key
"bad-key" gets 401. Anthropic answers carry <sql> tags, OpenAI ones a
```sql fence, so both extraction paths are used.

GET /requests lists every POST seen ({path, headers, body}); POST /reset
forgets them and the per-question counters.
"""
import json
import re
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
REQUESTS = []
COUNTS = {}


def question_of(text):
    m = re.search(r"<question>\s*(.*?)\s*</question>", text, re.S)
    return m.group(1) if m else text


PER_COUNTRY = ("SELECT k.name AS country, count(*) AS customers FROM customers c "
               "JOIN countries k ON k.id = c.country_id GROUP BY k.name ORDER BY 2 DESC, 1")


def followup_sql(user, q):
    """The previous answer's SQL with the follow-up's filter, or None."""
    prev = re.search(r"<last_answer_sql>\s*(.*?)\s*</last_answer_sql>", user, re.S)
    only = re.search(r"\bnow only ([A-Z][\w ]*\w)", q)
    if not prev or not only or " GROUP BY " not in prev.group(1):
        return None
    return prev.group(1).replace(" GROUP BY ", " WHERE k.name = '%s' GROUP BY " % only.group(1), 1)


def keyword_sql(q):
    q = q.lower()
    if "per country" in q:
        return PER_COUNTRY
    table = next((t for t in ("customers", "products", "orders") if t in q), "orders")
    if "revenue" in q or "total" in q:
        sql = "SELECT sum(amount) AS revenue FROM orders"
        if "month" in q:
            sql = ("SELECT date_trunc('month', created_at) AS month, sum(amount) AS revenue "
                   "FROM orders GROUP BY 1 ORDER BY 1")
        return sql
    if "count" in q or "how many" in q:
        return "SELECT count(*) AS %s FROM %s" % (table, table)
    return "SELECT * FROM %s LIMIT 10" % table


def sql_answer(user, q):
    """(status, text) for a text-to-SQL prompt."""
    if "[nosql]" in q:
        return "I cannot answer that from this schema."
    if "[echo]" in q:
        return user
    if "[delete]" in q:
        return "DELETE FROM orders"
    if "drop the table" in q.lower():
        return "DROP TABLE orders"
    if "[failsql]" in q and "does not exist" not in user:
        return "SELECT sum(amount_typo) AS revenue FROM orders"
    return followup_sql(user, q) or keyword_sql(q)


def insight_answer(user, q):
    if "[badinsight]" in q:
        return "Revenue went up, mostly."
    chart = {"type": "bar", "x": "month", "y": ["revenue"]}
    if "[badchart]" in q:
        chart = {"type": "bar", "x": "no_such_column", "y": ["revenue"]}
    cols = re.findall(r"^- (\S+) \(", user, re.M)
    if cols and "[badchart]" not in q:
        chart = {"type": "kpi", "y": [cols[-1]]} if len(cols) == 1 else \
            {"type": "bar", "x": cols[0], "y": [cols[1]]}
    return "```json\n" + json.dumps({"insight": "Orders total 42, up 5% on last month.",
                                     "chart": chart}) + "\n```"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, ctype="application/json", headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up (timeouts are a tested behaviour)

    def do_GET(self):
        if self.path == "/requests":
            with LOCK:
                self.send(200, json.dumps(REQUESTS))
        else:
            self.send(404, json.dumps({"error": {"message": "not found"}}))

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/reset":
            with LOCK:
                REQUESTS.clear()
                COUNTS.clear()
            return self.send(200, "{}")
        try:
            body = json.loads(raw)
        except ValueError:
            return self.send(400, json.dumps({"error": {"message": "body is not JSON"}}))
        with LOCK:
            REQUESTS.append({"path": self.path, "headers": {k.lower(): v for k, v in
                                                           self.headers.items()},
                             "body": body})
        if self.path == "/v1/messages":
            self.answer(body, "anthropic", self.headers.get("x-api-key"))
        elif self.path == "/v1/chat/completions":
            auth = self.headers.get("Authorization") or ""
            self.answer(body, "openai", auth[7:] if auth.startswith("Bearer ") else None)
        else:
            self.send(404, json.dumps({"error": {"message": "no such endpoint"}}))

    def answer(self, body, kind, key):
        msgs = body.get("messages") or []
        system = body.get("system") or ""
        if kind == "openai" and msgs and msgs[0].get("role") == "system":
            system = msgs[0].get("content") or ""
        user = next((m.get("content") or "" for m in reversed(msgs)
                     if m.get("role") == "user"), "")
        q = question_of(user)
        if key == "bad-key":
            return self.send(401, json.dumps({"type": "error", "error": {
                "type": "authentication_error", "message": "invalid x-api-key"}}))
        if "[slow]" in q:
            time.sleep(10)
        sleep = re.search(r"\[sleep(\d+)\]", q)
        if sleep:
            time.sleep(min(60, max(1, int(sleep.group(1)))))
        if "[500]" in q:
            return self.send(500, json.dumps({"error": {"message": "internal error"}}))
        if "[429]" in q:
            with LOCK:
                n = COUNTS[q] = COUNTS.get(q, 0) + 1
            if n <= 2:
                return self.send(429, json.dumps({"error": {"message": "slow down"}}),
                                 headers=[("Retry-After", "1")])
        if "[429date]" in q:
            with LOCK:
                n = COUNTS[q] = COUNTS.get(q, 0) + 1
            if n == 1:
                when = formatdate(time.time() + 2, usegmt=True)
                return self.send(429, json.dumps({"error": {"message": "slow down"}}),
                                 headers=[("Retry-After", when)])
        if "[badjson]" in q:
            return self.send(200, "<html>upstream proxy error</html>", "text/html")
        if '"insight"' in system:
            text = insight_answer(user, q)
        else:
            text = sql_answer(user, q)
            if re.match(r"(?i)\s*(SELECT|DELETE|DROP|WITH)\b", text):
                text = ("Here is the query.\n<sql>%s</sql>" % text if kind == "anthropic"
                        else "Here is the query:\n```sql\n%s\n```" % text)
        n_in, n_out = len(system + user) // 4, len(text) // 4
        if kind == "anthropic":
            reply = {"id": "msg_fake", "type": "message", "role": "assistant",
                     "model": body.get("model"), "stop_reason": "end_turn",
                     "content": [{"type": "text", "text": text}],
                     "usage": {"input_tokens": n_in, "output_tokens": n_out}}
        else:
            reply = {"id": "chatcmpl-fake", "object": "chat.completion",
                     "model": body.get("model"),
                     "choices": [{"index": 0, "finish_reason": "stop",
                                  "message": {"role": "assistant", "content": text}}],
                     "usage": {"prompt_tokens": n_in, "completion_tokens": n_out,
                               "total_tokens": n_in + n_out}}
        self.send(200, json.dumps(reply))


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    srv = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    srv.daemon_threads = True
    print("ready", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
