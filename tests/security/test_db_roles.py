"""An organization's uploads role logs in to the uploads database and no
other: it used to reach the app database (and read its table names). The
checks live in tests/integration/test_uploads_role.py."""
import common  # noqa: F401  (puts tests/integration on sys.path)
from test_uploads_role import TestUploadsRole  # noqa: F401

if __name__ == "__main__":
    import unittest
    unittest.main()
