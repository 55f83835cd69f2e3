"""Stored secrets and their targets, in the attack suite: an analyst who
points a connection (or the org's Uploads connection) at their own server —
by editing the host, port, database, user or SSL mode, by a URL, or with a
row that already points elsewhere — and presses Test or Refresh gets no
saved password there. The attacks and the fake PostgreSQL listener that
records what it is sent live in tests/integration/test_connection_passwords.py
(issue 13: the reader's and the uploads role's passwords were captured so)."""
import common  # noqa: F401  (puts tests/integration on sys.path)
from test_connection_passwords import TestStoredPasswords  # noqa: F401

if __name__ == "__main__":
    import unittest
    unittest.main()
