"""Low-level handler classes naming their tool through self (a pattern met in real published servers)."""

from crawler.extract import extract
from tests.paths import PYTHON_FIXTURES as FIXTURES


def by_name(folder: str) -> dict:
    return {t.name: t for t in extract(FIXTURES / folder).tools}


def test_low_level_handler_classes_naming_their_tool_through_self() -> None:
    tools = by_name("py-handler-classes")
    # a plugin's name is given at run time: that handler is left out, not guessed
    assert set(tools) == {"vault_search", "vault_delete", "vault_export", "vault_archive", "vault_restore"}
    search = tools["vault_search"]
    assert (search.description, search.file, search.line, search.confidence) == (
        "Search the vault for a phrase.",
        "vault_server/handlers.py",
        21,
        0.9,
    )
    assert search.input_schema == {
        "type": "object",
        "properties": {"phrase": {"type": "string"}},
        "required": ["phrase"],
    }
    assert tools["vault_delete"].description == "Delete a note."  # super().__init__ with keywords
    assert tools["vault_export"].description == "Export the vault."  # a class attribute
    # the base class in a sibling module, imported under another name or through its module
    assert (tools["vault_archive"].description, tools["vault_archive"].file) == (
        "Archive old notes.",
        "vault_server/tools/archive.py",
    )
    assert tools["vault_restore"].description == "Restore archived notes."
