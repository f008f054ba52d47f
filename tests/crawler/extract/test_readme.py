"""A README's tool table or list: the low-confidence last resort, only when nothing else declares tools."""

import shutil
from pathlib import Path

from tests.crawler.extract.support import FIXTURES, by_name, scan_names
from tests.paths import GO_FIXTURES

README_ONLY = FIXTURES / "readme-only"
EXPECTED = {
    "list_buckets": "List every bucket in the account",
    "delete_bucket": "Delete a bucket and all its objects",
    "start_instance": "Start a stopped instance",
    "stop_instance": "Stop a running instance",
    "reboot_instance": None,
    "resize_instance": "Change an instance's size",  # the first sub-item, not "Input: ..."
    "get_logs": "Fetch the last lines of an instance's log.",
}


def test_readme_tables_lists_and_headings_under_a_tools_heading() -> None:
    tools = by_name(README_ONLY)
    # Not the configuration table, not prose, not `npm test` under "Development".
    assert {name: tool.description for name, tool in tools.items()} == EXPECTED
    for tool in tools.values():
        assert (tool.origin, tool.file, tool.confidence) == ("readme", "README.md", 0.3)
        assert tool.input_schema is None and tool.annotations is None
    assert tools["list_buckets"].line == 17 and tools["get_logs"].line == 31


def test_readme_is_ignored_when_code_declares_tools(tmp_path: Path) -> None:
    shutil.copytree(GO_FIXTURES / "go-server", tmp_path / "server")
    shutil.copy(README_ONLY / "README.md", tmp_path / "server" / "README.md")
    tools = by_name(tmp_path / "server")
    assert "list_buckets" not in tools and {t.origin for t in tools.values()} == {"source"}


def test_readme_scan() -> None:
    assert scan_names(README_ONLY) == set(EXPECTED)


def test_sub_sections_about_the_tools_settings_or_another_topic_are_not_tools(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "# notes-mcp\n\n## 🛠️ Tools, resources and prompts\n\n"
        "| Tool | Description |\n| --- | --- |\n| `search_notes` | Search the notes |\n\n"
        "### Optional Tools (enable via the `tools` parameter)\n\n- `deep_search` - Search attachments too\n\n"
        "### Settings tools\n\n- `get_settings` - Read the settings\n\n"
        "### Tool annotations\n\n- **`readOnlyHint`**: true for tools that only read\n\n"
        "### Tools configuration\n\n- `enable-sharing` - also load the sharing tools\n\n"
        "### Backward compatibility\n\n- `legacyMode` - the old names\n\n"
        "### Usage examples\n\n- `weekly-review` - a prompt that reviews the week\n\n"
        "### Archive tools\n\n- `archive_note` - Move a note to the archive\n"
    )
    tools = by_name(tmp_path)
    assert set(tools) == {"search_notes", "deep_search", "get_settings", "archive_note"}


def test_a_setup_step_naming_the_readers_own_tool_is_no_tools_section(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "# lantern\n\n## Step 1: Add the server to your AI tool\n\n"
        "- **Linux**: `~/.config/client/settings.json`\n- **Windows**: `%APPDATA%\\\\client\\\\settings.json`\n\n"
        "## Works with your favourite coding tools\n\n- **Editor**: any client speaking stdio\n\n"
        "## Tools\n\n- `light_lamp` - Light the lamp\n"
    )
    assert {name: tool.description for name, tool in by_name(tmp_path).items()} == {"light_lamp": "Light the lamp"}


def test_numbered_tool_headings_and_their_parameter_lists(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "# mill\n\n## Available tools\n\n### 1. `grind_grain`\n\nGrind grain into flour.\n\n**Parameters:**\n\n"
        "- `grainType` (required): the grain\n- `fineness` (optional): how fine\n\n"
        "#### Example\n\n- `coarse`: a coarse grind\n\n"
        "### 2) `sift_flour`\n\nSift the flour.\n\n| Name | Description |\n|---|---|\n| `mesh` | mesh size |\n\n"
        "## Resources\n\n- `mill://stones` - the stones\n"
    )
    assert {name: tool.description for name, tool in by_name(tmp_path).items()} == {
        "grind_grain": "Grind grain into flour.", "sift_flour": "Sift the flour."}
