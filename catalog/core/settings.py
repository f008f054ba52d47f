"""Settings: the single source of truth for every knob and the environment variable behind it.

CLI options name their environment variable through :func:`env_var`, so an option, its variable
and the README's configuration table can never drift apart (a test checks the README).
Standard library only: this module is on the start-up path of every command.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from catalog.core.errors import ConfigError


def _setting(default: Any, env: str, help: str) -> Any:
    return field(default=default, metadata={"env": env, "help": help})


@dataclass(frozen=True)
class Settings:
    database_url: str = _setting(
        "sqlite:///mcprisk.db",
        "MCPRISK_DATABASE_URL",
        "Catalogue database URL (SQLite file by default; postgresql+psycopg://… for PostgreSQL).",
    )
    registry_url: str = _setting(
        "https://registry.modelcontextprotocol.io", "MCPRISK_REGISTRY_URL", "Official MCP Registry base URL."
    )
    npm_registry_url: str | None = _setting(
        None, "MCPRISK_NPM_REGISTRY_URL", "npm registry base URL (default: your npm configuration)."
    )
    pypi_url: str | None = _setting(
        None, "MCPRISK_PYPI_URL", "PyPI base URL (default: derived from your pip index configuration)."
    )
    github_api_url: str = _setting("https://api.github.com", "MCPRISK_GITHUB_API_URL", "GitHub REST API base URL.")
    github_token: str | None = _setting(None, "GITHUB_TOKEN", "GitHub token: 5,000 requests an hour instead of 60.")
    artifact_max_bytes: int = _setting(
        100 * 2**20,
        "MCPRISK_ARTIFACT_MAX_BYTES",
        "Largest package or repository archive a crawl downloads; a larger one is skipped (crawl).",
    )
    crawl_max_pages: int = _setting(
        1000, "MCPRISK_CRAWL_MAX_PAGES", "Most pages one crawl reads of a paginated source (the registry), then stops."
    )
    crawl_stale_pages: int = _setting(
        3,
        "MCPRISK_CRAWL_STALE_PAGES",
        "Pages in a row that bring no server not already seen before a paginated crawl stops (an endless cursor).",
    )
    retry_after_max: float = _setting(
        300.0,
        "MCPRISK_RETRY_AFTER_MAX",
        "Longest Retry-After (seconds) a crawl waits out; a host asking more fails its source for the night.",
    )
    redirect_hosts: str = _setting(
        "codeload.github.com",
        "MCPRISK_REDIRECT_HOSTS",
        "Other hosts (comma-separated; * for any) a crawl's redirects may lead to, beyond the configured ones.",
    )
    awesome_url: str = _setting(
        "https://raw.githubusercontent.com/punkpeye/awesome-mcp-servers/main/README.md",
        "MCPRISK_AWESOME_URL",
        "Awesome list README (http(s) or file://) in which the awesome source discovers GitHub repositories.",
    )
    llm_base_url: str | None = _setting(
        None, "MCPRISK_LLM_BASE_URL", "OpenAI-compatible endpoint for --classifier llm (default: OpenAI's)."
    )
    llm_model: str = _setting("gpt-4o-mini", "MCPRISK_LLM_MODEL", "Model for --classifier llm.")
    llm_api_key: str | None = _setting(None, "MCPRISK_LLM_API_KEY", "API key for --classifier llm.")
    llm_concurrency: int = _setting(4, "MCPRISK_LLM_CONCURRENCY", "LLM requests in flight at once.")
    llm_timeout: float = _setting(60.0, "MCPRISK_LLM_TIMEOUT", "Seconds before an LLM request is given up.")
    llm_retries: int = _setting(3, "MCPRISK_LLM_RETRIES", "Retries, with backoff, of an LLM request on 429 and 5xx.")
    llm_batch_poll: float = _setting(
        60.0, "MCPRISK_LLM_BATCH_POLL", "Seconds between two looks at an OpenAI Batch (classify --batch)."
    )
    redis_url: str | None = _setting(
        None, "MCPRISK_REDIS_URL", "Redis shared by crawler processes: one request queue and one seen-set (crawl)."
    )
    introspect: bool = _setting(
        False, "MCPRISK_INTROSPECT", "Nightly: also run every new package version in the sandbox and ask it tools/list."
    )
    introspect_cache: str = _setting(
        "", "MCPRISK_INTROSPECT_CACHE", "Where introspection installs packages (default: ~/.cache/mcprisk/introspect)."
    )
    introspect_timeout: float = _setting(
        60.0, "MCPRISK_INTROSPECT_TIMEOUT", "Seconds a sandboxed server has to answer initialize and tools/list."
    )
    introspect_install_timeout: float = _setting(
        300.0, "MCPRISK_INTROSPECT_INSTALL_TIMEOUT", "Seconds one package install may take before it is given up."
    )
    introspect_memory: int = _setting(
        2 * 2**30, "MCPRISK_INTROSPECT_MEMORY", "Bytes of memory (RLIMIT_DATA) a sandboxed server may allocate."
    )
    introspect_disk: int = _setting(
        1 * 2**30, "MCPRISK_INTROSPECT_DISK", "Bytes one installed package version may take on disk."
    )
    introspect_workers: int = _setting(
        0, "MCPRISK_INTROSPECT_WORKERS", "Servers introspected at once (0: one per core)."
    )
    site_dir: str = _setting("_site", "MCPRISK_SITE_DIR", "Where `mcprisk build` writes the static site.")
    base_url: str = _setting("", "MCPRISK_BASE_URL", "Public URL the site is served from (canonical links, sitemap).")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        """Defaults, then the environment, then explicit overrides (CLI options) that are not None."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            name = f.metadata["env"]
            if env.get(name):
                kind = type(f.default) if f.default is not None else str
                if kind is bool:  # bool("0") is True: a switch reads as people write it
                    values[f.name] = env[name].strip().lower() in ("1", "true", "yes", "on")
                    continue
                try:
                    values[f.name] = kind(env[name])
                except ValueError:
                    wanted = {"int": "a whole number", "float": "a number"}.get(kind.__name__, kind.__name__)
                    raise ConfigError(f"{name} must be {wanted}, not {env[name]!r}") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "database_url" in values:
            values["database_url"] = database_url(values["database_url"])
        return cls(**values)

    def with_(self, **changes: Any) -> "Settings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def database_url(value: str) -> str:
    """A URL as given, or a bare file path turned into a SQLite URL (``--db catalog.db`` just works)."""
    return value if "://" in value else f"sqlite:///{value}"


def env_var(name: str) -> str:
    """The environment variable behind setting ``name``: CLI options pass this as ``envvar=``."""
    for f in fields(Settings):
        if f.name == name:
            return f.metadata["env"]
    raise KeyError(name)


def describe() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for every setting: the README's configuration table."""
    return [
        (f.metadata["env"], "" if f.default is None else str(f.default), f.metadata["help"]) for f in fields(Settings)
    ]
