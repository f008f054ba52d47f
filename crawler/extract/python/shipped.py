"""Text a Python server reads, when it starts, from a file it ships beside its code:

    INSTRUCTIONS = Path(__file__).parent / "instructions"

    def _instruction(name: str) -> str:
        path = INSTRUCTIONS / f"{name}.md"
        return path.read_text(encoding="utf-8").strip()

    @mcp.tool(description=_instruction("paste"))

Servers keep long tool descriptions in Markdown files this way; the text a client is shown is the file's. A call of
a function of the module whose body returns a path's ``read_text()`` (or ``.strip()`` of it) is read with its
arguments bound; the path is built of ``__file__``, ``.parent``, ``/`` and ``os.path.join``/``dirname`` over text
the source fixes. The file is read only if it lies inside the tree being extracted, is a regular file and not a
link, and is at most MAX_BYTES of UTF-8; anything else stays unknown.
"""

import ast
from pathlib import Path
from weakref import WeakKeyDictionary

from crawler.extract.python.loops import bound
from crawler.extract.python.syntax import Evaluator, Function, dotted

MAX_BYTES = 64 * 2**10  # a description file; a larger one is not a description
_STRIPS = ("strip", "rstrip", "lstrip")
# each function's body read once, however many calls of it are evaluated (a server has one reader for all its
# tools); keyed weakly by the function's node, so a run's entries go with its syntax trees
_reads: WeakKeyDictionary[Function, tuple[ast.expr, str] | None] = WeakKeyDictionary()


def shipped_text(module: Evaluator, node: ast.Call, file: Path, root: Path) -> str | None:
    """The text the call ``node`` (of a function of ``module``, the file ``file``) reads from a shipped file."""
    function = module.functions.get(node.func.id) if isinstance(node.func, ast.Name) else None
    if function is None or node.keywords or len(node.args) > len(function.args.args):
        return None
    if function in _reads:
        read = _reads[function]
    else:
        read = _reads[function] = _read(function)
    if read is None:
        return None
    path_node, strip = read
    binding = {param.arg: arg for param, arg in zip(function.args.args, node.args, strict=False)}
    path = _path(module, bound(module, binding, path_node), file, 0)
    text = _text(path, root) if path is not None else None
    return getattr(text, strip)() if text is not None and strip else text


def _read(function: Function) -> tuple[ast.expr, str] | None:
    """The path expression a function returns the text of, and the strip applied to it ("" for none); the path held
    in a name the function assigns is that assignment's expression."""
    nodes = list(ast.walk(function))  # one walk for both
    assigned = {n.targets[0].id: n.value for n in nodes if isinstance(n, ast.Assign)
                and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)}
    for returned in (n.value for n in nodes if isinstance(n, ast.Return) and n.value is not None):
        strip = ""
        if isinstance(returned, ast.Call) and isinstance(returned.func, ast.Attribute) \
                and returned.func.attr in _STRIPS and not returned.args:
            strip, returned = returned.func.attr, returned.func.value
        if isinstance(returned, ast.Call) and isinstance(returned.func, ast.Attribute) \
                and returned.func.attr == "read_text":
            owner = returned.func.value
            return (assigned.get(owner.id, owner) if isinstance(owner, ast.Name) else owner), strip
    return None


def _path(module: Evaluator, node: ast.expr, file: Path, depth: int) -> Path | None:
    if depth > 8:
        return None
    if isinstance(node, ast.Name) and node.id == "__file__":
        return file
    if isinstance(node, ast.Name) and node.id in module.constants:
        return _path(module, module.constants[node.id], file, depth + 1)
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        inner = _path(module, node.value, file, depth + 1)
        return inner.parent if inner is not None else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        left, right = _path(module, node.left, file, depth + 1), module.value(node.right)
        return left / right if left is not None and isinstance(right, str) else None
    if not isinstance(node, ast.Call):
        return None
    called, args = dotted(node.func).split(".")[-1], node.args
    if isinstance(node.func, ast.Attribute) and called in ("resolve", "absolute") and not args:
        return _path(module, node.func.value, file, depth + 1)
    if called in ("Path", "dirname") and len(args) == 1:
        inner = _path(module, args[0], file, depth + 1)
        return inner.parent if inner is not None and called == "dirname" else inner
    if called == "join" and args:
        parts = [module.value(a) for a in args[1:]]
        head = _path(module, args[0], file, depth + 1)
        return head.joinpath(*parts) if head is not None and all(isinstance(p, str) for p in parts) else None
    return None


def _text(path: Path, root: Path) -> str | None:
    try:
        if path.is_symlink() or not path.is_file() or not path.resolve().is_relative_to(root.resolve()):
            return None
        if path.stat().st_size > MAX_BYTES:
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return None
