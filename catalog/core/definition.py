"""The tool definition: the one shape every part of mcprisk speaks.

Extraction produces it, the store keys history on its hash, the classifier judges it and the
site shows it. It mirrors an MCP ``tools/list`` entry plus where we found it, so a saved
``tools/list`` answer and a definition pulled out of source code compare field by field.

This module is imported on the CLI's start-up path: standard library only.
"""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

ORIGINS = ("live", "introspected", "manifest", "source", "readme")

# MCP's own defaults for tool annotations. A hint the author did not write is *unset*, which is not
# the same as false: these values are what a client must assume, kept apart from what was declared.
ANNOTATION_DEFAULTS: dict[str, bool] = {
    "readOnlyHint": False,
    "destructiveHint": True,
    "idempotentHint": False,
    "openWorldHint": True,
}


# ``extra`` of a tool of a package that ships several servers (one console script or bin each): the entry points
# whose server registers it, keyed as the command starting each ends (a console script's name, a bin's path). A
# client that starts one of them is answered by its own tools only; the others are the package's, not missing.
SERVERS = "servers"


def canonical_json(value: Any) -> str:
    """JSON that is equal byte for byte whenever the values are equal, so hashes are stable."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass
class ToolDefinition:
    """One tool as a server declares it, and where that declaration was found."""

    name: str
    title: str | None = None
    description: str | None = None
    input_schema: dict[str, Any] | None = None
    output_schema: dict[str, Any] | None = None
    # Only what the author declared; None when the tool declares no annotations at all.
    annotations: dict[str, Any] | None = None
    origin: str = "manifest"
    file: str | None = None
    line: int | None = None
    confidence: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_mcp(self) -> dict[str, Any]:
        """The definition in MCP's own camelCase shape, without our bookkeeping fields."""
        out: dict[str, Any] = {"name": self.name}
        if self.title is not None:
            out["title"] = self.title
        if self.description is not None:
            out["description"] = self.description
        out["inputSchema"] = self.input_schema if self.input_schema is not None else {"type": "object"}
        if self.output_schema is not None:
            out["outputSchema"] = self.output_schema
        if self.annotations is not None:
            out["annotations"] = self.annotations
        return out

    @property
    def definition_hash(self) -> str:
        """sha256 of the canonical definition: any change an agent could notice changes the hash."""
        return definition_hash(self.to_mcp())

    def effective_annotations(self) -> dict[str, bool]:
        """The hints a client would act on: declared values over MCP's defaults."""
        merged = dict(ANNOTATION_DEFAULTS)
        for key, value in (self.annotations or {}).items():
            if key in merged and isinstance(value, bool):
                merged[key] = value
        return merged

    @classmethod
    def from_mcp(cls, data: dict[str, Any], **where: Any) -> "ToolDefinition":
        """Read one ``tools/list`` entry; ``where`` carries origin, file, line and confidence."""
        if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"]:
            raise ValueError("a tool definition needs a non-empty string 'name'")
        return cls(
            name=data["name"],
            title=_opt_str(data.get("title")),
            description=_opt_str(data.get("description")),
            input_schema=_opt_dict(data.get("inputSchema", data.get("input_schema"))),
            output_schema=_opt_dict(data.get("outputSchema", data.get("output_schema"))),
            annotations=_opt_dict(data.get("annotations")),
            **where,
        )

    def to_json(self) -> dict[str, Any]:
        """The shape ``mcprisk scan --json`` prints and the crawler records."""
        out = self.to_mcp()
        out.setdefault("title", None)
        out.setdefault("description", None)
        out.setdefault("outputSchema", None)
        out.setdefault("annotations", None)
        out.update(origin=self.origin, file=self.file, line=self.line, confidence=self.confidence)
        if self.extra:
            out["extra"] = self.extra
        return out


def definition_hash(mcp_definition: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(mcp_definition).encode("utf-8")).hexdigest()


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _opt_dict(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) else None
