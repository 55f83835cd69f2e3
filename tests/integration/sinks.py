"""sinks.py — local receivers for what alerts send: a webhook (HTTP) and an
SMTP server that keeps every message. Loopback only, started by the tests."""
import json
import socket
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Webhook:
    """Keeps every JSON body POSTed to it. host "::1" listens on IPv6;
    redirects maps a path to the Location a 302 answer sends there."""

    def __init__(self, port, host="127.0.0.1", redirects=None):
        self.received = []
        self.paths = []
        self.fail_first = 0
        self.redirects = dict(redirects or {})
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                sink.paths.append(self.path)
                if self.path in sink.redirects:
                    self.send_response(302)
                    self.send_header("Location", sink.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
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

        class Server(ThreadingHTTPServer):
            address_family = socket.AF_INET6 if ":" in host else socket.AF_INET

        self.server = Server((host, port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


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
        self.server.server_close()  # the port refuses connections (and can be listened on again)
