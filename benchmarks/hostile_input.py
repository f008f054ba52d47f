"""Peak memory and time of the worst hostile inputs of issue 19: archive metadata bombs and endless registries.

Run by hand: ``python benchmarks/hostile_input.py [--header-mb 1536] [--code PATH] [--seconds 30]``. Each case
runs in a fresh child process (its peak RSS is its own) under an address-space limit (``--memory-mb``, 3 GB by
default: the old code's 4.6 GB and 9.2 GB cases would otherwise take the shared machine down), and is cut at
``--seconds``. ``--code`` runs the cases against another checkout of mcprisk, e.g. an export of the commit before
the fix (``git archive 8efd680 | tar -x -C /tmp/before``).

Cases: a .tgz of about 1.5 MB whose pax extended header (or GNU long name) declares ``--header-mb`` MB; a
registry whose cursor never ends; a registry answering 429 with ``Retry-After: 3600``.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.crawler.hostile_archives import long_name_bomb, pax_bomb  # noqa: E402

UNPACK = """
import resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from pathlib import Path
from crawler.extract.archive import unpacked
started = time.monotonic()
try:
    with unpacked(Path({archive!r})):
        outcome = "unpacked"
except MemoryError:
    outcome = "MemoryError (over the address-space limit)"
except Exception as exc:
    outcome = f"{{type(exc).__name__}}: message of {{len(str(exc)):,}} chars: {{str(exc)[:90]!r}}"
elapsed = round(time.monotonic() - started, 2)
print(repr((outcome, elapsed, round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))))
"""

REGISTRY = """
import json, resource, subprocess, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
CURRENT = json.loads(open({examples!r}).read())
META = {{"io.modelcontextprotocol.registry/official": {{"status": "active", "publishedAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-02T00:00:00Z", "isLatest": True}}}}
seen = []

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        seen.append(self.path)
        page = int(parse_qs(urlsplit(self.path).query).get("cursor", ["0"])[0])
        status, headers = 200, {{}}
        servers = [{{"server": s, "_meta": META}} for s in CURRENT[:3]]
        body = {{"servers": servers, "metadata": {{"nextCursor": str(page + 1)}}}}
        if {throttled} and page:
            status, headers, body = 429, {{"Retry-After": "3600"}}, {{"error": "slow down"}}
        payload = json.dumps(body).encode()
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{{server.server_address[1]}}"
started = time.monotonic()
try:
    child = subprocess.run([sys.executable, "-c", "from mcprisk.cli import main; main()", "crawl", "--source",
                            "registry", "--registry-url", base, "--db", {db!r}, "--json"],
                           capture_output=True, text=True, timeout={seconds})
    outcome, stderr = f"exit {{child.returncode}}", child.stderr
except subprocess.TimeoutExpired as exc:
    outcome, stderr = "still running at the time limit", (exc.stderr or b"").decode(errors="replace")
elapsed = time.monotonic() - started
waits = [line.strip()[-150:] for line in stderr.splitlines() if "wait" in line]
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(repr((outcome, round(elapsed, 1), round(peak), len(seen), waits[:2])))
"""

EXAMPLES = ROOT / "tests" / "data" / "shared" / "registry" / "current-format-examples.json"


def run(code: str, path: Path, seconds: float) -> tuple:
    env = {**os.environ, "PYTHONPATH": str(path)}
    try:
        child = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=seconds + 30, env=env, cwd=path
        )
    except subprocess.TimeoutExpired:
        return (f"killed after {seconds + 30:.0f} s",)
    last = child.stdout.strip().splitlines()[-1:] or [f"no result: {child.stderr.strip()[-300:]}"]
    try:
        return eval(last[0])  # noqa: S307 (our own child's repr)
    except SyntaxError:
        return (last[0],)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--header-mb", type=int, default=1536)
    parser.add_argument("--code", type=Path, default=ROOT, help="the mcprisk checkout to measure")
    parser.add_argument("--seconds", type=float, default=30.0, help="time limit of each registry case")
    parser.add_argument("--memory-mb", type=int, default=3072)
    args = parser.parse_args()
    results: dict[str, object] = {"code": str(args.code)}
    with tempfile.TemporaryDirectory() as folder:
        for name, build in (("pax header", pax_bomb), ("GNU long name", long_name_bomb)):
            archive = build(Path(folder) / f"{name.replace(' ', '-')}.tgz", args.header_mb * 2**20)
            code = UNPACK.format(archive=str(archive), limit=args.memory_mb * 2**20)
            outcome = run(code, args.code, 600)
            size = archive.stat().st_size / 2**20
            results[f"{name}: {size:.1f} MB .tgz declaring {args.header_mb} MB"] = outcome
            print(f"{name} ({size:.2f} MB .tgz, {args.header_mb} MB header): {outcome}", flush=True)
        for name, throttled in (("endless cursor", False), ("Retry-After: 3600", True)):
            db = str(Path(folder) / f"{throttled}.db")
            code = REGISTRY.format(examples=str(EXAMPLES), throttled=throttled, db=db, seconds=args.seconds)
            started = time.monotonic()
            outcome = run(code, args.code, args.seconds)
            results[name] = outcome
            print(f"{name}: {outcome} ({time.monotonic() - started:.0f} s)", flush=True)
    print(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
