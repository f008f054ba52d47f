"""Tools written as classes, the other common shape of a tool framework in TypeScript:

    class CreateIssueTool extends ToolBase {
        static toolName = "create_issue";            // or `name = …`, or `CreateIssueTool.toolName = …` after
        description = "Open an issue.";              // or `this.description = …` in the constructor
        argsShape = { title: z.string() };           // or a method `argsShape() { return Shape; }`, or
                                                     // `super({inputSchema: Shape})` in the constructor
        async execute(args) { … }
    }

Some frameworks answer through getter methods instead: `getName() { return "create_issue"; }` beside
`getDescription()`, `getInputSchema()` and `getAnnotations()`, or one `getConfig()` returning the registration's
configuration `{title, description, inputSchema, annotations}`.

TypeScript source, ES2022 output with class fields, and older output that moves fields into the constructor and
statics after the class are all read. A class counts as a tool only with a name, a description, an input schema
and code to run: a class with only some of them is something else.
"""

from typing import Any

from tree_sitter import Node

from crawler.extract.javascript.syntax import UNRESOLVED, Evaluator, PerModule, text

_NAME_KEYS = ("name", "toolName")
_SCHEMA_KEYS = ("inputSchema", "input_schema", "parameters", "schema", "argsShape", "argsSchema", "paramsSchema")
_FIELDS = ("field_definition", "public_field_definition")
_READ = (*_NAME_KEYS, *_SCHEMA_KEYS, "description", "title", "annotations", "outputSchema")
_CONFIG_GETTERS = ("getConfig", "getToolConfig", "getDefinition", "getToolDefinition")


def class_tool_config(module: Evaluator, node: Node) -> tuple[str, dict[str, Any], str] | None:
    """``(name, {description, inputSchema-like, annotations, title, outputSchema}, schema key)`` of a tool class."""
    body = node.child_by_field_name("body")
    if body is None:
        return None
    members: dict[str, Node] = {}
    methods = 0
    for member in body.named_children:
        if member.type in _FIELDS:
            key = next((c for c in member.named_children if c.type == "property_identifier"), None)
            if key is not None and (value := member.child_by_field_name("value")) is not None:
                members.setdefault(text(key), value)
        elif member.type == "method_definition":
            name, block = text(member.child_by_field_name("name")), member.child_by_field_name("body")
            if name == "constructor" and block is not None:
                members.update((k, v) for k, v in _assignments(block.named_children, "this") if k not in members)
                members.update((k, v) for k, v in _super_config(block.named_children) if k not in members)
            elif (key := _getter_key(name)) is not None:  # a getter-like method; one that decides at run time is
                members.setdefault(key, _single_return(block) or member)  # declared but unresolved
            elif name in _CONFIG_GETTERS and (returned := _single_return(block)) is not None \
                    and returned.type == "object":
                members.update((k, v) for k, v in _pairs(returned) if k not in members)
            else:
                methods += 1
    class_name = node.child_by_field_name("name")
    if class_name is not None:
        for key, value in _statics(module).get(text(class_name), []):
            members.setdefault(key, value)
    name_key = next((k for k in _NAME_KEYS if k in members), None)
    schema_key = next((k for k in _SCHEMA_KEYS if k in members), None)
    if name_key is None or schema_key is None or "description" not in members or not methods:
        return None
    name = module.value(members[name_key])
    if not isinstance(name, str) or not name:
        return None
    config = {"description": module.value(members["description"]), schema_key: module.value(members[schema_key])}
    for key in ("title", "annotations", "outputSchema"):
        if key in members:
            config[key] = module.value(members[key])
    if config["description"] is UNRESOLVED:
        config["unresolved"] = True
    return name, config, schema_key


def _assignments(statements: list[Node], owner: str) -> list[tuple[str, Node]]:
    """`owner.key = value` statements: `this.description = …` in a constructor, or `ClassName.toolName = …`
    at the top of the module, where older compiler output writes static fields (see _statics)."""
    found = []
    for statement in statements:
        expression = statement.named_children[0] if statement.type == "expression_statement" else None
        if expression is None or expression.type != "assignment_expression":
            continue
        left, right = expression.child_by_field_name("left"), expression.child_by_field_name("right")
        if (
            left is not None
            and right is not None
            and left.type == "member_expression"
            and (text(left.child_by_field_name("object")) == owner)
        ):
            found.append((text(left.child_by_field_name("property")), right))
    return found


def _super_config(statements: list[Node]) -> list[tuple[str, Node]]:
    """`super({inputSchema: Schema, ...})` in a constructor: the configuration handed to the base class."""
    for statement in statements:
        call = statement.named_children[0] if statement.type == "expression_statement" else None
        if call is None or call.type != "call_expression" or text(call.child_by_field_name("function")) != "super":
            continue
        args = call.child_by_field_name("arguments")
        config = args.named_children[0] if args is not None and args.named_children else None
        if config is not None and config.type == "object":
            return _pairs(config)
    return []


def _pairs(config: Node) -> list[tuple[str, Node]]:
    """An object literal's `key: value` pairs."""
    pairs = [p for p in config.named_children if p.type == "pair"]
    return [(text(p.child_by_field_name("key")).strip("'\""), p.child_by_field_name("value")) for p in pairs]


def _getter_key(method: str) -> str | None:
    """The member a getter-like method stands for: `description()` itself, `getDescription()` or `getInputSchema()`
    for `description` and `inputSchema`."""
    if method in _READ:
        return method
    if method.startswith("get") and method[3:4].isupper() and (key := method[3].lower() + method[4:]) in _READ:
        return key
    return None


def _single_return(block: Node | None) -> Node | None:
    """What a getter-like method `argsShape() { return Shape; }` returns, when that is all it does."""
    statements = [s for s in (block.named_children if block is not None else []) if s.type != "comment"]
    if len(statements) == 1 and statements[0].type == "return_statement" and statements[0].named_children:
        return statements[0].named_children[0]
    return None


def _read_statics(module: Evaluator) -> dict[str, list[tuple[str, Node]]]:
    """`Owner.key = value` statements at the top of the module, by owner (read once per module)."""
    statics: dict[str, list[tuple[str, Node]]] = {}
    for statement in module.root.named_children:
        expression = statement.named_children[0] if statement.type == "expression_statement" else None
        left = expression.child_by_field_name("left") if expression is not None else None
        if left is not None and left.type == "member_expression":
            owner = text(left.child_by_field_name("object"))
            statics.setdefault(owner, []).extend(_assignments([statement], owner))
    return statics


_statics = PerModule(_read_statics)
