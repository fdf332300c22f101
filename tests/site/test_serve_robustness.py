"""The preview server (wizard.serve) under what a server meets: bursts, slow clients, stalled downloads, odd paths.

Everything runs on 127.0.0.1, with a bounded number of connections and generous "does not hang" bounds.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from wizard import serve
from wizard.serve import SiteServer, make_server

BIG_FILE_BYTES = 48 * 1024 * 1024


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small site with a folder, and a large file nothing compresses (served as it is on disk)."""
    root = tmp_path / "site"
    (root / "procedures" / "withdraw").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><title>Home</title><p>home</p>", encoding="utf-8")
    (root / "procedures" / "withdraw" / "index.html").write_text("<p>withdraw</p>", encoding="utf-8")
    (root / "404.html").write_text("<p>not here</p>", encoding="utf-8")
    with (root / "big.bin").open("wb") as big:
        big.truncate(BIG_FILE_BYTES)
    return root


def _start(server: SiteServer) -> tuple[int, threading.Thread]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server.server_address[1], thread


@pytest.fixture
def served(site: Path) -> Iterator[int]:
    """The site served from a thread, with a short request deadline; yields the port."""
    server = make_server(site, "127.0.0.1", 0, quiet=True, request_seconds=1.0)
    port, _ = _start(server)
    try:
        yield port
    finally:
        server.shutdown()
        server.server_close()


def _ask(port: int, target: str, timeout: float = 20) -> bytes:
    """The raw answer to ``GET target`` (the whole response, read until the server closes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(f"GET {target} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _status_and_location(answer: bytes) -> tuple[int, str | None]:
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    location = re.search(r"^Location: (.*)$", head, re.MULTILINE | re.IGNORECASE)
    return int(head.split()[1]), location.group(1).strip() if location else None


@pytest.mark.reliability("fault")
def test_a_burst_of_200_connections_is_all_answered(served: int) -> None:
    assert SiteServer.request_queue_size >= 200
    answers: list[bytes] = [b""] * 200

    def one(index: int) -> None:
        answers[index] = _ask(served, "/index.html")

    threads = [threading.Thread(target=one, args=(i,)) for i in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [_status_and_location(a)[0] if a else 0 for a in answers] == [200] * 200
    assert all(a.endswith(b"<p>home</p>") for a in answers)


@pytest.mark.reliability("fault")
def test_slow_clients_are_dropped_and_do_not_stop_others(served: int) -> None:
    slow = []
    for _ in range(20):
        sock = socket.create_connection(("127.0.0.1", served), timeout=30)
        sock.sendall(b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the end of the headers
        slow.append(sock)
    try:
        started = time.monotonic()
        status, _ = _status_and_location(_ask(served, "/procedures/withdraw/"))
        assert status == 200 and time.monotonic() - started < 10
        # Each slow client is dropped once its request's time is up: the server closes without answering.
        for sock in slow:
            sock.sendall(b"X-Slow: 1\r\n")
            assert sock.recv(1024) == b""
        assert time.monotonic() - started < 20
    finally:
        for sock in slow:
            sock.close()


@pytest.mark.reliability("fault")
@pytest.mark.parametrize("target", ["/procedures", "//evil.example/procedures", "///evil.example/procedures",
                                    "/procedures/withdraw?next=//evil.example", "http://evil.example/procedures",
                                    "/procedures/../procedures/withdraw"])
def test_a_folder_redirect_stays_on_this_site(served: int, target: str) -> None:
    status, location = _status_and_location(_ask(served, target))
    if status == 404:
        return  # not a folder of this site: nothing to redirect to
    assert status == 301
    assert location in ("/procedures/", "/procedures/withdraw/")


def _rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))  # type: ignore[union-attr]


@pytest.fixture
def server_process(site: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """``python -m wizard.serve`` in a process of its own, logging requests; yields it and its port."""
    process = subprocess.Popen(
        [sys.executable, "-m", "wizard.serve", str(site), "--port", "0"],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stderr is not None
    first = process.stderr.readline()
    port = re.search(r":(\d+)/", first)
    assert port, first
    try:
        yield process, int(port.group(1))
    finally:
        process.terminate()
        if not process.stderr.closed:
            process.communicate(timeout=10)  # closes the pipe too


@pytest.mark.reliability("fault")
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's memory from /proc")
def test_stalled_downloads_do_not_hold_the_file_in_memory(
        server_process: tuple[subprocess.Popen[str], int]) -> None:
    process, port = server_process
    _ask(port, "/index.html")
    before = _rss_kib(process.pid)
    stalled = []
    try:
        for _ in range(8):  # 8 x 48 MB: 384 MB if each request read the whole file
            sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.sendall(b"GET /big.bin HTTP/1.0\r\n\r\n")
            assert sock.recv(4096).startswith(b"HTTP/1.0 200")
            stalled.append(sock)  # and read nothing more
        time.sleep(0.5)
        assert _status_and_location(_ask(port, "/index.html"))[0] == 200
        grown_mib = (_rss_kib(process.pid) - before) / 1024
        assert grown_mib < 24, f"the server grew by {grown_mib:.0f} MiB"
    finally:
        for sock in stalled:
            sock.close()


@pytest.mark.reliability("fault")
def test_a_dropped_connection_logs_one_line_and_no_traceback(
        server_process: tuple[subprocess.Popen[str], int]) -> None:
    process, port = server_process
    for _ in range(3):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.sendall(b"GET /big.bin HTTP/1.0\r\n\r\n")
        sock.recv(1024)
        # Reset, not a polite close: the server's next write fails at once.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        sock.close()
    assert _status_and_location(_ask(port, "/index.html"))[0] == 200
    # Each request's thread logs its dropped connection when its next write fails; on a busy machine that can
    # come after the answer above, so read the log until the three lines are there (or a generous while).
    dropped = "closed the connection before the answer was sent"
    lines: list[str] = []
    stderr = process.stderr  # named, so that the check below still holds inside the thread's function
    assert stderr is not None
    reader = threading.Thread(target=lambda: lines.extend(iter(stderr.readline, "")), daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    while "".join(lines).count(dropped) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.terminate()
    reader.join(timeout=10)
    log = "".join(lines)
    assert "Traceback" not in log and "Error" not in log, log
    assert log.count(dropped) == 3, log


def test_the_limits_are_bounded() -> None:
    # One request holds a chunk of a file, not the file; a slow request ends; threads are bounded.
    assert serve.CHUNK_BYTES <= 1024 * 1024
    assert 0 < serve.REQUEST_SECONDS <= 60 and 0 < serve.IDLE_SECONDS <= 120
    assert 0 < serve.MAX_THREADS <= 256
