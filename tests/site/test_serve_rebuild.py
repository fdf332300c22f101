"""`make serve` rebuilds aside and swaps: no request meets a half-built site, a failed build leaves the last good
one served with its errors for the page to show, and pages learn of a new build (wizard/rebuild.py)."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from wizard import rebuild
from wizard.serve import SiteServer, make_server

# A stand-in for `mkdocs build -d {out}`: slow (so requests arrive mid-build), it writes the page from the
# source file, or fails as the plugin does on a broken tree, quoting tree text.
FAKE_BUILD = """
import pathlib, sys, time
source, out = pathlib.Path(sys.argv[1]).read_text(), pathlib.Path(sys.argv[2])
out.mkdir(parents=True)
time.sleep(0.6)
if "BROKEN" in source:
    sys.exit("ERROR - trees/x.yaml:3:5: error: unknown key `<b>bold</b>` Allowed keys: title")
(out / "index.html").write_text("<html><body><p>" + source + "</p></body></html>")
"""


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[SiteServer, str, Path, rebuild.SwappingBuilder]]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><p>first</p></body></html>", encoding="utf-8")
    source = tmp_path / "source.txt"
    source.write_text("first", encoding="utf-8")
    (tmp_path / "build.py").write_text(FAKE_BUILD, encoding="utf-8")
    server = make_server(site, "127.0.0.1", 0, quiet=True)
    server.watch = rebuild.WatchState()
    builder = rebuild.SwappingBuilder(f"{sys.executable} {tmp_path / 'build.py'} {source} {{out}}",
                                      tmp_path / "site.builds", partial(setattr, server, "root"), server.watch)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _host, port = server.server_address[:2]
    try:
        yield server, f"http://127.0.0.1:{port}/", source, builder
    finally:
        server.shutdown()
        server.server_close()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def _build_while_reading(builder: rebuild.SwappingBuilder, url: str) -> tuple[bool, list[tuple[int, str]]]:
    """Run one build while reading the home page over and over; every answer seen."""
    seen: list[tuple[int, str]] = []
    result: list[bool] = []
    thread = threading.Thread(target=lambda: result.append(builder.build()))
    thread.start()
    while thread.is_alive():
        seen.append(_get(url))
    thread.join()
    seen.append(_get(url))
    return result[0], seen


@pytest.mark.reliability("fault")
def test_a_rebuild_is_swapped_in_whole_and_a_failed_one_keeps_the_last_good_site(
        watched: tuple[SiteServer, str, Path, rebuild.SwappingBuilder]) -> None:
    _server, url, source, builder = watched
    source.write_text("second", encoding="utf-8")
    ok, seen = _build_while_reading(builder, url)
    assert ok and len(seen) > 3
    assert all(status == 200 for status, _ in seen), "no request may meet a missing or half-built site"
    bodies = [("<p>first</p>" in body, "<p>second</p>" in body) for _, body in seen]
    first_new = bodies.index((False, True))
    assert all(old for old, _ in bodies[:first_new]) and all(new for _, new in bodies[first_new:])
    status = json.loads(_get(url + "__serve/status")[1])
    assert status == {"build": 1, "error": ""}

    source.write_text("BROKEN", encoding="utf-8")
    ok, seen = _build_while_reading(builder, url)
    assert not ok
    assert all(status == 200 and "<p>second</p>" in body for status, body in seen)
    error = json.loads(_get(url + "__serve/status")[1])
    assert error["build"] == 1
    assert "trees/x.yaml:3:5: error: unknown key `<b>bold</b>` Allowed keys: title" in error["error"]

    source.write_text("third", encoding="utf-8")
    assert builder.build()
    assert "<p>third</p>" in _get(url)[1] and json.loads(_get(url + "__serve/status")[1]) == {"build": 2, "error": ""}
    # The build served and the one before it are kept; the failed one and older ones are gone.
    assert sorted(p.name for p in builder.builds_dir.iterdir()) == ["1", "3"]


def test_a_connection_opened_before_a_rebuild_gets_the_new_build(
        watched: tuple[SiteServer, str, Path, rebuild.SwappingBuilder]) -> None:
    # A browser opens connections ahead of need: the page it reloads after a rebuild may come over one that was
    # opened, and waited, since before the swap.
    _server, url, source, builder = watched
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    for text in ("second", "third"):
        with socket.create_connection((host, int(port)), timeout=10) as early:
            source.write_text(text, encoding="utf-8")
            assert builder.build()
            early.sendall(f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
            answer = b""
            while chunk := early.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.0 200") and f"<p>{text}</p>".encode() in answer


def test_pages_carry_the_reload_script_which_shows_errors_as_text(
        watched: tuple[SiteServer, str, Path, rebuild.SwappingBuilder]) -> None:
    _, url, _, _ = watched
    status, page = _get(url)
    assert status == 200 and page.endswith('<script src="/__serve/reload.js" data-build="0"></script></body></html>')
    with urllib.request.urlopen(url + "__serve/reload.js", timeout=10) as response:
        script = response.read().decode()
        assert response.headers["Content-Type"].startswith("text/javascript")
        assert response.headers["Cache-Control"] == "no-store"
    assert script == rebuild.RELOAD_JS
    assert "innerHTML" not in script and "textContent = error" in script  # tree text never becomes markup


def test_without_watching_pages_are_served_as_built(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><body>x</body></html>", encoding="utf-8")
    server = make_server(tmp_path, "127.0.0.1", 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        assert _get(f"http://127.0.0.1:{port}/")[1] == "<html><body>x</body></html>"
        assert _get(f"http://127.0.0.1:{port}/__serve/status")[0] == 404
    finally:
        server.shutdown()
        server.server_close()


def test_the_command_line_asks_for_the_build_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wizard.serve import main

    (tmp_path / "index.html").write_text("x", encoding="utf-8")
    started = time.monotonic()
    assert main([str(tmp_path), "--port", "0", "--watch", str(tmp_path), "--build", "make build"]) == 2
    assert "--build needs {out}" in capsys.readouterr().err and time.monotonic() - started < 5
