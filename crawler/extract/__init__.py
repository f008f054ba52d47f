"""Tool definitions out of artifacts (``extraction``), one package per language behind one contract (``contract``,
``languages``)."""

from crawler.extract.contract import VERSION, ExtractionResult
from crawler.extract.extraction import extract

__all__ = ["VERSION", "ExtractionResult", "extract"]
