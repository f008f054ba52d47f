"""The item pipelines in a real crawl: extraction follows a package's hand-over to its dependencies, to a cap;
the registry's description of a server stands over its package's."""

import json
import os
import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlsplit

from crawler.spiders.packages import MAX_DELEGATION
from tests.crawler.test_packages import BUCKETS, npm_tarball
from tests.upstream import Answer, Upstream, mcprisk_crawl, serve

CHAIN = ["chain-a", "chain-b", "chain-c", "chain-d", "chain-e"]


def wrapper(name: str, dependency: str) -> bytes:
    """A package whose only code launches its dependency."""
    manifest = {"name": name, "bin": {"run": "cli.js"}, "dependencies": {dependency: "1.0.0"}}
    return npm_tarball(
        {
            "package/package.json": json.dumps(manifest).encode(),
            "package/cli.js": f'#!/usr/bin/env node\nrequire("{dependency}");\n'.encode(),
        }
    )


class Chain(Upstream):
    """One registry server whose npm package hands over to the next package of CHAIN, and so on."""

    def answer(self, path: str) -> Answer:
        url = unquote(urlsplit(path).path).strip("/")
        if url == "v0.1/servers":
            server = {"name": "io.github.acme/chain", "packages": [{"registryType": "npm", "identifier": CHAIN[0]}]}
            return Answer(200, {"servers": [{"server": server}], "metadata": {}})
        if url in CHAIN[:-1]:
            dist = {"tarball": f"{self.base}/files/{url}.tgz"}
            return Answer(200, {"dist-tags": {"latest": "1.0.0"}, "versions": {"1.0.0": {"dist": dist}}})
        if url.startswith("files/"):
            name = url.removeprefix("files/").removesuffix(".tgz")
            return Answer(200, wrapper(name, CHAIN[CHAIN.index(name) + 1]))
        return Answer(404, b"")


def test_hand_over_is_followed_to_the_depth_cap_and_the_server_still_stored(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with serve(Chain) as base:
        env = {**os.environ, "MCPRISK_REGISTRY_URL": base, "MCPRISK_NPM_REGISTRY_URL": base}
        code, summary, stderr = mcprisk_crawl(db, "--source", "registry,npm", env=env)
        asked = [s.path for s in Chain.seen if not s.path.startswith(("/v0.1", "/files"))]
    assert code == 0, stderr
    assert asked == [f"/{name}" for name in CHAIN[: MAX_DELEGATION + 1]]  # the root, then two hand-overs, no more
    assert summary["npm"]["artifacts"] == MAX_DELEGATION + 1 and summary["npm"]["servers_updated"] == 1
    with sqlite3.connect(db) as conn:
        sources = conn.execute("SELECT sources FROM server").fetchall()
    assert [json.loads(s) for (s,) in sources] == [["npm", "registry"]]


class Described(Upstream):
    """A registry entry and its npm package, each describing the server in its own words."""

    def answer(self, path: str) -> Answer:
        url = unquote(urlsplit(path).path).strip("/")
        if url == "v0.1/servers":
            package = {"registryType": "npm", "identifier": "notes-mcp", "version": "1.0.0"}
            server = {"name": "io.github.acme/notes", "description": "From the registry.", "packages": [package]}
            return Answer(200, {"servers": [{"server": server}], "metadata": {}})
        if url == "notes-mcp":
            release = {"dist": {"tarball": f"{self.base}/files/notes.tgz"}, "description": "From npm."}
            packument = {"description": "From npm.", "dist-tags": {"latest": "1.0.0"}, "versions": {"1.0.0": release}}
            return Answer(200, packument)
        if url == "files/notes.tgz":
            return Answer(200, BUCKETS)
        return Answer(404, b"")


def test_the_registry_s_description_stands_over_the_package_s_night_after_night(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with serve(Described) as base:
        env = {**os.environ, "MCPRISK_REGISTRY_URL": base, "MCPRISK_NPM_REGISTRY_URL": base}
        for _ in range(2):  # the second night reads everything again
            code, summary, stderr = mcprisk_crawl(db, "--source", "registry,npm", "--full", env=env)
            assert code == 0, stderr
            with sqlite3.connect(db) as conn:
                assert conn.execute("SELECT description FROM server").fetchall() == [("From the registry.",)]
    assert summary["registry"].get("servers_updated", 0) == 0 and summary["npm"].get("servers_updated", 0) == 0
