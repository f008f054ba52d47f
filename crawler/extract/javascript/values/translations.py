"""Text looked up in a translation table with the English written beside the key, `t("TOOL_X_DESCRIPTION", "Lists
the projects")` (or i18next's `t("key", {defaultValue: "…"})`): servers that can be translated write their tool
descriptions this way, and a user who sets no language is shown the default. The default is the value; a lookup
without one (`t("key")`) stays unresolved, since the table's text is chosen at run time.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import UNRESOLVED, Evaluator, text

LOOKUPS = ("t", "translate", "__", "$t")  # `t(…)`, `i18n.t(…)`, `this.translate(…)`


def translated(module: Evaluator, call: Node, depth: int) -> Any:
    """The default text of a translation lookup; None when ``call`` is no lookup with a literal key."""
    callee = call.child_by_field_name("function")
    if callee is not None and callee.type == "member_expression":
        callee = callee.child_by_field_name("property")
    if callee is None or text(callee) not in LOOKUPS:
        return None
    args = call.child_by_field_name("arguments")
    values = [a for a in (args.named_children if args is not None else []) if a.type != "comment"]
    if len(values) < 2 or values[0].type != "string":
        return None
    default = module.value(values[1], depth + 1)
    if isinstance(default, dict):
        default = default.get("defaultValue", UNRESOLVED)
    return default if isinstance(default, str) else UNRESOLVED
