"""`mcprisk introspect`: run one server in the sandbox and show what it answers to tools/list."""

from typing import Annotated

import typer

from mcprisk.cli.application import command
from mcprisk.cli.options import JsonOption
from mcprisk.cli.output import print_json, print_table


@command("introspect")
def introspect_command(
    spec: Annotated[str, typer.Argument(
        help="npm:NAME@VERSION, pypi:NAME==VERSION, a local folder or archive, or a remote server's http(s) URL.")],
    no_sandbox: Annotated[
        bool, typer.Option("--no-sandbox", help="Run the server WITHOUT bubblewrap (only for code you trust).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Install a server (once, into the introspection cache), start it in a bubblewrap sandbox without network
    or credentials, and list the tools it answers.

    A remote server's URL is asked over streamable HTTP (over SSE when it ends in /sse), without credentials.

    Exit status: 0 the server answered, 1 it did not (the reason is shown), 2 bad input or no sandbox here.

    Example: mcprisk introspect npm:@modelcontextprotocol/server-everything@2025.11.25 --json
    """
    from catalog.core.settings import Settings
    from crawler.introspect import introspect, parse_target

    if spec.startswith(("http://", "https://")):
        from crawler.introspect.remote import introspect_remote

        result = introspect_remote(spec, "sse" if spec.rstrip("/").endswith("/sse") else "streamable-http")
    else:
        result = introspect(parse_target(spec), Settings.from_env(), use_sandbox=not no_sandbox)
    if as_json:
        print_json(result.to_json())
    elif result.answered:
        print_table(["tool", "description"],
                    [(t.get("name", ""), str(t.get("description") or "").split("\n")[0][:100]) for t in result.tools])
        typer.echo(f"{len(result.tools)} tools from {result.server_name} {result.server_version or ''} "
                   f"(protocol {result.protocol_version}) in {result.seconds:.1f} s", err=True)
    if not result.answered:
        if not as_json:
            typer.echo(f"error: {result.target} did not answer: {result.status}: {result.detail}", err=True)
        raise typer.Exit(1)
