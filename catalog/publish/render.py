"""The Jinja environment: autoescaping everywhere, undefined names fail loudly, and hostile text made visible.

Scraped text is hostile: it is only ever inserted as escaped text, and invisible characters that could
make it read differently (bidi controls, zero-width and tag characters) are shown as visible markers.
"""

from pathlib import Path
from typing import Any

from catalog.core import jsontext as strict_json
from catalog.core.errors import ConfigError
from catalog.core.visible import visible

__all__ = ["environment", "pretty", "short", "templates_dir", "visible"]


def templates_dir() -> Path:
    """``site/templates`` in a checkout, or the copy a wheel installs as ``catalog/_site``."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_site", here.parent / "site"):
        if (candidate / "templates").is_dir():
            return candidate
    raise ConfigError("the site templates are missing from this installation")


def pretty(value: Any) -> str:
    """JSON for reading, every non-ASCII character escaped: nothing in it can hide or reorder text."""
    return strict_json.dumps(value, indent=2, sort_keys=True, ensure_ascii=True, default=str)


def short(text: Any, width: int = 160) -> str:
    text = " ".join(visible(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    class Site(Environment):  # type: ignore[misc]
        def getattr(self, obj: Any, attribute: str) -> Any:
            """``tool.name`` on a dict looks the key up first: the pages read plain dicts (database rows)
            thousands of times each, and the default tries the attribute and catches its failure every time."""
            if type(obj) is dict and attribute in obj:
                return obj[attribute]
            return super().getattr(obj, attribute)

    env = Site(
        loader=FileSystemLoader(templates_dir() / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build renders thousands of pages from templates that do not change meanwhile
    )
    env.filters.update(visible=visible, pretty=pretty, short=short)
    return env
