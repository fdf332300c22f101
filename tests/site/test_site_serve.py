"""`mkdocs serve` rebuilds a procedure page as soon as an editor saves its tree file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from site_helpers import OFFLINE, TINY_SLUG, make_tiny_project

from wizard.mkdocs_plugin import TREES_POLL_SECONDS, _poll_often

OLD_QUESTION = "What kind of penalty did your store receive?"
NEW_QUESTION = "Which penalty did the store get this time?"


@dataclass
class Served:
    project: Path
    url: str
    log: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""  # not up yet, or between the cleaning and the writing of a rebuild


def _wait_for(url: str, text: str, timeout: float, poll: float = 0.02) -> float | None:
    """Seconds until the page at ``url`` contains ``text``, or None after ``timeout``."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if text in _fetch(url):
            return time.monotonic() - start
        time.sleep(poll)
    return None


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    project = make_tiny_project(tmp_path / "project")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **OFFLINE, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            url = f"http://127.0.0.1:{port}/procedures/{TINY_SLUG}/"
            if _wait_for(url, OLD_QUESTION, timeout=120, poll=0.2) is None:
                pytest.fail("mkdocs serve did not come up:\n" + log.read_text())
            # Let the file watcher take its first look at the folders before anything changes.
            time.sleep(1.5)
            yield Served(project, url, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=20)


def _edit_tree(served: Served, old: str, new: str) -> None:
    tree = served.project / "trees" / f"{TINY_SLUG}.yaml"
    text = tree.read_text(encoding="utf-8")
    assert old in text
    tree.write_text(text.replace(old, new), encoding="utf-8")


# The requirement is one second (see the report of `record_property`, or run with -rP, for the measured time);
# the deadline is generous so that a busy machine does not fail the test.
REBUILD_DEADLINE = 3.0


def test_serve_shows_an_edited_tree_within_the_deadline(
    served: Served, record_property: Callable[[str, object], None]
) -> None:
    _edit_tree(served, OLD_QUESTION, NEW_QUESTION)
    seconds = _wait_for(served.url, NEW_QUESTION, timeout=REBUILD_DEADLINE)
    assert seconds is not None, f"not rebuilt within {REBUILD_DEADLINE} s:\n" + served.log.read_text()
    record_property("rebuild_seconds", round(seconds, 3))
    print(f"the page changed {seconds:.2f} s after the save")


def test_the_trees_folder_is_polled_more_often_than_the_docs(tmp_path: Path) -> None:
    (tmp_path / "trees").mkdir()
    (tmp_path / "docs").mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "trees"))
    _poll_often(server, tmp_path / "trees")
    intervals = {Path(emitter.watch.path).name: emitter.timeout for emitter in server.observer.emitters}
    assert intervals == {"docs": 0.5, "trees": TREES_POLL_SECONDS}
    server.server_close()


def test_serve_reports_a_broken_tree_and_recovers(served: Served) -> None:
    _edit_tree(served, "next: no_appeal_needed", "next: no_such_node")
    deadline = time.monotonic() + 30
    while "no_such_node" not in served.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    log = served.log.read_text()
    assert f"trees/{TINY_SLUG}.yaml:" in log and "no_such_node" in log, log
    assert "Traceback" not in log
    _edit_tree(served, "next: no_such_node", "next: no_appeal_needed")
    _edit_tree(served, OLD_QUESTION, NEW_QUESTION)
    assert _wait_for(served.url, NEW_QUESTION, timeout=30) is not None, served.log.read_text()


# The preview server's cache policy (wizard.caching), on a small hand-made site --------------------------------


@pytest.fixture
def cached_site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    from wizard.serve import serve_in_thread

    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "wizard").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>Home</title>" + "<p>text</p>" * 200, encoding="utf-8")
    (site / "assets" / "javascripts" / "bundle.a5f9d56c.min.js").write_text("let a = 1;\n" * 300, encoding="utf-8")
    (site / "assets" / "wizard" / "wizard.js").write_text("let b = 2;\n" * 300, encoding="utf-8")
    (site / "assets" / "wizard" / "tiny.js").write_text("1", encoding="utf-8")
    server, url = serve_in_thread(site)
    try:
        yield site, url
    finally:
        server.shutdown()
        server.server_close()


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_hashed_and_versioned_files_are_kept_a_year(cached_site: tuple[Path, str]) -> None:
    _, url = cached_site
    for path in ("assets/javascripts/bundle.a5f9d56c.min.js", "assets/wizard/wizard.js?v=0123456789abcdef"):
        status, headers, _ = _get(url + path)
        assert status == 200
        assert headers["cache-control"] == "public, max-age=31536000, immutable", path


