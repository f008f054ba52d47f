"""A property read off a value (`a.b`): a name another local module exports (`constants_1.NAME` of tsc's CommonJS
output, `ns.NAME` of `import * as ns`, a key of `module.exports = {...}`), a key of an object literal, zod's own
properties of a schema (`.shape`), a list's or a text's `.length`, and `process.env.X`, unset until a user sets it.
A key an object literal read whole lacks is undefined, as in JavaScript; one a Partial object lacks, or one read off
a function's parameter, stays UNRESOLVED.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import UNRESOLVED, Evaluator, Partial, Zod, text
from crawler.extract.javascript.values.bindings import EXPORTS
from crawler.extract.javascript.values.params import shadowed
from crawler.extract.javascript.values.zod import member


def property_value(module: Evaluator, node: Node, depth: int) -> Any:
    obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
    if obj is None or prop is None:
        return UNRESOLVED
    if text(obj) == "process.env":  # the default environment: a variable is unset until a user sets it
        return None
    if obj.type == "identifier" and module.imports.get(text(obj), ("", ""))[1] == "*":  # constants_1.NAME, ns.NAME
        path, _ = module.imports[text(obj)]
        other = module.loader.module(path)
        if other is None:
            return UNRESOLVED
        if EXPORTS in other.bindings and text(prop) not in other.bindings:  # `module.exports = {...}`
            exported = other.lookup(EXPORTS, depth + 1)
            return exported.get(text(prop), UNRESOLVED) if isinstance(exported, dict) else UNRESOLVED
        return other.lookup(text(prop), depth + 1)
    base = module.value(obj, depth + 1)
    if isinstance(base, Zod):
        return member(base, text(prop))
    if isinstance(base, dict):  # a key an object literal read whole lacks is undefined
        if text(prop) in base:
            return base[text(prop)]
        return UNRESOLVED if isinstance(base, Partial) or shadowed(module, obj) else None
    if isinstance(base, list | str) and text(prop) == "length":
        return len(base)
    if base is None and any(child.type == "optional_chain" for child in node.children):
        return None  # `spec?.notes`: undefined, not an error
    return UNRESOLVED
