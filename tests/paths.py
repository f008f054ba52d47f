"""Where the suite's data lives: inside the checkout, so the tests pass from a clone in any folder."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
SHARED_DATA = DATA / "shared"  # real data the team provides to test against: registry records, the awesome list
EXTRACT_FIXTURES = TESTS / "crawler" / "extract" / "fixtures"
JS_FIXTURES = TESTS / "crawler" / "extract" / "javascript" / "fixtures"
PYTHON_FIXTURES = TESTS / "crawler" / "extract" / "python" / "fixtures"  # each language's fixtures beside its tests
GO_FIXTURES = TESTS / "crawler" / "extract" / "go" / "fixtures"