def test_pages_and_unversioned_files_are_revalidated_with_a_304(cached_site: tuple[Path, str]) -> None:
    _, url = cached_site
    for path in ("", "assets/wizard/wizard.js"):
        status, headers, body = _get(url + path)
        assert (status, headers["cache-control"]) == (200, "no-cache") and body
        assert headers["etag"] and headers["last-modified"]
        status, again, body = _get(url + path, **{"If-None-Match": headers["etag"]})
        assert (status, body) == (304, b"")
        assert again["etag"] == headers["etag"]
        status, _, body = _get(url + path, **{"If-Modified-Since": headers["last-modified"]})
        assert (status, body) == (304, b"")


def test_a_changed_file_is_sent_again(cached_site: tuple[Path, str]) -> None:
    site, url = cached_site
    _, headers, _ = _get(url + "assets/wizard/wizard.js")
    target = site / "assets" / "wizard" / "wizard.js"
    target.write_text("let c = 3;\n", encoding="utf-8")
    os.utime(target, ns=(time.time_ns() + 5 * 10**9,) * 2)
    status, _, body = _get(url + "assets/wizard/wizard.js", **{"If-None-Match": headers["etag"]})
    assert (status, body) == (200, b"let c = 3;\n")


def test_text_is_gzipped_only_when_asked_and_worth_it(cached_site: tuple[Path, str]) -> None:
    import gzip

    site, url = cached_site
    status, headers, body = _get(url + "assets/wizard/wizard.js", **{"Accept-Encoding": "gzip, br"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == (site / "assets" / "wizard" / "wizard.js").read_bytes()
    assert int(headers["content-length"]) == len(body) < len("let b = 2;\n" * 300)
    assert headers["vary"] == "Accept-Encoding"
    _, plain, body = _get(url + "assets/wizard/wizard.js")
    assert "content-encoding" not in plain and body == b"let b = 2;\n" * 300
    assert plain["etag"] != headers["etag"]  # the two encodings are different representations
    _, tiny, _ = _get(url + "assets/wizard/tiny.js", **{"Accept-Encoding": "gzip"})
    assert "content-encoding" not in tiny
    _, refused, _ = _get(url + "assets/wizard/wizard.js", **{"Accept-Encoding": "gzip;q=0"})
    assert "content-encoding" not in refused


def test_a_missing_file_is_not_cached_as_immutable(cached_site: tuple[Path, str]) -> None:
    _, url = cached_site
    _get(url + "assets/javascripts/bundle.a5f9d56c.min.js")
    status, headers, _ = _get(url + "assets/javascripts/bundle.00000000.min.js")
    assert status == 404 and headers["cache-control"] == "no-cache"


def test_headers_file_marks_exactly_the_hashed_files(cached_site: tuple[Path, str]) -> None:
    from wizard.caching import IMMUTABLE, headers_file

    site, _ = cached_site
    lines = headers_file(site).splitlines()
    rules = {lines[i]: lines[i + 1].strip() for i in range(len(lines) - 1) if lines[i].startswith("/")}
    assert rules["/assets/javascripts/bundle.a5f9d56c.min.js"] == f"Cache-Control: {IMMUTABLE}"
    assert "/assets/wizard/wizard.js" not in rules and "/index.html" not in rules
    assert not any("Cache-Control" in line for line in lines[lines.index("/*"):])


def test_the_built_site_links_the_wizard_by_digest_and_has_a_headers_file(tmp_path: Path) -> None:
    import hashlib

    project = make_tiny_project(tmp_path / "project")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
                          cwd=project, capture_output=True, text=True, check=False,
                          env={**os.environ, **OFFLINE, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "procedures" / TINY_SLUG / "index.html").read_text(encoding="utf-8")
    for name in ("wizard.js", "wizard.css"):
        # The digest of the file as served (wizard.js names its modules' digests in its imports).
        digest = hashlib.sha256((tmp_path / "site" / "assets" / "wizard" / name).read_bytes()).hexdigest()[:16]
        assert f"assets/wizard/{name}?v={digest}" in page
    headers = (tmp_path / "site" / "_headers").read_text(encoding="utf-8")
    assert "/assets/javascripts/bundle." in headers and "immutable" in headers


def test_the_watcher_rebuilds_once_per_change(tmp_path: Path) -> None:
    from wizard.rebuild import rebuild_on_change

    watched = tmp_path / "docs"
    watched.mkdir()
    (watched / "page.md").write_text("one", encoding="utf-8")
    log = tmp_path / "builds.txt"

    def build() -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write("built\n")

    thread = threading.Thread(target=rebuild_on_change, args=([watched], build, 0.05), kwargs={"rounds": 40})
    thread.start()
    time.sleep(0.2)
    page = watched / "page.md"
    page.write_text("two", encoding="utf-8")
    os.utime(page, ns=(time.time_ns() + 10**9,) * 2)  # a visibly newer time, whatever the file system's precision
    thread.join(timeout=30)
    assert log.read_text(encoding="utf-8").splitlines() == ["built"]
