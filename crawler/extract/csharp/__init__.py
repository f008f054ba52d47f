"""C#: the official ModelContextProtocol SDK."""

from crawler.extract.contract import CompiledExtractor
from crawler.extract.csharp.tools import extract_csharp

EXTRACTOR = CompiledExtractor((".cs",), extract_csharp)
