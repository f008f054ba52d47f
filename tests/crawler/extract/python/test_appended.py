"""Text a server adds to its tools' descriptions when it starts (a notice of its mode, appended to tools it looks up
by name: a pattern of several real database servers)."""

from tests.crawler.extract.support import by_name
from tests.paths import PYTHON_FIXTURES as FIXTURES


def test_text_the_server_adds_to_descriptions_when_it_starts() -> None:
    tools = by_name(FIXTURES / "py-run-time-notice")
    notice = "\n\nThis server runs in DRY-RUN mode: writes are reported, never made."
    assert tools["record_level"].description == "Record a tide level reading" + notice
    assert tools["clear_station"].description == "Clear a station's readings" + notice
    assert tools["read_level"].description == "Read the latest tide level (safe mode)"
