"""Java: the MCP Java SDK, Spring AI and Quarkus."""

from crawler.extract.contract import CompiledExtractor
from crawler.extract.java.tools import extract_java

EXTRACTOR = CompiledExtractor((".java",), extract_java)
