"""A server that declares nothing and stops because a variable is not set is started again with dummy values for the
variables it named, when they are shaped like a credential or an address."""

from crawler.introspect import introspect, outcome, parse_target
from crawler.introspect.named import named_variables

PYDANTIC = """2 validation errors for Settings
lamps_url
  Field required [type=missing, input_value={}, input_type=dict]
LAMPS_TOKEN
  Field required [type=missing, input_value={}, input_type=dict]
"""


def test_the_variables_a_server_names_when_it_stops() -> None:
    said = "Error: LAMPS_API_KEY is not set (and LOG_LEVEL, MCP_TRANSPORT are optional). LAMPS_API_KEY is required."
    assert named_variables(said, set()) == ["LAMPS_API_KEY"]  # a mode or a level is left alone
    assert named_variables(said, {"LAMPS_API_KEY"}) == []
    assert named_variables(PYDANTIC, set()) == ["LAMPS_URL", "LAMPS_TOKEN"]


def test_a_server_checking_only_that_its_variables_are_set_answers(sandbox_ready, sample, settings) -> None:
    result = introspect(parse_target(str(sample("named_variables"))), settings)
    assert result.status == outcome.ANSWERED, (result.detail, result.stderr_tail)
    assert [t["name"] for t in result.tools] == ["forecast"]
    assert "LAMPS_API_KEY, LAMPS_BASE_URL" in result.detail
