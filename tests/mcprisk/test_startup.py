"""The queries people run most start fast: `mcprisk risk` must not import the ORM, the crawler or the classifier.

The start-up figure itself lives in benchmarks/query_latency.py (no timed tests); this test guards its cause. A
lookup once reached SQLModel through the introspection module (catalog.queries -> catalog.introspections), and
`mcprisk risk` went from under 100 ms to 414 ms without any test noticing.
"""

import subprocess
import sys

HEAVY = ("sqlmodel", "sqlalchemy.orm", "scrapy", "crawler", "classifier", "sklearn", "jinja2")

PROBE = """
import atexit, sys
atexit.register(lambda: print("LOADED", *sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr))
from mcprisk.cli import main
sys.argv = ["mcprisk", *{args!r}]
main()
"""


def loaded(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY, args=list(args))], capture_output=True, text=True
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("LOADED"))
    return line.split()[1:]


def test_risk_lookup_imports_nothing_heavy(krea_catalogue: str) -> None:
    assert loaded("risk", "keugenek-krea-mcp/get_job", "--db", krea_catalogue, "--json") == []


def test_search_and_server_import_nothing_heavy(krea_catalogue: str) -> None:
    assert loaded("search", "job", "--db", krea_catalogue, "--json") == []
    assert loaded("server", "krea", "--db", krea_catalogue, "--json") == []


def test_help_imports_nothing_heavy() -> None:
    assert loaded("--help") == []
