"""Functions declared to a language model's chat API, which share an MCP tool's shape but are not tools.

A package that talks to a model (an agent inside a server, an SDK bundled with it) declares functions for it:
OpenAI's `{type: "function", function: {name, description, parameters}}`, Gemini's `{name, description,
parameters}` and Anthropic's `{name, description, input_schema}`, each with a plain JSON Schema. An MCP tool's own
key is `inputSchema`, and fastmcp's `parameters` is a zod schema beside `execute`; a hand-written server may still
list its tools with `parameters`, so that shape counts as a chat function only in a file that imports a chat SDK.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.patterns.factories import CODE, object_keys
from crawler.extract.javascript.reach.reachability import imported_packages
from crawler.extract.javascript.syntax import PerModule, Zod, text
from crawler.extract.javascript.values.module import Module

_FUNCTION_KEYS = ("function", "'function'", '"function"')
_CHAT_SDKS = ("openai", "@anthropic-ai/sdk", "@google/genai", "@google/generative-ai", "groq-sdk", "ollama")
_CHAT_SCOPES = ("@mistralai/", "@anthropic-ai/", "@ai-sdk/", "@aws-sdk/client-bedrock")


def llm_function(module: Module, node: Node, value: dict[str, Any], key: str) -> bool:
    """Whether the object ``node`` (read as ``value``, its schema under ``key``) is a chat API's function."""
    parent = node.parent
    if parent is not None and parent.type == "pair" and text(parent.child_by_field_name("key")) in _FUNCTION_KEYS:
        return True
    schema = value.get(key)
    if key not in ("parameters", "input_schema") or not isinstance(schema, dict) or isinstance(schema, Zod):
        return False
    if any(isinstance(v, Zod) for v in schema.values()) or any(v.type in CODE for v in object_keys(node).values()):
        return False
    return any(_chat_sdk(package) for package in packages_of(module))


packages_of = PerModule(imported_packages)  # the packages a module imports, asked once per module


def _chat_sdk(package: str) -> bool:
    return package in _CHAT_SDKS or package.startswith(_CHAT_SCOPES)
