"""Tools declared in JavaScript a server never runs are not tools: files no entry point reaches, and top-level
bindings nothing uses; and the cases where the code cannot tell, where nothing is dropped (reach/). And the
dependency a package that declares no tool hands over to, found through its entry points' own modules."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from crawler.extract import extract
from tests.crawler.extract.javascript.support import FIXTURES


def names(path: Path) -> set[str]:
    return {t.name for t in extract(path).tools}


def copy(fixture: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / fixture, tmp_path / fixture))


def test_a_file_no_entry_point_reaches_declares_no_tool() -> None:
    # scale.js is reached through index.js, and reaches config/defaults.js for its description
    result = extract(FIXTURES / "js-unreached-config")
    assert {t.name for t in result.tools} == {"list_pods", "scale_deployment"}  # not create_deployment
    scale = next(t for t in result.tools if t.name == "scale_deployment")
    assert scale.description == "Scale a deployment (namespace default unless told)."


def test_specifiers_of_the_packages_own_import_map_are_followed() -> None:
    # `#tools/garden` through `"#tools/*": "./dist/tools/*.js"`, `#text` through the condition Node meets
    # (`node`, not `types` nor the browser's `default`); dist/tools/unused.js is reached by nothing
    result = extract(FIXTURES / "js-subpath-imports")
    assert [(t.name, t.description) for t in result.tools] == [("water_bed", "Water one bed of the garden.")]


def test_an_entry_point_that_cannot_be_read_keeps_every_tool(tmp_path: Path) -> None:
    package = copy("js-unreached-config", tmp_path)
    assert names(package) == {"list_pods", "scale_deployment"}
    manifest = json.loads((package / "package.json").read_text())
    manifest["bin"] = {"cluster-mcp": "build/index.js"}  # a GitHub checkout: `npm run build` never ran
    (package / "package.json").write_text(json.dumps(manifest))
    assert names(package) == {"list_pods", "scale_deployment", "create_deployment"}
    manifest["bin"] = {"cluster-mcp": "bin/cluster"}  # a shell script: what it runs is not read
    (package / "bin").mkdir()
    (package / "bin" / "cluster").write_text('#!/bin/sh\nexec node "$(dirname "$0")/../dist/index.js"\n')
    (package / "package.json").write_text(json.dumps(manifest))
    assert names(package) == {"list_pods", "scale_deployment", "create_deployment"}
    (package / "bin" / "cluster").write_text('#!/usr/bin/env node\nimport "../dist/index.js";\n')
    assert names(package) == {"list_pods", "scale_deployment"}
    (package / "package.json").unlink()  # no manifest: no entry point either
    assert names(package) == {"list_pods", "scale_deployment", "create_deployment"}


def test_a_package_without_named_entry_points_starts_at_index_js(tmp_path: Path) -> None:
    package = copy("js-unreached-config", tmp_path)
    (package / "package.json").write_text(json.dumps({"name": "cluster-mcp"}))
    assert names(package) == {"list_pods", "scale_deployment", "create_deployment"}  # no index.js: no filter
    (package / "index.js").write_text('import "./dist/tools/pods.js";\n')
    assert names(package) == {"list_pods"}


def test_a_package_that_loads_modules_by_computed_names_keeps_every_tool(tmp_path: Path) -> None:
    package = copy("js-unreached-config", tmp_path)
    entry, source = package / "dist" / "index.js", (package / "dist" / "index.js").read_text()
    entry.write_text(source + 'const extra = require("./plugins/" + process.env.CLUSTER_PLUGIN);\n')
    assert names(package) == {"list_pods", "scale_deployment"}  # ./plugins/ is all it may load
    entry.write_text(source + "const extra = require(process.env.CLUSTER_PLUGIN);\n")
    assert names(package) == {"list_pods", "scale_deployment", "create_deployment"}


def test_a_server_file_launched_in_a_child_process_is_reached() -> None:
    # cli.js names server.js in path.join(__dirname, "server.js"); server.js requires ./plugins (its index.js)
    assert names(FIXTURES / "js-launched-server") == {"add_note", "tag_note"}  # not legacy-server.js's tool


def test_every_leaf_of_an_exports_map_is_an_entry_point() -> None:
    # fetch_page: only the `require` condition reaches it; list_indexes: a subpath export under a nested
    # condition; search_web: a module loaded by `import(`./providers/${provider}.js`)`
    tools = names(FIXTURES / "js-conditional-exports")
    assert tools == {"search", "search_web", "fetch_page", "list_indexes"}  # not experimental.js's rebuild_index


def test_an_exports_leaf_that_is_missing_keeps_every_tool(tmp_path: Path) -> None:
    package = copy("js-conditional-exports", tmp_path)
    assert "rebuild_index" not in names(package)
    (package / "dist" / "index.d.ts").unlink()
    assert "rebuild_index" in names(package)


def test_typescript_sources_run_by_their_entry_point(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "package.json").write_text(json.dumps({"name": "ts-run", "bin": "src/index.ts"}))
    (tmp_path / "src" / "index.ts").write_text('import { tools } from "./tools.js";\nexport default tools;\n')
    tool = '{{ name: "{}", description: "A tool.", inputSchema: {{ type: "object", properties: {{}} }} }}'
    (tmp_path / "src" / "tools.ts").write_text(f"export const tools = [{tool.format('live_tool')}];\n")
    (tmp_path / "src" / "old.ts").write_text(f"export const tools = [{tool.format('old_tool')}];\n")
    assert names(tmp_path) == {"live_tool"}


def test_tool_data_held_by_a_binding_nothing_uses_is_dead() -> None:
    # drag and scroll: top-level, unexported, used nowhere; screenshot: exported; snapshot: inside a function
    assert names(FIXTURES / "js-bundled-bindings") == {
        "browser_click",
        "browser_hover",
        "browser_screenshot",
        "browser_snapshot",
    }


def test_a_nested_package_is_judged_by_its_own_entry_points(tmp_path: Path) -> None:
    package = copy("js-unreached-config", tmp_path)
    plugin = package / "plugins" / "helm"
    (plugin / "lib").mkdir(parents=True)
    tool = '{{ name: "{}", description: "A tool.", inputSchema: {{ type: "object", properties: {{}} }} }}'
    (plugin / "lib" / "install.js").write_text(f"export const install = {tool.format('helm_install')};\n")
    (plugin / "lib" / "old.js").write_text(f"export const old = {tool.format('helm_old')};\n")
    (plugin / "package.json").write_text(json.dumps({"name": "helm-plugin", "main": "dist/index.js"}))  # not built
    assert names(package) == {"list_pods", "scale_deployment", "helm_install", "helm_old"}
    (plugin / "package.json").write_text(json.dumps({"name": "helm-plugin", "main": "lib/install.js"}))
    assert names(package) == {"list_pods", "scale_deployment", "helm_install"}


def test_hostile_depth_in_package_json_and_specifiers_never_crashes(tmp_path: Path) -> None:
    deep = tmp_path / "deep"
    deep.mkdir()
    (deep / "package.json").write_text('{"name": "deep", "exports": ' + "[" * 50_000 + "]" * 50_000 + "}")
    (deep / "index.js").write_text("export const t = {name: 'kept', description: 'Kept', inputSchema: {}};\n")
    (deep / "other.js").write_text("export const u = {name: 'also_kept', description: 'Kept', inputSchema: {}};\n")
    assert names(deep) == {"kept", "also_kept"}  # a package.json too deep to read: the package is left alone
    chained = tmp_path / "chained"
    (chained / "lib").mkdir(parents=True)
    (chained / "package.json").write_text('{"name": "chained", "main": "index.js"}')
    (chained / "index.js").write_text(
        "const t = require('./plugins/' + " + " + ".join(["name"] * 5_000) + ");\n"
        "export const tools = [{name: 'kept', description: 'Kept', inputSchema: {}}];\n"
    )
    (chained / "plugins").mkdir()
    (chained / "plugins" / "x.js").write_text("export const p = {name: 'plugin', description: 'P', inputSchema: {}};\n")
    (chained / "lib" / "far.js").write_text("export const f = {name: 'far', description: 'Far', inputSchema: {}};\n")
    assert names(chained) == {"kept", "plugin"}  # under the computed prefix: reachable; `far.js`: nothing reaches it
    mapped = tmp_path / "mapped"
    mapped.mkdir()
    (mapped / "package.json").write_text(
        '{"name": "mapped", "main": "index.js", "imports": {"#x": ' + '{"node": ' * 900 + '"./x.js"' + "}" * 900 + "}}"
    )
    (mapped / "index.js").write_text("import '#x';\nexport const t = {name: 'kept', description: 'K', inputSchema: {}}")
    (mapped / "x.js").write_text("export const u = {name: 'nested', description: 'N', inputSchema: {}};\n")
    assert names(mapped) == {"kept", "nested"}  # a target nested 900 deep names no file found: every file may run


def test_delegation_is_found_through_the_entry_points_own_modules() -> None:
    result = extract(FIXTURES / "js-delegating-cli")
    assert result.delegates_to == ["ledger-config", "ledger-tools"]  # not the SDK, not an unused dependency
    assert [(t.name, t.origin) for t in result.tools] == [("ledger_transfer", "readme")]


def test_the_packages_a_dynamic_import_hands_over_to_come_in_the_same_order_every_run(tmp_path: Path) -> None:
    """A computed `import(`./tools/${name}.js`)` reaches every file under its folder: they are walked in the tree's
    order, not a set's, whose order changes with the interpreter's hash seed."""
    names = [f"dep-{letter}" for letter in "abcdefgh"]
    (tmp_path / "package.json").write_text(
        json.dumps({"name": "shim", "main": "index.js", "dependencies": dict.fromkeys(names, "1")})
    )
    (tmp_path / "index.js").write_text("const name = process.argv[2];\nimport(`./tools/${name}.js`);\n")
    (tmp_path / "tools").mkdir()
    for name in names:
        (tmp_path / "tools" / f"{name}.js").write_text(f'import "{name}";\n')
    code = f"from crawler.extract import extract; print(extract({str(tmp_path)!r}).delegates_to)"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2", "3", "4", "5")
    }
    assert len(runs) == 1
    (only,) = runs
    assert all(name in only for name in names)


def test_a_tool_object_exported_and_never_imported_is_not_a_tool() -> None:
    # vents.js is reached (it exports the meta-tool the server registers) and keeps the older per-action tools
    # exported, which no module imports; sensors.js is imported whole and its exports iterated: all are tools
    assert names(FIXTURES / "js-unimported-exports") == {"manage_vents", "read_humidity", "read_temperature"}


def test_an_exported_tool_object_named_anywhere_else_stays(tmp_path: Path) -> None:
    package = copy("js-unimported-exports", tmp_path)
    index = package / "build" / "index.js"
    index.write_text(index.read_text().replace("{ manageVentsTool }", "{ manageVentsTool, openVentTool }"))
    assert names(package) == {"open_vent", "manage_vents", "read_humidity", "read_temperature"}


def test_a_typescript_source_whose_compiled_twin_nothing_runs_declares_no_tool(tmp_path: Path) -> None:
    # the entry runs dist/; src/tools/decorate.ts is dead as its twin dist/tools/decorate.js is (exported by
    # default, so not judged as an unimported export); once the server imports it, both are alive
    assert names(FIXTURES / "ts-source-beside-build") == {"bake_bread"}
    package = copy("ts-source-beside-build", tmp_path)
    index = package / "dist" / "tools" / "index.js"
    index.write_text('import "./decorate.js";\n' + index.read_text())
    assert names(package) == {"bake_bread", "decorate_cake"}
