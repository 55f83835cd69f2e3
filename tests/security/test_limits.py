"""One query must not take a web worker down: SELECT repeat('x', 1000000000)
killed it (SIGSEGV, 502) before results were capped in bytes while read.
The attack and its checks (a clear page, the same workers afterwards,
bounded memory) live in tests/integration/test_result_limits.py."""
import common  # noqa: F401  (puts tests/integration on sys.path)
from test_result_limits import TestResultLimits  # noqa: F401

if __name__ == "__main__":
    import unittest
    unittest.main()
