"""Options shared by many commands, declared once so their names, variables and help never differ."""

from pathlib import Path
from typing import Annotated

import typer

from catalog.core.errors import InputError
from catalog.core.settings import Settings, env_var

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


def writable_folder(path: Path) -> Path:
    """``path``, created if missing, before any work is done: a file in its way or a folder that cannot be made
    is one line and exit 2, not an internal error at the end of a night."""
    if path.exists() and not path.is_dir():
        raise InputError(f"{path} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder {path}: {exc.strerror}") from None
    return path
