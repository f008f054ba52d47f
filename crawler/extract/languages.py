"""The languages extraction reads, in the order their tools are ranked when two declare the same name and their
delegation is asked: a new language is one line here and a package of its own beside this module."""

from crawler.extract import csharp, go, java, javascript, python, rust
from crawler.extract.contract import Extractor

EXTRACTORS: tuple[Extractor, ...] = (
    javascript.EXTRACTOR,
    python.EXTRACTOR,
    go.EXTRACTOR,
    rust.EXTRACTOR,
    csharp.EXTRACTOR,
    java.EXTRACTOR,
)
