"""Registration helpers (patterns/wrappers.py, values/params.py): a helper called from other files registers one
tool per call; a helper only called in its own file is read once per call."""

from tests.crawler.extract.javascript.support import FIXTURES, by_name, folder

PACKAGE = FIXTURES / "js-helper-modules"


def test_a_registration_helper_called_from_other_files_registers_one_tool_per_call() -> None:
    tools = by_name(PACKAGE)
    listed = tools["list-maps"]
    assert (listed.file, listed.line) == ("dist/tools/list-maps.js", 3)  # where the call is, not the helper
    assert (listed.title, listed.description, listed.annotations) == (
        "List maps",
        "List the maps in the atlas",
        {"readOnlyHint": True},
    )
    caller = {"type": "string", "description": "Who is asking (for usage statistics)"}
    assert listed.input_schema == {"type": "object", "properties": {"caller": caller}}  # the helper adds it
    assert tools["share-map"].description == "Share a map with someone by email"
    assert tools["share-map"].input_schema == {
        "type": "object",
        "properties": {
            "map": {"type": "string"},
            "email": {"type": "string", "description": "Their address"},
            "caller": caller,
        },
        "required": ["map", "email"],
    }
    assert all(t.confidence == 0.9 for t in tools.values())


def test_a_feature_folder_named_docs_is_code_and_the_projects_docs_and_tests_are_not() -> None:
    # dist/tools/docs/ holds a documentation-search tool; the project's own docs/ an example for users; and
    # distance-tool.test.js a tool the test builds
    assert set(by_name(PACKAGE)) == {"list-maps", "share-map", "search-guides", "DistanceTool"}


def test_helpers_that_register_a_tool_are_read_once_per_call() -> None:
    tools = folder("js-helper-registrations")
    # the plugin helper is passed around, so its calls are not all known: nothing is guessed from it
    assert set(tools) == {"page_fetch", "page_crawl", "web_search", "news_search", "audit_log", "purge_log"}
    fetch, crawl = tools["page_fetch"], tools["page_crawl"]
    assert (fetch.description, crawl.description) == (
        "Fetch a page as markdown.",
        "Fetch a page as markdown (kept for older clients).",
    )
    assert (
        fetch.input_schema
        == crawl.input_schema
        == {
            "type": "object",
            "properties": {"url": {"type": "string", "description": "Page address."}},
            "required": ["url"],
        }
    )
    assert (fetch.annotations, fetch.line, fetch.confidence) == ({"readOnlyHint": True}, 6, 0.9)
    assert tools["web_search"].description == "Search the web index."  # the parameter's default
    assert tools["news_search"].description == "Search the news index."
    audit = tools["audit_log"]  # a helper building tool objects from its arguments, one per call
    assert (audit.description, audit.line) == ("Read the audit log.", 32)
    assert (audit.input_schema, audit.confidence) == ({"type": "object", "properties": {}}, 0.5)  # not guessed
    assert tools["purge_log"].description == "Purge the audit log."


def test_helper_registering_each_entry_of_the_table_it_is_given() -> None:
    # `registerTools(server, z, cat.defs)` in a loop over a list the function declares; tables imported by default,
    # joined with `Object.values(MODULES).flat()` and spread; a capability map noting field types is not a tool
    tools = folder("js-table-helpers")
    assert set(tools) == {
        "crm_list_customers",
        "crm_get_customer",
        "crm_list_orders",
        "crm_v2_listOvens",
        "crm_v2_getRecipe",
        "crm_v2_listRecipes",
    }
    customer = tools["crm_get_customer"]
    assert (customer.description, customer.file, customer.line) == ("Get one customer.", "crm/index.js", 12)
    assert (customer.input_schema, customer.confidence) == ({"type": "object", "properties": {}}, 0.5)  # built


def test_a_closure_a_registrar_factory_returns_registers_one_tool_per_call() -> None:
    # `const register = makeRegistrar(server)` at the top of the module, and a factory written as an arrow returning
    # an arrow, its closure bound inside a function
    tools = folder("js-registrar-factory")
    assert set(tools) == {"list_beds", "plant_seed", "water_bed"}
    assert tools["list_beds"].description == "List the garden's beds and what grows in each."
    assert (tools["plant_seed"].file, tools["plant_seed"].line) == ("dist/index.js", 12)
    assert tools["plant_seed"].input_schema["required"] == ["bed", "seed"]
    assert tools["water_bed"].description == "Water one bed now."
    assert tools["water_bed"].input_schema["properties"] == {"bed": {"type": "string"}}


def test_helpers_making_the_name_from_their_options_register_one_tool_per_entity() -> None:
    tools = folder("js-verb-helpers")
    assert set(tools) == {"depot_pallets_find", "depot_pallets_remove", "depot_crates_find"}
    assert tools["depot_crates_find"].description == "Find crates by label"
    assert tools["depot_pallets_remove"].description == "Remove one pallet"
    assert tools["depot_pallets_find"].file == "dist/pallets.js"
