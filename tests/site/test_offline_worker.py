"""The offline worker as built (wizard.browser.offline): what /sw.js lists, how it changes, the kill switch, and
how it is served. Its behaviour in a browser is tested in tests/browser/test_offline.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import urllib.request
from pathlib import Path

import pytest
from site_helpers import TINY_MKDOCS_YML, BuiltSite, make_tiny_project, mkdocs

from wizard.browser.bundle import ASSETS_DIR
from wizard.browser.offline import is_left_out, offline_files, worker_source, write_service_worker
from wizard.caching import REVALIDATE

LISTING = re.compile(r"^const FILES = (\[.*\]);$", re.MULTILINE)


def listed(site: Path) -> dict[str, str]:
    """The files the built ``sw.js`` keeps: address -> integrity."""
    found = LISTING.search((site / "sw.js").read_text(encoding="utf-8"))
    assert found, "sw.js lists no files"
    return dict(json.loads(found.group(1)))


def file_of(site: Path, address: str) -> Path:
    """The file a listed address names (``a/`` is ``a/index.html``)."""
    relative = urllib.request.url2pathname(address.removeprefix("./"))
    return site / (relative + "index.html" if relative.endswith("/") or not relative else relative)


@pytest.mark.reliability("audit")
def test_the_worker_keeps_every_file_of_both_editions_with_its_hash(repo_site: BuiltSite) -> None:
    site = repo_site.site
    kept = listed(site)
    for address, integrity in kept.items():
        data = file_of(site, address).read_bytes()
        assert integrity == "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode(), address
    every = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    left_out = {name for name in every if is_left_out(name)}
    assert {file_of(site, a).relative_to(site).as_posix() for a in kept} == every - left_out
    assert left_out and all(n.endswith((".map", ".gz")) or n in ("_headers", "sw.js") for n in left_out)
    # Every procedure page of both editions, the engine, Pyodide and both search indexes.
    for tree in sorted(repo_site.trees.glob("*.yaml")):
        if tree.name.count(".") == 1:
            assert f"procedures/{tree.stem}/" in kept and f"zh/procedures/{tree.stem}/" in kept
            # Its pre-rendered views, which the page uses while the engine starts (offline too).
            assert f"procedures/{tree.stem}/views.json" in kept and f"zh/procedures/{tree.stem}/views.json" in kept
    assert "./" in kept and "zh/" in kept and "assets/pyodide/pyodide.asm.wasm" in kept
    assert any(a.startswith("assets/wizard/engine/") and a.endswith(".whl") for a in kept)
    # The search (wizard.search_index: one Pagefind index for the whole site, a part per language).
    assert "pagefind/pagefind.js" in kept and any(a.startswith("pagefind/index/") for a in kept)
    assert "assets/wizard/search.js" in kept or any(a.startswith("assets/wizard/search.") for a in kept)


def test_every_page_of_both_editions_registers_the_worker(repo_site: BuiltSite) -> None:
    digest = hashlib.sha256((ASSETS_DIR / "offline.js").read_bytes()).hexdigest()[:16]
    pages = sorted(repo_site.site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert f"assets/wizard/offline.js?v={digest}" in page.read_text(encoding="utf-8"), page


def test_the_worker_is_always_revalidated_by_static_hosts(repo_site: BuiltSite) -> None:
    assert f"/sw.js\n  Cache-Control: {REVALIDATE}\n" in (repo_site.site / "_headers").read_text(encoding="utf-8")


def test_any_changed_file_gives_a_new_worker_and_the_same_files_the_same_one(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (site / "guide" / "index.html").write_text("<p>guide</p>", encoding="utf-8")
    (site / "app.js.map").write_text("{}", encoding="utf-8")
    first = worker_source(offline_files(site))
    assert worker_source(offline_files(site)) == first
    assert [f.address for f in offline_files(site)] == ["guide/", "./"]
    (site / "guide" / "index.html").write_text("<p>guide!</p>", encoding="utf-8")
    changed = worker_source(offline_files(site))
    version = re.compile(r'const VERSION = "([0-9a-f]{16})";')
    assert changed != first
    assert version.search(changed) and version.search(first)
    assert version.search(changed).group(1) != version.search(first).group(1)  # type: ignore[union-attr]
    (site / "app.js.map").write_text("{1}", encoding="utf-8")
    assert worker_source(offline_files(site)) == changed  # a left-out file changes nothing


def test_offline_false_writes_the_kill_switch_and_pages_no_longer_register(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project")
    (project / "mkdocs.yml").write_text(
        TINY_MKDOCS_YML.replace("plugins: [search, wizard]", "plugins:\n  - search\n  - wizard:\n      offline: false"),
        encoding="utf-8")
    done = mkdocs("build", "--strict", "-d", "site", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    site = project / "site"
    assert (site / "sw.js").read_text(encoding="utf-8") == (ASSETS_DIR / "sw-kill.js").read_text(encoding="utf-8")
    assert not [p for p in site.rglob("*.html") if "offline.js" in p.read_text(encoding="utf-8")]
    assert write_service_worker(site, offline=False) == []


def test_the_server_sends_the_worker_as_javascript_always_revalidated(tmp_path: Path) -> None:
    from wizard.serve import serve_in_thread

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    write_service_worker(site)
    server, url = serve_in_thread(site)
    try:
        with urllib.request.urlopen(url + "sw.js", timeout=10) as response:
            assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
            assert response.headers["Cache-Control"] == REVALIDATE
            assert "worker-src 'self'" in response.headers["Content-Security-Policy"]
            assert b"recourse-offline-" in response.read()
    finally:
        server.shutdown()
        server.server_close()
