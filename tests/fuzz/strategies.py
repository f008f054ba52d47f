"""What the fuzzer throws: mutated archives, tools/list answers, registry pages and packuments, source files.

Seeds are well-formed inputs (a tar and a zip holding a server, a registry page, a packument); mutations flip,
insert, delete and overwrite bytes, swap header fields for extreme values, and cut the input short. JSON values
mix what parsers accept and standards do not (NaN, Infinity), deep nesting, hostile text and wrong types.
"""

import gzip
import io
import json
import zipfile
from typing import Any

from hypothesis import strategies as st

from tests.crawler.hostile_archives import header, member, raw_tar

TOOL_JS = b"server.tool('read_note', 'Reads a note', { id: z.string() }, async () => ({}))\n"
TOOL_PY = (
    b'from mcp.server.fastmcp import FastMCP\nmcp = FastMCP("s")\n\n'
    b'@mcp.tool()\ndef get_x(a: int) -> str:\n    """Get x."""\n'
)
PACKAGE = b'{"name": "fuzz-mcp", "version": "1.0.0", "main": "index.js"}'

HOSTILE_TEXT = st.sampled_from(
    ["", "\u202etxt.exe", "a\u200bb", "<script>alert(1)</script>", "\x00", "\udcff", "x" * 5000, "../../etc/passwd"]
)
TEXT = st.one_of(st.text(max_size=40), HOSTILE_TEXT)
NUMBER = st.one_of(st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True, allow_infinity=True))
JSON_LEAF = st.one_of(st.none(), st.booleans(), NUMBER, TEXT)
JSON = st.recursive(
    JSON_LEAF,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(TEXT, children, max_size=4)),
    max_leaves=25,
)


def _seed_tar() -> bytes:
    return raw_tar([("package/package.json", PACKAGE), ("package/index.js", TOOL_JS), ("package/s.py", TOOL_PY)])


def _seed_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("pkg/index.js", TOOL_JS)
        zf.writestr("pkg/s.py", TOOL_PY)
    return buffer.getvalue()


SEED_TAR, SEED_ZIP = _seed_tar(), _seed_zip()
FIELDS = [(0, 100), (100, 8), (124, 12), (148, 8), (156, 1), (157, 100), (345, 155)]  # name, mode, size, sum, type…
EXTREMES = [b"\xff" * 12, b"\x80" + b"\xff" * 11, b"77777777777\0", b"-1", b"", b"../" * 30, b"\0" * 12, b"x" * 12]
KINDS = b"0123456789xgLKSDVMN"


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few byte-level mutations."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        choice = draw(st.integers(0, 4))
        if choice == 0 and data:
            data[at] = draw(st.integers(0, 255))
        elif choice == 1:
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif choice == 2:
            del data[at : at + draw(st.integers(1, 600))]
        elif choice == 3 and seed is SEED_TAR:  # a header field of a block set to an extreme value
            block = draw(st.integers(0, max(0, len(data) // 512 - 1))) * 512
            start, width = draw(st.sampled_from(FIELDS))
            value = draw(st.sampled_from(EXTREMES))[:width] if width > 1 else bytes([draw(st.sampled_from(KINDS))])
            data[block + start : block + start + len(value)] = value
        else:
            data = data[: max(0, at)]
    return bytes(data)


@st.composite
def crafted_tar(draw: st.DrawFn) -> bytes:
    """A tar built from headers of any kind, names and sizes: pax and GNU headers, links, devices, sparse."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = bytes([draw(st.sampled_from(KINDS))])
        name = draw(st.sampled_from([b"package/a.js", b"../x.js", b"/abs.js", b"\xff\xfe.js", b"a/" * 60 + b"b.js"]))
        body = draw(st.sampled_from([TOOL_JS, b"", b"30 path=package/" + b"p" * 13 + b".js\n", b"12 size=-99\n"]))
        parts.append(member(name, body, kind) if draw(st.booleans()) else header(name, len(body) * 1000, kind) + body)
    return b"".join(parts) + b"\0" * 1024


@st.composite
def archive(draw: st.DrawFn) -> tuple[str, bytes]:
    """(suffix, bytes): a mutated or crafted tar (gzipped or not), or a mutated zip."""
    kind = draw(st.sampled_from(["tar", "tgz", "zip", "crafted"]))
    if kind == "zip":
        return ".zip", draw(mutated(SEED_ZIP))
    raw = draw(crafted_tar()) if kind == "crafted" else draw(mutated(SEED_TAR))
    if kind == "tar":
        return ".tar", raw
    packed = gzip.compress(raw, mtime=0)
    return ".tgz", draw(mutated(packed)) if draw(st.booleans()) else packed


@st.composite
def tools_list(draw: st.DrawFn) -> bytes:
    """A tools/list answer: well-shaped tools with fuzzed fields, or any JSON, sometimes cut short."""
    tools = draw(
        st.lists(
            st.fixed_dictionaries(
                {"name": st.one_of(TEXT, JSON)},
                optional={"description": st.one_of(TEXT, JSON), "inputSchema": JSON, "annotations": JSON},
            ),
            max_size=4,
        )
    )
    value: Any = draw(st.sampled_from([{"tools": tools}, {"result": {"tools": tools}}, tools]))
    if draw(st.booleans()):
        value = draw(JSON)
    text = json.dumps(value, allow_nan=True)  # what a hostile server writes: NaN and all
    return text[: draw(st.integers(0, len(text)))].encode() if draw(st.integers(0, 5)) == 0 else text.encode()


SOURCE_FRAGMENTS = [
    TOOL_JS,
    TOOL_PY,
    b"server.tool(",
    b"registerTool('x', {",
    b"@mcp.tool(",
    b'mcp.NewTool("go_tool", mcp.WithDescription("d"))',
    b'#[tool(description = "r")]',
    b"(" * 500,
    b"\xff\xfe\x00",
    b"`${" * 50,
    b'"""' * 3,
]


@st.composite
def source_file(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from([".js", ".ts", ".py", ".go", ".rs", ".cs", ".java", ".json", ".md"]))
    parts = draw(st.lists(st.one_of(st.sampled_from(SOURCE_FRAGMENTS), st.binary(max_size=40)), max_size=8))
    return suffix, b"\n".join(parts)


@st.composite
def registry_page(draw: st.DrawFn, records: list[dict[str, Any]]) -> Any:
    """A registry page: real records with fuzzed fields, wrong shapes, NaN, a cursor of any type."""
    servers = []
    for record in draw(st.lists(st.sampled_from(records), max_size=3)):
        server = dict(record)
        for key in draw(st.lists(st.sampled_from(sorted(server) + ["packages", "remotes", "version"]), max_size=2)):
            server[key] = draw(JSON)
        servers.append({"server": server} if draw(st.booleans()) else server)
    page: Any = {"servers": servers, "metadata": {"nextCursor": draw(st.one_of(st.none(), TEXT, JSON))}}
    return draw(JSON) if draw(st.integers(0, 4)) == 0 else page


@st.composite
def packument(draw: st.DrawFn, name: str, tarball: str) -> Any:
    meta: dict[str, Any] = {"name": name, "version": "1.0.0", "dist": {"tarball": tarball}}
    for key in draw(st.lists(st.sampled_from(["dist", "dependencies", "repository", "license", "bin"]), max_size=2)):
        meta[key] = draw(JSON)
    doc: Any = {"name": name, "dist-tags": {"latest": "1.0.0"}, "versions": {"1.0.0": meta}}
    if draw(st.booleans()):
        doc["dist-tags"] = draw(JSON)
    return draw(JSON) if draw(st.integers(0, 4)) == 0 else doc
