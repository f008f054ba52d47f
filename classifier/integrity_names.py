"""Exfiltration through a parameter's name alone: a parameter named for what the agent holds of its own.

A model fills every parameter it is given, and a parameter's name is an instruction in itself: published research
on MCP tool poisoning shows models filling parameters named ``system_prompt``, ``conversation_history``,
``tools_list`` or ``previous_tool_results`` with their own system prompt, the conversation, the tools they can
call and what earlier calls returned, with no description at all. Each family of names below is one of those
objects. The same names are a tool's declared purpose on the servers built around that object: a model gateway or
an agent builder takes a ``system_prompt``, a chat or meeting tool a ``conversation_history``, an agent framework
the ``available_tools``; so a name counts only where the tool's name and first sentence say nothing of its
object (``PURPOSE``), as a calculator's or a weather lookup's do not, and the parameter has no description of its
own (``DESCRIBED``) or one that says nothing of the object either: the name is then all that speaks. A parameter
that says in words what it takes is judged by those words (the sentence scorer reads them): blind twins name a
``session_context`` or ``available_tools`` "Optional: a sentence on why the user wants the summary", where their
poisoned twins ask in words for the conversation or the tool list, which the scorer finds.
"""

import re

from catalog.core.definition import ToolDefinition
from catalog.core.verdict import Finding

# A name is lowered and split into words at case changes and separators ("systemPromptCopy" -> "system_prompt_copy").
_CASE = re.compile(r"([a-z0-9])([A-Z])")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
# Words around the object that only say whose or how much of it ("your_", "full_", "_copy", "_verbatim").
_BEFORE = (
    r"(?:(?:your|my|the|current|full|entire|complete|whole|agent|assistant|model|llm|ai|original|hidden|internal|"
    r"initial|raw|exact)_)*"
)
_AFTER = r"(?:_(?:copy|dump|text|content|contents|verbatim|full|so_far|json|raw|here|until_now|to_date))*"
# family -> (the names of its object, the words of a tool whose purpose that object is)
FAMILIES = {
    "instructions": (
        r"system_?(?:prompt|message|instructions?)|(?:agent|assistant|model|llm|ai)_(?:instructions?|prompt|rules|"
        r"guidelines|persona)|developer_(?:message|prompt|instructions?)|instructions_(?:given|received)",
        r"prompt|instruction|assistant|agent|model|llm|ai\b|gpt|gemini|claude|openai|persona|bot\b|completion|chat",
    ),
    "conversation": (
        r"(?:conversation|chat|dialog(?:ue)?|session|message)_(?:history|log|transcript|so_far|context)|"
        r"previous_messages|prior_messages|conversation|transcript",
        r"conversation|chat|dialog|message|transcript|session|meeting|thread|inbox|email|memory|recall|history",
    ),
    "tools": (
        r"(?:available|all|current|loaded|enabled)_(?:tools|functions)|tools?_(?:list|descriptions|definitions|"
        r"schemas)|function_(?:list|definitions)",
        r"agent|assistant|mcp|server|plugin|workflow|registry|toolkit|toolset",
    ),
    "results": (
        r"(?:previous|prior|earlier|last|other)_(?:tool_|function_)?(?:results?|outputs?|responses?|calls?)|"
        r"tool_(?:results|outputs|responses)|function_results",
        r"agent|run\b|runs\b|trace|evaluat|pipeline|workflow",
    ),
}
# A parameter's own description of this many words says what it takes; fewer ("Required.") leave the name to speak.
DESCRIBED = 3
# What each family's object is, for the finding's message.
OBJECTS = {
    "instructions": "its system prompt or instructions",
    "conversation": "the conversation",
    "tools": "the tools it can call",
    "results": "what earlier calls returned",
}
NAMES = {family: re.compile(f"^{_BEFORE}(?:{names}){_AFTER}$") for family, (names, _) in FAMILIES.items()}
PURPOSE = {family: re.compile(rf"\b(?:{words})") for family, (_, words) in FAMILIES.items()}
# Every name of every family holds one of these: most tools' parameters hold none, and are done with one search.
HINT = re.compile(
    r"prompt|instruction|message|persona|rules|guideline|conversation|chat|dialog|session|transcript|tool|function|"
    r"result|output|response|call",
    re.I,
)


def context_names(tool: ToolDefinition) -> list[Finding]:
    """A finding for each top-level parameter named for the agent's own context, off the tool's purpose (its
    name and the first sentence of its description)."""
    return [
        Finding(
            "integrity.context_name",
            "high",
            f"inputSchema.properties.{parameter}",
            parameter,
            f"a parameter's name asks for the agent's own {family}: {OBJECTS[family]}",
        )
        for parameter, family in context_parameters(tool.input_schema, tool.name, tool.description)
    ]


def context_parameters(schema: object, name: str, description: str | None) -> list[tuple[str, str]]:
    """(parameter, family) for each top-level parameter named for the agent's own context, off the tool's purpose,
    that its own description does not describe (a word or two may still say the object is the server's: "call
    transcript")."""
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(properties, dict) or not HINT.search("\n".join(map(str, properties))):
        return []
    found = []
    purpose = None
    for parameter, spec in properties.items():
        words = _words(str(parameter))
        family = next((family for family, pattern in NAMES.items() if pattern.match(words)), None)
        if family is None:
            continue
        if purpose is None:
            purpose = _purpose(name, description)
        own = spec.get("description") if isinstance(spec, dict) else None
        if isinstance(own, str) and len(own.split()) >= DESCRIBED:
            continue
        said = f"{purpose} {own.lower()}" if isinstance(own, str) else purpose
        if not PURPOSE[family].search(said):
            found.append((str(parameter), family))
    return found


def chat_tool(name: str, description: str | None) -> bool:
    """Whether the tool's name and first sentence say it serves a model or a chat: its ``messages`` or ``history``
    take the conversation by that purpose (a gateway's "the conversation so far"), where a symptom checker's, a
    meeting planner's or a moderation tool's ask for it off their purpose."""
    return PURPOSE["instructions"].search(_purpose(name, description)) is not None


def _words(name: str) -> str:
    return _SEPARATORS.sub("_", _CASE.sub(r"\1_\2", name).lower()).strip("_")


def _purpose(name: str, description: str | None) -> str:
    """The tool's name as words and the first sentence of its description, lowered."""
    first = re.split(r"(?<=[.!?])\s|\n", (description or "").strip(), maxsplit=1)[0]
    return f"{_words(name).replace('_', ' ')} {first.lower()}"
