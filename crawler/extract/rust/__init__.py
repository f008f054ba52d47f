"""Rust: rmcp, rust-mcp-sdk and mcp-core."""

from crawler.extract.contract import CompiledExtractor
from crawler.extract.rust.tools import extract_rust

EXTRACTOR = CompiledExtractor((".rs",), extract_rust)
