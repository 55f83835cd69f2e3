"""sinks.py — local receivers for what alerts send: a webhook (HTTP) and an
SMTP server that keeps every message. Loopback only, started by the tests."""
import json
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Webhook:
    def __init__(self, port):
        self.received = []
        self.fail_first = 0
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if sink.fail_first > 0:
                    sink.fail_first -= 1
                    self.send_response(500)
                    self.end_headers()
                    return
                sink.received.append(json.loads(body))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


class Smtp:
    """Just enough SMTP to accept mail from libcurl."""

    def __init__(self, port):
        self.messages = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 sink ready\r\n")
                data = None
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    if data is not None:
                        if line in (b".\r\n", b".\n"):
                            sink.messages.append(b"".join(data).decode("utf-8", "replace"))
                            data = None
                            self.wfile.write(b"250 queued\r\n")
                        else:
                            data.append(line)
                        continue
                    cmd = line.strip().upper()
                    if cmd.startswith(b"EHLO") or cmd.startswith(b"HELO"):
                        self.wfile.write(b"250 sink\r\n")
                    elif cmd == b"DATA":
                        data = []
                        self.wfile.write(b"354 go ahead\r\n")
                    elif cmd == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
