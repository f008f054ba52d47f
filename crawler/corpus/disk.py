"""A corpus of MCP servers on disk, and what each upstream URL answers for it: the registry, npm, PyPI, GitHub.

A corpus folder holds ``registry/page-N.json`` (registry pages in the current shape, linked by
``metadata.nextCursor``), ``servers/{owner}/{repo}/`` (each server's source tree: its GitHub repository, and
the package it publishes, built from its ``package.json`` or ``pyproject.toml``), ``github.json`` (repository
metadata by owner/repo) and ``awesome.md`` (an awesome list naming the repositories). The bundled sample is
one; the crawl benchmark and the kill test generate bigger ones. ``crawler.corpus.serve`` serves it.

Packages and archives are built from the source trees when first asked, deterministically (sorted members,
fixed times), so an edited source is a new release with a new checksum and nothing binary is kept in the
repository. The registry honours ``updated_since``.
"""

import gzip
import hashlib
import io
import json
import re
import tarfile
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

SAMPLE_DIR = Path(__file__).parent / "sample"
MTIME = 1_763_000_000  # every member of a built archive: the same bytes whenever the sources are the same
SKIPPED = {"__pycache__", "node_modules", ".git"}


@dataclass
class Reply:
    status: int
    body: bytes = b""
    kind: str = "application/json"


