"""Go: mark3labs/mcp-go and the official go-sdk."""

from crawler.extract.contract import CompiledExtractor
from crawler.extract.go.tools import extract_go

EXTRACTOR = CompiledExtractor((".go",), extract_go)
