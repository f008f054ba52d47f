"""Tool names and texts held by TypeScript enums, as written and as tsc and esbuild compile them, and tool
definitions a server filters out of its own list, and descriptions written with the `dedent` package (each on a
fixture written for it)."""

from pathlib import Path

from crawler.extract import extract
from tests.paths import EXTRACT_FIXTURES

FIXTURES = EXTRACT_FIXTURES


def by_name(folder: str) -> dict:
    return by_name_in(FIXTURES / folder)


def by_name_in(path: Path) -> dict:
    return {t.name: t for t in extract(path).tools}


def test_compiled_enums_name_tools_through_a_named_import() -> None:
    tools = by_name("js-enum-names")
    assert set(tools) == {"search_recipes", "get_recipe", "scale_recipe"}
    assert all(t.confidence == 0.9 for t in tools.values())
    # esbuild's enum function, read member by member; tsc's numeric members count from 0
    assert tools["scale_recipe"].description == "Scale a recipe; quantities in g or cup"
    assert tools["search_recipes"].input_schema == {
        "type": "object",
        "properties": {
            "ingredient": {"type": "string", "description": "An ingredient"},
            "level": {"type": "number", "maximum": 1},
        },
        "required": ["ingredient"],
    }


def test_enum_declarations_in_typescript_source() -> None:
    tools = by_name("ts-enum-names")
    assert set(tools) == {"list_boards", "move_piece"}
    assert tools["move_piece"].description == "Move a piece"
    # a member without a value is one more than the member before it: High = 3
    assert tools["move_piece"].input_schema["properties"]["priority"] == {"type": "number", "default": 3}


def test_definitions_the_server_filters_out_of_its_list_are_not_tools() -> None:
    tools = by_name("js-filtered-tools")
    # `.filter((tool) => !tool.scriptOnly && !(tool.retired))` drops `record_harvest` (scriptOnly: true); the filter
    # on a capability the user may switch on keeps `water_bed`; `scriptOnly: false` keeps `reset_garden`
    assert set(tools) == {"plant_seed", "water_bed", "reset_garden"}
    assert tools["water_bed"].description == "Water one bed"


def test_descriptions_written_with_the_dedent_package() -> None:
    tools = by_name("js-dedent-descriptions")
    # the texts the `dedent` package itself gives for these templates (checked with node): indentation stripped to the
    # least indented line, ends trimmed, escaped backticks and `\n` undone, values put in first
    assert tools["find_book"].description == (
        "Find a book in the catalogue by title or author.\n\nUSAGE:\n"
        '  - Partial titles work: `dune` finds "Dune Messiah" too.\n  - At most 25 results.\nSorted by year.'
    )
    assert tools["renew_loan"].description == (  # tsc's CommonJS: (0, dedent_1.default)`...`
        "Renew a loan for another three weeks.\n  Fails when someone reserved the book."
    )
    # a tag of the project's own, whatever its name does, is not the package: its text is not guessed
    assert (tools["shelve_book"].description, tools["shelve_book"].confidence) == (None, 0.5)


def test_a_filter_chaining_thousands_of_terms_is_read(tmp_path: Path) -> None:
    terms = " && ".join(f"!t.flag{i}" for i in range(5000))  # deeper than Python's recursion limit
    (tmp_path / "tools.js").write_text(
        f"export const listed = all.filter((t) => {terms});\n"
        "export const all = [\n"
        "  { name: 'kept', description: 'Kept', inputSchema: { type: 'object' } },\n"
        "  { name: 'dropped', description: 'Dropped', flag4999: true, inputSchema: { type: 'object' } },\n"
        "];\n"
    )
    assert set(by_name_in(tmp_path)) == {"kept"}