class Corpus:
    """What each URL of the corpus answers; archives are built on first use and kept."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pages = [
            json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((folder / "registry").glob("page-*.json"), key=lambda p: int(p.stem.split("-")[1]))
        ]
        github = folder / "github.json"
        self.github: dict[str, Any] = json.loads(github.read_text(encoding="utf-8")) if github.exists() else {}
        self.packages: dict[tuple[str, str], Path] = {}  # (npm|pypi, name) -> source tree
        for page in self.pages:
            for entry in page["servers"]:
                server = entry["server"]
                tree = self.tree((server.get("repository") or {}).get("url", ""))
                for package in server.get("packages") or []:
                    if tree is not None and package.get("registryType") in ("npm", "pypi"):
                        self.packages[(package["registryType"], package["identifier"])] = tree
        self.built: dict[tuple[str, str], bytes] = {}
        self.lock = threading.Lock()

    def tree(self, repository_url: str) -> Path | None:
        found = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?", repository_url)
        folder = self.folder / "servers" / found[1] / found[2] if found else None
        return folder if folder is not None and folder.is_dir() else None

    def answer(self, base: str, path: str, query: dict[str, list[str]]) -> Reply:
        parts = [unquote(p) for p in path.strip("/").split("/")]
        try:
            if parts[:2] == ["v0.1", "servers"] and len(parts) == 2:
                return self.registry_page(query)
            if parts[0] == "npm":
                return self.npm(base, parts[1:])
            if parts[:2] == ["pypi", "pypi"]:
                return self.pypi_json(base, parts[2], parts[3] if len(parts) == 5 else None)
            if parts[:2] == ["pypi", "packages"]:
                return self.pypi_file(parts[2])
            if parts[:2] == ["github", "repos"] and len(parts) >= 4:
                return self.github_answer(parts[2], parts[3], parts[4:])
            if parts == ["awesome", "README.md"]:
                return Reply(200, (self.folder / "awesome.md").read_bytes(), "text/markdown")
        except (KeyError, IndexError, StopIteration, FileNotFoundError):
            pass
        return Reply(404, b'{"error": "not found"}')

    # -- the registry ----------------------------------------------------------------------------

    def registry_page(self, query: dict[str, list[str]]) -> Reply:
        cursor = query.get("cursor", [None])[0]
        index = 0
        if cursor:
            index = 1 + next(i for i, p in enumerate(self.pages) if p["metadata"].get("nextCursor") == cursor)
        page = self.pages[index]
        since = query.get("updated_since", [""])[0]
        entries = [e for e in page["servers"] if _updated(e) > since]
        return _json({"servers": entries, "metadata": {**page["metadata"], "count": len(entries)}})

    # -- npm -------------------------------------------------------------------------------------

    def npm(self, base: str, parts: list[str]) -> Reply:
        if "-" in parts:  # /npm/{name}/-/{file}.tgz
            name = "/".join(parts[: parts.index("-")])
            return Reply(200, self.npm_tarball(name), "application/octet-stream")
        name = "/".join(parts)
        tree = self.packages[("npm", name)]
        meta = json.loads((tree / "package.json").read_text(encoding="utf-8"))
        tarball = self.npm_tarball(name)
        version = meta["version"]
        file = f"{name.rsplit('/', 1)[-1]}-{version}.tgz"
        release = {
            **{k: meta[k] for k in ("name", "version", "description", "license", "repository") if k in meta},
            "dependencies": meta.get("dependencies", {}),
            "dist": {
                "tarball": f"{base}/npm/{quote(name, safe='@/')}/-/{file}",
                "shasum": hashlib.sha1(tarball).hexdigest(),
            },
        }
        return _json({"name": name, "dist-tags": {"latest": version}, "versions": {version: release}})

    def npm_tarball(self, name: str) -> bytes:
        """What ``npm pack`` would publish: package.json, README and the ``files`` it lists, under ``package/``."""
        tree = self.packages[("npm", name)]
        listed = json.loads((tree / "package.json").read_text(encoding="utf-8")).get("files")
        keep = {"package.json", "README.md", *(f.strip("/") for f in listed)} if listed else None
        return self.build(("npm", name), tree, "package", lambda rel: keep is None or rel.split("/", 1)[0] in keep)

    # -- PyPI ------------------------------------------------------------------------------------

    def pypi_json(self, base: str, name: str, version: str | None) -> Reply:
        tree = self.packages[("pypi", name)]
        project = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        if version is not None and version != project["version"]:
            return Reply(404, b'{"message": "Not Found"}')
        sdist = self.sdist(name)
        licence = project.get("license")
        urls = project.get("urls", {})
        info = {
            "name": project["name"],
            "version": project["version"],
            "summary": project.get("description"),
            "license": licence.get("text") if isinstance(licence, dict) else licence,
            "project_urls": urls,
            "home_page": urls.get("Homepage"),
        }
        file = _sdist_name(name, project["version"]) + ".tar.gz"
        files = [
            {
                "packagetype": "sdist",
                "filename": file,
                "url": f"{base}/pypi/packages/{file}",
                "size": len(sdist),
                "digests": {"sha256": hashlib.sha256(sdist).hexdigest()},
            }
        ]
        return _json({"info": info, "urls": files})

    def pypi_file(self, file: str) -> Reply:
        name = next(n for kind, n in self.packages if kind == "pypi" and file.startswith(_sdist_name(n, "")))
        return Reply(200, self.sdist(name), "application/octet-stream")

    def sdist(self, name: str) -> bytes:
        tree = self.packages[("pypi", name)]
        version = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
        return self.build(("pypi", name), tree, _sdist_name(name, version), lambda rel: True)

    # -- GitHub ----------------------------------------------------------------------------------

    def github_answer(self, owner: str, repo: str, rest: list[str]) -> Reply:
        key = f"{owner}/{repo}"
        tree = self.tree(f"https://github.com/{key}")
        meta = self.github[key]
        if tree is None:
            raise KeyError(key)
        if rest == ["readme"]:
            return Reply(200, (tree / "README.md").read_bytes(), "text/plain")
        archive = self.build(("github", key), tree, f"{owner}-{repo}-{self.commit(key)[:7]}", lambda rel: True)
        if len(rest) == 2 and rest[0] == "tarball":
            return Reply(200, archive, "application/x-gzip")
        if rest:
            raise KeyError(key)
        # An edited tree is a new push: the day github.json gives, at a time of day drawn from the content.
        second = int(self.commit(key), 16) % 86400
        pushed = f"{meta['pushed_at']}T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}Z"
        return _json(
            {
                "full_name": key,
                "description": meta.get("description"),
                "stargazers_count": meta.get("stargazers_count", 0),
                "license": {"spdx_id": meta["license"]} if meta.get("license") else None,
                "pushed_at": pushed,
                "archived": meta.get("archived", False),
                "default_branch": meta.get("default_branch", "main"),
                "topics": meta.get("topics", []),
            }
        )

    def commit(self, key: str) -> str:
        """A stand-in commit id: the digest of the repository's files."""
        tree = self.tree(f"https://github.com/{key}")
        assert tree is not None
        digest = hashlib.sha1()
        for rel, data in _members(tree):
            digest.update(rel.encode() + b"\0" + data)
        return digest.hexdigest()

    # -- archives --------------------------------------------------------------------------------

    def build(self, key: tuple[str, str], tree: Path, prefix: str, keep: Any) -> bytes:
        with self.lock:
            if key not in self.built:
                self.built[key] = tar_gz((f"{prefix}/{rel}", data) for rel, data in _members(tree) if keep(rel))
            return self.built[key]


def tar_gz(members: Iterator[tuple[str, bytes]] | list[tuple[str, bytes]]) -> bytes:
    """A gzipped tar of ``(name, content)`` pairs: the same bytes for the same members, whenever built."""
    raw = io.BytesIO()
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed, tarfile.open(fileobj=packed, mode="w") as tar:
        for name, data in sorted(members):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), MTIME, 0o644
            tar.addfile(info, io.BytesIO(data))
    return raw.getvalue()


def _members(tree: Path) -> list[tuple[str, bytes]]:
    return sorted(
        (p.relative_to(tree).as_posix(), p.read_bytes())
        for p in tree.rglob("*")
        if p.is_file() and not SKIPPED.intersection(p.relative_to(tree).parts)
    )


def _sdist_name(name: str, version: str) -> str:
    return f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}"


def _updated(entry: dict[str, Any]) -> str:
    official = (entry.get("_meta") or {}).get("io.modelcontextprotocol.registry/official") or {}
    return str(official.get("updatedAt", ""))


def _json(value: Any) -> Reply:
    return Reply(200, json.dumps(value, indent=1).encode())


def is_corpus(folder: Path) -> bool:
    return (folder / "registry").is_dir()
