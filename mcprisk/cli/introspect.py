"""`mcprisk introspect`: run one server in the sandbox and show what it answers to tools/list."""

from typing import Annotated, Any

import typer

from catalog.core.errors import InputError
from mcprisk.cli.application import command
from mcprisk.cli.options import DbOption, JsonOption, settings
from mcprisk.cli.output import print_json, print_table


@command("introspect")
def introspect_command(
    spec: Annotated[str, typer.Argument(
        help="npm:NAME@VERSION, pypi:NAME==VERSION, a local folder or archive, or a remote server's http(s) URL.")],
    no_sandbox: Annotated[
        bool, typer.Option("--no-sandbox", help="Run the server WITHOUT bubblewrap (only for code you trust).")
    ] = False,
    save: Annotated[bool, typer.Option(
        "--save", help="Keep the answer in the catalogue for the catalogued package of that exact version; when it "
        "answered, it becomes the server's tool list. A failure never replaces an earlier answer.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Install a server (once, into the introspection cache), start it in a bubblewrap sandbox without network
    or credentials, and list the tools it answers.

    A remote server's URL is asked over streamable HTTP (over SSE when it ends in /sse), without credentials.

    With --save, asking a version again (one that failed before, say) stores the new answer.

    Exit status: 0 the server answered, 1 it did not (the reason is shown), 2 bad input or no sandbox here.

    Example: mcprisk introspect npm:@modelcontextprotocol/server-everything@2025.11.25 --json
    """
    from crawler.introspect import introspect, parse_target

    config = settings(db)
    if spec.startswith(("http://", "https://")):
        from crawler.introspect.remote import introspect_remote

        if save:
            raise InputError("--save keeps answers of catalogued npm and PyPI package versions, not of remote URLs")
        result = introspect_remote(spec, "sse" if spec.rstrip("/").endswith("/sse") else "streamable-http")
    else:
        target = parse_target(spec)
        if save and target.registry not in ("npm", "pypi"):
            raise InputError("--save keeps answers of catalogued npm and PyPI package versions, not of local folders")
        result = introspect(target, config, use_sandbox=not no_sandbox)
        if save:
            _save(config.database_url, target.registry, target.name, target.version, result.to_json())
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


def _save(database_url: str, registry: str, name: str, version: str, answer: dict[str, Any]) -> None:
    from catalog import introspections
    from catalog.database import open_engine

    written = introspections.save(open_engine(database_url), registry, name, version, answer)
    if written:
        typer.echo(f"saved in the catalogue for {written} package{'s' if written != 1 else ''}"
                   + ("; its server's tool list is now this answer" if answer["status"] == "answered" else ""),
                   err=True)
    elif answer["status"] != "answered":
        typer.echo("not saved: the catalogue keeps the answer it had for this version", err=True)
    else:
        typer.echo(f"not saved: no catalogued package is {registry} {name} {version}", err=True)
