"""Where a sentence of a tool's definition stands: its channel, the kind of field that holds it.

A client shows the model every field alike, but tools fill them differently: their own prose in the name, the
description and each parameter's description; tokens and short labels in value slots (enums, defaults, examples)
and titles. Poisoning hides its order where the user does not look, so the channel is a feature of the sentence
scorer (``integrity_sentences``), and a value slot that is a whole sentence about an object of poisoning is out
of place by itself. A tool's parameter names (``interface``) are part of its purpose.
"""

from functools import cache

from classifier.integrity_concepts import OBJECTS

# Where a sentence stands, by the kind of field: the tool's own prose (name, description, a parameter's
# description) or a slot for a value or a label (enum, default, examples, titles), which real tools fill with
# tokens and short labels, and where an order to the agent is out of place.
CHANNELS = ("name", "desc", "param", "value", "label", "output", "key")
# A value slot's text this long is a sentence: real tools' enums, defaults and examples hold command keywords and
# short phrases ("SAVE MYSQL VARIABLES TO DISK"), none a sentence about an object of poisoning; poisoned ones hide
# their order there.
SLOT_WORDS = 7
VALUE_SLOTS = frozenset(("enum", "default", "examples", "example", "const", "pattern", "format"))


def channel(place: str) -> str:
    """The channel of a field's place ('inputSchema.properties.x.enum[2]' -> 'value')."""
    if place in ("name", "description"):
        return "name" if place == "name" else "desc"
    if place == "title" or place.startswith("annotations"):
        return "label"
    if place.startswith("outputSchema"):
        return "output"
    last = place.rsplit(".", 1)[-1].split("[", 1)[0]
    if last == "description":
        return "param"
    if last == "required":
        return "key"  # a list of the schema's own property names, not values the agent fills
    if last in VALUE_SLOTS or place.endswith("]"):
        return "value"
    if last == "title":
        return "label"
    return "key" if ".properties." in place and place.rsplit(".", 2)[-2] == "properties" else "param"


def slot_sized(lowered: str, start: int, end: int, concepts: frozenset[str]) -> bool:
    """Whether a sentence would be out of place in a value slot: a whole field of SLOT_WORDS words or more about
    an object of poisoning (a label, by contrast, is left to the weights: benign titles speak of "the repo
    assistant" or quote "are you sure"). Only such a sentence needs its field looked up whatever its margin."""
    whole = (start == 0 or lowered[start - 1] == "\n") and (end == len(lowered) or lowered[end] == "\n")
    return whole and bool(concepts & OBJECTS) and lowered.count(" ", start, end) + 1 >= SLOT_WORDS


@cache
def channelled(concepts: frozenset[str], where: str) -> frozenset[str]:
    """A sentence's channel features: the channel, and the channel with each concept ("" for none known)."""
    if not where:
        return frozenset()
    return frozenset({f"ch:{where}"} | {f"q:{where}+{c}" for c in concepts})


def interface(schema: object) -> str:
    """A tool's top-level parameter names as words ("session_id" -> "session id"), part of its purpose."""
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(properties, dict):
        return ""
    return " ".join(_spoken(str(name)) for name in properties)


def _spoken(name: str) -> str:
    """A parameter's name as the words ``interface`` reads it as."""
    return name.replace("_", " ").replace("-", " ").lower()


def parameter(place: str) -> str:
    """The top-level parameter a field belongs to ('inputSchema.properties.messages.description' -> 'messages')."""
    parts = place.split(".properties.", 1)
    return parts[1].split(".", 1)[0].lower() if len(parts) == 2 and place.startswith("inputSchema") else ""


def without(interface: str, name: str) -> str:
    """The interface (``interface``'s words) without one parameter's name: a parameter's own name does not make
    what its description asks for part of the tool's purpose ("history: every message the user wrote")."""
    return f" {interface} ".replace(f" {_spoken(name)} ", " ", 1).strip()
