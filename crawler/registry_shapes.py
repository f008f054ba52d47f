"""Registry records, in both shapes the MCP Registry has served, turned into the store's ServerRecord.

The current API (``/v0.1``) wraps each server as ``{"server": {...camelCase...}, "_meta": {...}}``;
the seed data of the older ``/v0`` API is bare and snake_case. Both describe the same things, so both
end up as the same record; anything missing or malformed raises ``InputError`` naming the record.
"""

from typing import Any

from catalog.core.errors import InputError
from catalog.core.records import PackageRecord, ServerRecord

OFFICIAL_META = "io.modelcontextprotocol.registry/official"
STATUSES = ("active", "deprecated", "deleted")


def server_from_registry(entry: dict[str, Any]) -> ServerRecord:
    """One registry entry (either shape, wrapped or bare) as a ServerRecord without tools."""
    if not isinstance(entry, dict):
        raise InputError(f"a registry entry must be an object, not {type(entry).__name__}")
    server = entry.get("server", entry)
    meta = (entry.get("_meta") or {}).get(OFFICIAL_META) or {}
    name = server.get("name") if isinstance(server, dict) else None
    if not isinstance(name, str) or not name:
        raise InputError(f"registry entry {entry.get('id', '?')} has no name")
    status = meta.get("status") or server.get("status") or "active"
    if status not in STATUSES:
        raise InputError(f"registry entry {name} has an unknown status {status!r}")
    version = server.get("version") or (server.get("version_detail") or {}).get("version")
    repository = server.get("repository") or {}
    extra = {
        k: v
        for k, v in {
            "registry_published_at": meta.get("publishedAt"),
            "registry_updated_at": meta.get("updatedAt"),
            "remotes": [_remote(r) for r in server.get("remotes") or [] if isinstance(r, dict)] or None,
        }.items()
        if v
    }
    return ServerRecord(
        registry_name=name,
        repository_url=repository.get("url") if isinstance(repository, dict) else None,
        title=_str(server.get("title")),
        description=_str(server.get("description")),
        website=_str(server.get("websiteUrl") or server.get("website_url")),
        version=_str(version),
        status=status,
        packages=[p for p in (_package(name, raw) for raw in server.get("packages") or []) if p is not None],
        extra=extra,
    )


def _package(server: str, raw: Any) -> PackageRecord | None:
    if not isinstance(raw, dict):
        raise InputError(f"registry entry {server} has a package that is not an object")
    registry_type = raw.get("registryType") or raw.get("registry_type") or raw.get("registry_name")
    identifier = raw.get("identifier") or raw.get("name")
    if not registry_type or not identifier or registry_type == "unknown":
        return None  # the seed data lists placeholders such as {"registry_name": "unknown"}
    transport = raw.get("transport")
    env = raw.get("environmentVariables") or raw.get("environment_variables") or []
    return PackageRecord(
        registry_type=str(registry_type),
        identifier=str(identifier),
        version=_str(raw.get("version")) or None,
        transport=_str(transport.get("type")) if isinstance(transport, dict) else _str(transport),
        registry_base_url=_str(raw.get("registryBaseUrl") or raw.get("registry_base_url")),
        runtime_hint=_str(raw.get("runtimeHint") or raw.get("runtime_hint")),
        env_vars=[_env_var(e) for e in env if isinstance(e, dict)],
    )


def _env_var(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": raw.get("name"),
        "description": raw.get("description"),
        "required": bool(raw.get("isRequired", raw.get("is_required", False))),
        "secret": bool(raw.get("isSecret", raw.get("is_secret", False))),
    }


def _remote(raw: dict[str, Any]) -> dict[str, Any]:
    return {"type": raw.get("type") or raw.get("transport_type"), "url": raw.get("url")}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
