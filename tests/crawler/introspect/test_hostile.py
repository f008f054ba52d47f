"""Each attack a server could try from inside the sandbox fails or is capped, the run ends with a clear reason,
and nothing outside the sandbox changes."""

import os
import socket
import threading
import time
import uuid
from pathlib import Path

import pytest

from crawler.introspect import outcome


def _description(result: outcome.Outcome) -> str:
    assert result.status == outcome.ANSWERED, (result.status, result.detail, result.stderr_tail)
    return result.tools[0]["description"]


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if marker.encode() in Path(entry.path, "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_network_connections_fail(hostile) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    accepted: list[object] = []

    def accept() -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not accepted:
            try:
                accepted.append(listener.accept())
            except TimeoutError:
                continue

    watcher = threading.Thread(target=accept)
    watcher.start()
    result = hostile("network", f"127.0.0.1:{listener.getsockname()[1]}")
    watcher.join()
    listener.close()
    said = _description(result)
    assert "loopback: failed" in said and "internet: failed" in said and "dns: failed" in said
    assert not accepted  # the host's loopback is not the sandbox's


def test_writes_outside_home_fail_and_change_nothing(hostile, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("before")
    own = tmp_path / "servers" / "hostile" / "server.py"  # the server's own (read-only) install
    result = hostile("write", f"{outside},{tmp_path}/new.txt,/usr/owned.txt,{own}")
    said = _description(result)
    assert said.count("failed") == 4 and "home: written" in said
    assert outside.read_text() == "before" and not (tmp_path / "new.txt").exists()
    assert "hostile" in own.read_text() and not Path("/usr/owned.txt").exists()


def test_real_home_keys_and_environment_stay_unreadable(hostile, tmp_path: Path, monkeypatch) -> None:
    canary = f"canary-{uuid.uuid4().hex}"
    monkeypatch.setenv("MCPRISK_TEST_SECRET", canary)
    secret = tmp_path / "id_rsa"
    secret.write_text(canary)
    home = Path.home() / ".bashrc"
    result = hostile("read", f"{secret},{home}")
    said = _description(result)
    assert canary not in said and "MCPRISK_TEST_SECRET" not in said
    assert f"{secret}: failed" in said and f"{home}: failed" in said and "ssh: failed" in said
    assert "parent: failed" in said or canary not in said


def test_fork_bomb_is_capped(hostile) -> None:
    started = time.monotonic()
    result = hostile("fork", processes=40)
    said = _description(result)
    made = int(said.split("forks: ")[1].split()[0])
    assert made < 200 and "then BlockingIOError" in said  # 40 more than nobody ran when it started
    assert time.monotonic() - started < 20


def test_ten_gibibytes_are_refused(hostile) -> None:
    said = _description(hostile("memory", memory_bytes=512 * 2**20))
    assert "10 GiB: failed MemoryError" in said


def test_a_server_that_never_answers_times_out(hostile) -> None:
    started = time.monotonic()
    result = hostile("never", wall_seconds=3.0)
    assert result.status == outcome.TIMED_OUT and "time limit" in result.detail
    assert time.monotonic() - started < 15


def test_garbage_on_stdout_is_not_a_stdio_server(hostile) -> None:
    result = hostile("garbage", wall_seconds=3.0, output_bytes=2 * 2**20)
    assert result.status in (outcome.NOT_STDIO, outcome.TOO_LARGE)
    assert result.tools == []


def test_a_million_tools_in_one_answer_hit_the_output_cap(hostile) -> None:
    result = hostile("million", output_bytes=4 * 2**20)
    assert result.status == outcome.TOO_LARGE and "cap" in result.detail and result.tools == []


def test_endless_pages_of_tools_are_capped(hostile) -> None:
    result = hostile("pages", tools=2500)
    assert result.status == outcome.ANSWERED and len(result.tools) == 2500
    assert "2,500 tools" in result.detail


def test_a_100_megabyte_description_hits_the_output_cap(hostile) -> None:
    result = hostile("huge_description", output_bytes=8 * 2**20)
    assert result.status == outcome.TOO_LARGE and result.tools == []


def test_a_child_left_running_is_killed(hostile) -> None:
    marker = f"mcprisk-left-{uuid.uuid4().hex}"
    result = hostile("child", marker)
    assert "child left running" in _description(result)
    deadline = time.monotonic() + 5
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_with(marker) == []


@pytest.mark.parametrize("mode", ["never", "fork"])
def test_nothing_of_a_run_survives_it(hostile, mode: str, tmp_path: Path) -> None:
    hostile(mode, wall_seconds=3.0, processes=30)
    assert _processes_with(str(tmp_path / "servers" / "hostile")) == []
