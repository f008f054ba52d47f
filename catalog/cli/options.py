"""Options shared by many commands, declared once so their names, variables and help never differ."""

from typing import Annotated

import typer

from catalog.settings import Settings, env_var

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar=env_var("database_url"),
        help="Catalogue: a database URL or a SQLite file path [default: sqlite:///mcprisk.db].",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON, for scripts.")]


def settings(db: str | None = None) -> Settings:
    return Settings.from_env(database_url=db)
