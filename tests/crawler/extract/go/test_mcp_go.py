"""mark3labs/mcp-go: mcp.NewTool(...) and its options; and the whole Go fixture as `mcprisk scan` sees it."""

from tests.crawler.extract.support import by_name, scan_names
from tests.paths import GO_FIXTURES as FIXTURES

GO = FIXTURES / "go-server"


def test_mcp_go_new_tool_options_constants_and_translation_defaults() -> None:
    tools = by_name(GO)
    listing = tools["list_issues"]  # the name is a constant of a local package the file imports
    assert listing.description == "List issues in a repository."  # t("KEY", "default"): the default text
    assert listing.annotations == {"title": "List issues", "readOnlyHint": True}
    assert listing.input_schema == {
        "type": "object",
        "properties": {
            "repo": {"type": "string", "description": "Repository as owner/name"},
            "state": {
                "type": "string",
                "description": "Filter by state",
                "enum": ["open", "closed", "all"],
                "default": "open",
            },
            "per_page": {
                "type": "number",
                "description": "Results per page",
                "minimum": 1,
                "maximum": 100,
                "default": 30,
            },
            "labels": {"type": "array", "description": "Only issues with these labels", "items": {"type": "string"}},
        },
        "required": ["repo"],
    }
    assert (listing.file, listing.line, listing.origin, listing.confidence) == ("main.go", 17, "source", 0.9)
    close = tools["issue_close"]  # prefix + "close" across a const block
    assert close.description == "Close an issue. It can be reopened later."
    assert close.annotations == {"title": "Close issue", "destructiveHint": False, "idempotentHint": True}
    assert close.input_schema["properties"]["comment"] == {"type": "boolean", "default": False}
    assert close.input_schema["required"] == ["number"]
    delete = tools["delete_issue"]
    assert delete.description == "Delete an issue for good.\nCannot be undone."
    assert delete.annotations == {"destructiveHint": True, "openWorldHint": False}


def test_mcp_go_unreadable_description_is_left_out() -> None:
    archive = by_name(GO)["archive_issue"]  # fmt.Sprintf of a function's result: not text we can know
    assert archive.description is None and archive.confidence == 0.5
    assert archive.input_schema == {
        "type": "object",
        "properties": {"number": {"type": "number"}},
        "required": ["number"],
    }


def test_mcp_go_records_declared_hints_only() -> None:
    ping = by_name(GO)["ping"]  # NewTool fills every hint at run time: none of them was declared
    assert ping.annotations is None and ping.description is None
    assert ping.input_schema == {"type": "object", "properties": {}}
    assert ping.effective_annotations()["destructiveHint"] is True  # the spec's default, not a declaration


def test_mcp_go_typed_and_raw_input_schemas() -> None:
    tools = by_name(GO)
    assert tools["label_issue"].input_schema == {  # WithInputSchema[T](): invopop's tags, not the go-sdk's
        "type": "object",
        "properties": {
            "issue": {"type": "integer", "description": "Issue number"},
            "labels": {"type": "array", "items": {"type": "string"}, "description": "Labels to add"},
            "mode": {"type": "string", "enum": ["add", "replace"]},
        },
        "required": ["issue", "mode"],
    }
    raw = tools["raw_search"]
    assert raw.input_schema == {"type": "object", "properties": {"q": {"type": "string"}}} and raw.confidence == 0.9


def test_go_exact_tool_set_and_scan() -> None:
    expected = {"list_issues", "issue_close", "delete_issue", "ping", "search", "purge_collection", "raw_echo"}
    expected |= {"get_record", "list_records", "label_issue", "raw_search", "archive_issue"}
    assert set(by_name(GO)) == expected
    assert scan_names(GO) == expected
