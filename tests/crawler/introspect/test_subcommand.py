"""A server that is one command of a command-line tool is started with the command that serves MCP over stdio,
found in its help; a server that stops for a command line it was not given needs arguments (not credentials)."""

from crawler.introspect import introspect, outcome, parse_target
from crawler.introspect.reasons import classify
from crawler.introspect.subcommand import listed_commands, serving_command
from crawler.introspect.transport import Wire

CLICK = """Usage: lamps [OPTIONS] COMMAND [ARGS]...

Options:
  --help  Show this message and exit.

Commands:
  cache  Inspect or manage the local cache.
  serve  Start the MCP server (stdio transport).
"""
TYPER = """ Usage: lamps [OPTIONS] COMMAND [ARGS]...
╭─ Commands ──────────────────────────────────╮
│ sse       Run the server over SSE           │
│ stdio     Run the server over stdio         │
╰─────────────────────────────────────────────╯
"""
COMMANDER = """Usage: lamps [options] [command]

Commands:
  repl            Start interactive REPL
  mcp             Model Context Protocol server operations
  help [command]  display help for command
"""
MANY = """Commands:
  list-tools   List the tools.
  serve        Run the MCP server with every option.
  serve-http   Run the MCP server over Streamable HTTP.
  setup        Configure paths.
  start        Start the MCP server (stdio transport).
"""


def test_the_command_serving_stdio_is_chosen_from_a_help_listing() -> None:
    assert listed_commands(CLICK) == {"cache": "Inspect or manage the local cache.",
                                      "serve": "Start the MCP server (stdio transport)."}
    assert serving_command(CLICK) == "serve"
    assert serving_command(TYPER) == "stdio"
    assert serving_command(COMMANDER) == "mcp"  # a group: its own help names the next command
    assert serving_command(MANY) == "start"  # says stdio; never the HTTP one or a set-up
    assert serving_command("usage: lamps [-h] {init,run,status} ...") == "run"
    assert serving_command("Commands:\n  setup  Configure.\n  status  Show status.\n") is None


def test_a_server_stopping_for_its_command_line_needs_arguments() -> None:
    usage = ("usage: lamps [-h] --workdir WORKDIR [--token TOKEN]\n"
             "lamps: error: the following arguments are required: --workdir")
    assert classify(Wire(exit_code=2), False, usage)[0] == outcome.NEEDS_ARGUMENTS
    missing = "Usage: lamps [OPTIONS] COMMAND [ARGS]...\nTry 'lamps --help' for help.\n\nError: Missing command."
    assert classify(Wire(exit_code=2), False, missing)[0] == outcome.NEEDS_ARGUMENTS
    assert classify(Wire(exit_code=1), False, "Error: LAMPS_API_KEY is required")[0] == outcome.NEEDS_CREDENTIALS
    help_only = "Usage: lamps [OPTIONS] COMMAND [ARGS]...\n\nCommands:\n  setup  Configure the API key.\n"
    assert classify(Wire(exit_code=0), False, help_only)[0] == outcome.NEEDS_ARGUMENTS
    on_stdout = Wire(exit_code=0, garbage_lines=3, first_garbage="Usage: lamps [OPTIONS] COMMAND [ARGS]...")
    assert classify(on_stdout, False, "")[0] == outcome.NEEDS_ARGUMENTS


def test_a_server_behind_a_command_answers_with_it(sandbox_ready, sample, settings) -> None:
    result = introspect(parse_target(str(sample("cli_commands"))), settings)
    assert result.status == outcome.ANSWERED, (result.detail, result.stderr_tail)
    assert [t["name"] for t in result.tools] == ["lamp"]
    assert result.started_with[-1] == "stdio"
