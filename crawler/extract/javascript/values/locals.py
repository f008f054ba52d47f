"""The constants a function or loop body declares before anything else reads them, under the names bound for one
pass through it (a loop's element, a helper's arguments): `const d = f(x.y)` read once per pass."""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import Evaluator, text


def with_locals(module: Evaluator, scope: dict[str, Any], body: Node) -> dict[str, Any]:
    """``scope`` and the constants the body declares before anything else reads them (`const d = f(x.y)`),
    evaluated in order under it: the body's own names, for each pass."""
    module.scopes.append(scope)
    try:
        for statement in body.named_children if body.type == "statement_block" else []:
            if statement.type not in ("lexical_declaration", "variable_declaration"):
                continue
            for declarator in statement.named_children:
                name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
                if declarator.type == "variable_declarator" and name is not None and name.type == "identifier":
                    scope[text(name)] = module.value(value)
    finally:
        module.scopes.pop()
    return scope
