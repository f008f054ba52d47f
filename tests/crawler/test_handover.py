"""A hand-over to a dependency that answers 404: the server is stored with what its own package declares and the
version read, and on a night when nothing changed its package is not downloaded again (at most one request)."""

import json
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from catalog.database import reading
from tests.crawler.test_packages import npm_tarball
from tests.upstream import Answer, Upstream, mcprisk_crawl, serve

LAUNCHER = npm_tarball(
    {
        "package/package.json": json.dumps(
            {"name": "gone-launcher", "bin": {"launch": "cli.js"}, "dependencies": {"gone-mcp": "1.0.0"}}
        ).encode(),
        "package/cli.js": b'#!/usr/bin/env node\nrequire("gone-mcp/dist/index.js");\n',
    }
)


class Npm(Upstream):
    def answer(self, path: str) -> Answer:
        path = unquote(urlsplit(path).path)
        if path == "/v0.1/servers":
            server = {
                "name": "io.github.acme/gone",
                "packages": [{"registryType": "npm", "identifier": "gone-launcher", "version": "1.0.0"}],
            }
            return Answer(body={"servers": [{"server": server}], "metadata": {}})
        if path == "/gone-launcher":
            meta = {
                "name": "gone-launcher",
                "version": "1.0.0",
                "dist": {"tarball": f"{Npm.base}/tarballs/gone-launcher.tgz"},
                "dependencies": {"gone-mcp": "1.0.0"},
            }
            return Answer(body={"name": "gone-launcher", "dist-tags": {"latest": "1.0.0"}, "versions": {"1.0.0": meta}})
        if path == "/tarballs/gone-launcher.tgz":
            return Answer(body=LAUNCHER)
        return Answer(404, {"error": "not found"}, cacheable=False)


def test_a_dependency_answering_404_ends_the_hand_over_and_is_not_asked_again(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with serve(Npm) as base:
        env = {**os.environ, "MCPRISK_NPM_REGISTRY_URL": base, "MCPRISK_REGISTRY_URL": base}
        code, summary, stderr = mcprisk_crawl(db, "--source", "registry,npm", env=env)
        assert summary["npm"]["handovers_failed"] == 1 and "dependency gone-mcp could not be read: HTTP 404" in stderr
        with reading(f"sqlite:///{db}") as reader:
            extra = reader.one("SELECT extra FROM server", json_columns=("extra",))["extra"]
        assert extra["npm_read"] == "gone-launcher@1.0.0"  # was: never stored, so read again every night
        Npm.seen.clear()
        code, summary, _ = mcprisk_crawl(db, "--source", "npm", env=env)
    npm = [s.path for s in Npm.seen]
    assert len(npm) <= 1 and not any("tarballs" in p or "gone-mcp" in p for p in npm), npm
