"""`make dev` and `make serve` in a real browser.

`make dev`: live reload fires under the development policy with no violation, a broken tree shows its problems at
its address (file:line:col, message, fix) instead of hanging, and fixing it brings the procedure back, all
without the test navigating. `make serve`: a page reloads by itself after a good rebuild, shows a failed build's
errors as text over the last good site, and drops them after the next good build.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import Page

from wizard import rebuild
from wizard.serve import make_server
from wizard.site import livereload

from .conftest import FIXTURE_MKDOCS_YML, REPO, _mkdocs_command, _require_node_modules
from .test_site_audit import RECORD_VIOLATIONS
from .wizard_driver import FIXTURE_TREES

TREE = FIXTURE_TREES[0]
SLUG = TREE.stem


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_served(url: str, seconds: float) -> None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail(f"mkdocs serve did not answer at {url} within {seconds:.0f} s", pytrace=False)


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`mkdocs serve` (as `make dev` runs it) of a small project; its base URL and its tree file."""
    _require_node_modules()
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "trees").mkdir()
    (project / "docs" / "index.md").write_text("# Fixtures\n\nTest procedures.\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(FIXTURE_MKDOCS_YML, encoding="utf-8")
    tree = project / "trees" / TREE.name
    shutil.copyfile(TREE, tree)
    (project / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    port = _free_port()
    server = subprocess.Popen([*_mkdocs_command(), "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_served(url, 300)
        yield url, tree
    finally:
        server.terminate()
        server.wait(timeout=30)


def _violations(page: Page) -> list[str]:
    found: list[str] = page.evaluate("() => window.__cspViolations")
    return found


def test_live_reload_and_a_broken_tree_under_the_development_policy(page: Page,
                                                                    dev_server: tuple[str, Path]) -> None:
    url, tree = dev_server
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{url}procedures/{SLUG}/")
    policy = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content") or ""
    assert livereload.SCRIPT_HASH in policy and "'unsafe-inline'" not in policy.split("style-src")[0]
    good = tree.read_text(encoding="utf-8")

    # A save reloads the page by itself: the reload script ran, and its polling was allowed.
    tree.write_text(good.replace("\ntitle: ", "\ntitle: Reloaded ", 1), encoding="utf-8")
    page.wait_for_function("() => (document.querySelector('h1')?.textContent ?? '').includes('Reloaded Kitchen')",
                           timeout=60_000)
    assert _violations(page) == []

    # A broken tree: its problems at its address, with positions, the tree's text kept as text.
    line = good.count("\n") + 1
    tree.write_text(good + '"<b>bold</b>": 1\n', encoding="utf-8")
    item = page.wait_for_selector("[data-tree-problems] li[data-line]", timeout=60_000)
    assert item is not None
    assert (item.get_attribute("data-line"), item.get_attribute("data-column")) == (str(line), "1")
    text = item.text_content() or ""
    assert f"trees/{SLUG}.yaml:{line}:1" in text and "unknown key `<b>bold</b>`" in text and "Allowed keys:" in text
    assert page.query_selector("[data-tree-problems] b") is None
    assert _violations(page) == []

    # Fixed: the procedure comes back.
    tree.write_text(good, encoding="utf-8")
    page.wait_for_selector("[data-tree-problems]", state="detached", timeout=60_000)
    assert _violations(page) == []
    page.goto("about:blank")  # end the page's waiting request before the server stops


# A stand-in for `mkdocs build -d {out}` that writes the page from the source file, or fails as a broken tree does.
FAKE_BUILD = """
import pathlib, sys
source, out = pathlib.Path(sys.argv[1]).read_text(), pathlib.Path(sys.argv[2])
out.mkdir(parents=True)
if "BROKEN" in source:
    sys.exit("ERROR - trees/x.yaml:3:5: error: unknown key `<b>bold</b>`")
(out / "index.html").write_text("<!doctype html><html><head><title>t</title></head><body><h1>" + source
                                + "</h1></body></html>")
"""


def test_make_serve_reloads_after_a_good_build_and_shows_a_failed_one(page: Page, tmp_path: Path) -> None:
    site, source = tmp_path / "site", tmp_path / "source.txt"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><html><body><h1>first</h1></body></html>", encoding="utf-8")
    (tmp_path / "build.py").write_text(FAKE_BUILD, encoding="utf-8")
    server = make_server(site, "127.0.0.1", 0, quiet=True)
    server.watch = rebuild.WatchState()
    builder = rebuild.SwappingBuilder(f"{sys.executable} {tmp_path / 'build.py'} {source} {{out}}",
                                      tmp_path / "site.builds", partial(setattr, server, "root"), server.watch)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        source.write_text("second", encoding="utf-8")
        assert builder.build()
        page.wait_for_function("() => document.querySelector('h1')?.textContent === 'second'", timeout=10_000)
        source.write_text("BROKEN", encoding="utf-8")
        assert not builder.build()
        alert = page.wait_for_selector("[data-serve-error][role=alert]", timeout=10_000)
        shown = alert.text_content() if alert is not None else ""
        assert "trees/x.yaml:3:5: error: unknown key `<b>bold</b>`" in (shown or "")
        assert page.query_selector("[data-serve-error] b") is None and page.text_content("h1") == "second"
        source.write_text("third", encoding="utf-8")
        assert builder.build()
        page.wait_for_function("() => document.querySelector('h1')?.textContent === 'third'", timeout=10_000)
        assert page.query_selector("[data-serve-error]") is None
        assert _violations(page) == []  # the server's policy allows the reload script and its requests
        page.goto("about:blank")
    finally:
        server.shutdown()
        server.server_close()
