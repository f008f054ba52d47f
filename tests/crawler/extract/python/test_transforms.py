"""Tools a server library makes at run time (fastmcp 3's ``PromptsAsTools``, ``ResourcesAsTools``: a pattern met in
several real servers) are read from the library where it is installed beside the package, never written here."""

from crawler.extract import extract
from tests.crawler.extract.support import by_name
from tests.paths import PYTHON_FIXTURES as FIXTURES

FIXTURE = FIXTURES / "py-library-transforms"


def test_a_transforms_tools_are_read_from_the_installed_library() -> None:
    """A transform adding tools is read; a search transform, which replaces the listing, is not."""
    tools = by_name(FIXTURE / "server", libraries=FIXTURE / "site-packages")
    assert set(tools) == {"water_bed", "list_notes", "read_note"}
    read = tools["read_note"]
    assert (read.description, read.file) == ("Read one note by its title.", "greenhouse_mcp/server.py")
    assert read.input_schema == {
        "type": "object",
        "properties": {"title": {"type": "string", "title": "Title"},
                       "page": {"type": "integer", "default": 1, "title": "Page"}},
        "required": ["title"],
    }
    assert tools["list_notes"].description == "List the notes the server keeps, with their titles."


def test_without_the_installed_library_only_the_packages_own_tools() -> None:
    assert {t.name for t in extract(FIXTURE / "server").tools} == {"water_bed"}

