"""fake_pg.py — a listener on a free loopback port that speaks just enough of
PostgreSQL's wire protocol to be sent a password: it refuses SSL and GSS
encryption, reads the startup message, asks for a cleartext password
(AuthenticationCleartextPassword), records the PasswordMessage and fails the
login. What a thief pointing a connection at their own server would see.
Not a stand-in for PostgreSQL in any other test: it only records."""
import socket
import struct
import threading

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104


class FakePostgres:
    def __init__(self, host="127.0.0.1", port=0):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.lock = threading.Lock()
        self.connections = 0      # TCP connections accepted
        self.startups = []        # {param: value} of each startup message
        self.passwords = []       # every password sent to us
        self.raw = b""            # everything received
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def reset(self):
        with self.lock:
            self.connections = 0
            self.startups, self.passwords, self.raw = [], [], b""

    def received(self):
        with self.lock:
            return {"connections": self.connections, "startups": list(self.startups),
                    "passwords": list(self.passwords), "raw": self.raw}

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _read(self, conn, n):
        out = b""
        while len(out) < n:
            chunk = conn.recv(n - len(out))
            if not chunk:
                raise EOFError
            out += chunk
        with self.lock:
            self.raw += out
        return out

    def _one(self, conn):
        conn.settimeout(30)
        try:
            while True:  # SSLRequest / GSSENCRequest, then the startup message
                n = struct.unpack("!I", self._read(conn, 4))[0]
                body = self._read(conn, n - 4)
                code = struct.unpack("!I", body[:4])[0]
                if code in (SSL_REQUEST, GSSENC_REQUEST):
                    conn.sendall(b"N")
                    continue
                parts = body[4:].split(b"\0")
                params = dict(zip(parts[0::2], parts[1::2]))
                with self.lock:
                    self.startups.append({k.decode(): v.decode() for k, v in params.items() if k})
                break
            conn.sendall(b"R" + struct.pack("!II", 8, 3))  # cleartext password, please
            kind = self._read(conn, 1)
            n = struct.unpack("!I", self._read(conn, 4))[0]
            body = self._read(conn, n - 4)
            if kind == b"p":
                with self.lock:
                    self.passwords.append(body.rstrip(b"\0").decode("utf-8", "replace"))
            msg = b"SFATAL\0C28P01\0Mfake server: password recorded\0\0"
            conn.sendall(b"E" + struct.pack("!I", len(msg) + 4) + msg)
        except (EOFError, OSError, struct.error):
            pass
        finally:
            conn.close()
