"""Rust: rmcp, rust-mcp-sdk and mcp-core."""

from pathlib import Path

from catalog.core.definition import ToolDefinition
from crawler.extract.contract import Context
from crawler.extract.rust.tools import extract_rust


class RustExtractor:
    suffixes = (".rs",)

    def extract(self, root: Path, files: list[Path], context: Context) -> list[ToolDefinition]:
        return extract_rust(root, files, context.warnings)

    def delegates(self, root: Path, context: Context) -> list[str] | None:
        return None  # a compiled server ships its own code


EXTRACTOR = RustExtractor()
