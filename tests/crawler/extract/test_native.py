"""A package shipping its server as a native executable (a Go or Rust binary under `vendor/` or `bin/`, started by a
JavaScript launcher) declares no tool any extractor can read: its README's tool-like names are not taken for its
tools. A native library beside code (a `.node` addon) is no such executable, and the README stays the fallback."""

from pathlib import Path

from crawler.extract import extract

_README = "# Kiln\n\n## Tools\n\n- `allow` - let a command run\n- `forbid` - stop a command\n"
_LAUNCHER = (
    '#!/usr/bin/env node\nconst { spawn } = require("child_process");\nconst path = require("path");\n'
    'const binary = path.join(__dirname, "..", "vendor", `${process.platform}-${process.arch}`, "kiln-server");\n'
    'spawn(binary, process.argv.slice(2), { stdio: "inherit" }).on("exit", (code) => process.exit(code));\n'
)


def _package(root: Path, binary: str, head: bytes) -> Path:
    (root / "bin").mkdir(parents=True)
    (root / "package.json").write_text('{"name": "kiln-mcp", "version": "1.0.0", "bin": {"kiln": "bin/kiln.js"}}')
    (root / "README.md").write_text(_README)
    (root / "bin" / "kiln.js").write_text(_LAUNCHER)
    (root / binary).parent.mkdir(parents=True, exist_ok=True)
    (root / binary).write_bytes(head + bytes(64))
    return root


def test_a_package_shipping_a_native_server_names_no_readme_tools(tmp_path: Path) -> None:
    for binary, head in (("vendor/linux-x64/kiln-server", b"\x7fELF"), ("vendor/darwin-arm64/kiln-server",
                                                                         b"\xcf\xfa\xed\xfe")):
        result = extract(_package(tmp_path / head.hex(), binary, head))
        assert result.tools == []
        assert f"{binary}: a native executable: README not read" in result.warnings


def test_a_native_addon_beside_code_leaves_the_readme_as_fallback(tmp_path: Path) -> None:
    result = extract(_package(tmp_path, "build/Release/kiln.node", b"\x7fELF"))
    assert [tool.name for tool in result.tools] == ["allow", "forbid"]
    assert {tool.origin for tool in result.tools} == {"readme"}
