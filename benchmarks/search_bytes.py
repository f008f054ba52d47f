"""What a search on the site transfers: the chunked index (catalog/publish/search_index.py) at 100,000 tools.

Run by hand: ``python benchmarks/search_bytes.py [--servers 10000] [--tools-per-server 10]``.
Builds a synthetic catalogue, makes the search index files exactly as the site build does, then, for a few
queries, adds up the files the search page loads (search-index.js, one word chunk per query word, the entry chunks
of the first 30 results) the way search.js picks them. Prints the bytes per query, the largest chunk, and the whole
index (what a single-file index would make every search page load).

Measured (query_latency.py's synthetic catalogue): at 100,000 tools 7 to 236 kB a query, the whole index 24 MB;
at 500,000 tools (``--db`` a catalogue of 50,000 servers x 10) 37 to 389 kB a query ('server 5000' 51 kB, the
word 'server' being in every entry), the whole index 126 MB in 37,329 files, built in 272 s on a loaded machine.
"""

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

from query_latency import build as build_catalogue

from catalog.database import reading
from catalog.publish import data, search_index

QUERIES = ("get job", "critical", "delete file", "poisoned", "server 5000", "genration")
SHOWN = 30


def words(query: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", query).lower()
    return [w for w in re.findall(r"[^\W_]+", spaced) if w not in search_index.STOP]


def transferred(files: dict[str, bytes], query: str, per: int) -> tuple[int, int]:
    """Bytes the page loads for ``query`` and how many results it finds, following search.js's choices."""
    loaded = {"search-index.js"}
    sets = []
    manifest = json.loads(files["search-index.js"].decode().split("=", 1)[1].rstrip(";\n"))
    for word in [w for w in words(query) if w not in manifest["common"]]:
        names = [n for n in _chunks_for(files, word) if n in files]
        loaded.update(names)
        chunk = {t: g for n in names for t, g in _chunk(files[n]).items()}
        found: set[int] = set()
        for term, gaps in chunk.items():
            if term == word or term.startswith(word):
                ids, at = [], 0
                for i, g in enumerate(gaps):
                    at = g if i == 0 else at + g
                    ids.append(at)
                found.update(ids)
        sets.append(found)
    results = sorted(set.intersection(*sets)) if sets else []
    loaded |= {f"search/e-{i // per}.js" for i in results[:SHOWN]}
    return sum(len(files[f]) for f in loaded if f in files), len(results)


def _chunks_for(files: dict[str, bytes], word: str) -> list[str]:
    """As search.js's chunksFor: the longest chunk for the word, and the few chunks under a short word."""
    found = []
    for length in range(min(len(word), 12), 0, -1):
        if f"search/w-{search_index.chunk_key(word, length)}.js" in files:
            found.append(f"search/w-{search_index.chunk_key(word, length)}.js")
            break
    own = f"search/w-{search_index.chunk_key(word, len(word))}"
    under = [f for f in files if f.startswith(own) and f != own + ".js" and f.startswith("search/w-")]
    return found + (under if len(under) <= 8 else [])


def _chunk(script: bytes) -> dict[str, list[int]]:
    text = script.decode()
    body = text[text.index(",") + 1 : text.rindex(")")]
    return json.loads(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--servers", type=int, default=10_000)
    parser.add_argument("--tools-per-server", type=int, default=10)
    parser.add_argument("--db", type=Path, help="an existing catalogue (e.g. one query_latency.py built) instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mcprisk-search-bench-") as folder:
        db = args.db or Path(folder) / "bench.db"
        if args.db is None:
            build_catalogue(db, args.servers, args.tools_per_server)
        start = time.perf_counter()
        with reading(f"sqlite:///{db}") as reader:
            catalogue = data.load(reader)
        files = search_index.build(catalogue)
        took = time.perf_counter() - start
    total = sum(len(v) for v in files.values())
    chunks = {k: len(v) for k, v in files.items() if k.startswith("search/w-")}
    largest = max(chunks, key=chunks.__getitem__)
    print(f"{len(catalogue.tools):,} tools, {len(catalogue.servers):,} servers: index of {len(files):,} files, "
          f"{total / 1e6:.1f} MB in all (load and build {took:.1f} s)")  # fmt: skip
    manifest = json.loads(files["search-index.js"].decode().split("=", 1)[1].rstrip(";\n"))
    print(f"words in more than a quarter of the entries, left out: {', '.join(manifest['common'])}")
    print(f"largest word chunk {largest}: {chunks[largest] / 1e3:.0f} kB; manifest {len(files['search-index.js'])} B")
    for query in QUERIES:
        size, found = transferred(files, query, search_index.ENTRIES_PER_CHUNK)
        print(f"query {query!r}: {found:,} results, {size / 1e3:.0f} kB transferred")


if __name__ == "__main__":
    main()
