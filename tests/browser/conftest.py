"""The browser harness: the real site built once, served on 127.0.0.1, and headless Chromium driving it.

Fixtures: ``site_dir`` (the built site; set RECOURSE_SITE_DIR to reuse one, or RECOURSE_GENERATOR=zensical to
build it with Zensical, as ``make build-zensical`` does), ``site_url`` (its base URL,
ending in ``/``), ``browser`` (one Chromium for the session) and ``page`` (a fresh context per test that
fails the test on any console error, page error or request to another host; such requests are aborted).
A test that expects a console error (the Pyodide-fails fallback) lists it in ``allowed_console_errors``.
Every test in this folder is marked ``browser``; the tests marked ``zensical`` are the subset ``make test`` runs
against the Zensical build too (docs/architecture.md#one-site-any-generator says which and why).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Route,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from wizard.serve import SiteServer, serve_in_thread
from wizard.site.zensical_build import BuildFailed, build_with_zensical

from .wizard_driver import FAILING_SLUG, FAILING_TREE, FIXTURE_TREES

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# Every URL that is not on this machine (data: and blob: URLs never leave the browser).
NOT_LOCAL = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?/|data:|blob:|about:)")

FIXTURE_MKDOCS_YML = """\
site_name: Wizard fixtures
site_url: http://127.0.0.1:8000/
theme:
  name: material
  # The site's own overrides: the theme's scripts as files, and the Content-Security-Policy meta tag.
  custom_dir: {overrides}
  font: false
  features: [navigation.instant]
plugins:
  - wizard
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
""".replace("{overrides}", str(REPO / "overrides"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``browser``."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _mkdocs_command() -> list[str]:
    local = REPO / ".venv" / "bin" / "mkdocs"
    return [str(local)] if local.is_file() else [sys.executable, "-m", "mkdocs"]


def build_site(project: Path, out: Path) -> Path:
    """``mkdocs build --strict`` of the project in ``project`` into ``out``; fails the session with its output."""
    done = subprocess.run(
        [*_mkdocs_command(), "build", "--strict", "-d", str(out)],
        cwd=project, capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build failed in {project}:\n{done.stdout}\n{done.stderr}", pytrace=False)
    if not (out / "assets" / "wizard" / "wizard.js").is_file():
        pytest.fail(f"{out} has no assets/wizard/wizard.js: the wizard bundle was not written", pytrace=False)
    return out


def build_zensical_site(out: Path) -> Path:
    """The real site built with Zensical into ``out``, as ``make build-zensical`` does; fails with its output."""
    try:
        build_with_zensical(REPO / "mkdocs.yml", out.with_name(out.name + ".work"), out)
    except BuildFailed as error:
        pytest.fail(str(error), pytrace=False)
    return out


def _require_node_modules() -> None:
    if not (REPO / "node_modules" / "pyodide" / "pyodide.asm.wasm").is_file():
        pytest.fail("node_modules/pyodide is missing: run `npm ci` in the repository root", pytrace=False)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)  # the site is large; hard links make a copy instant
    except OSError:
        shutil.copy2(source, target)


def copy_site(site: Path, target: Path) -> Path:
    """A copy of a built site that a test may change (files are hard links: replace them, never edit them)."""
    shutil.copytree(site, target, copy_function=_link_or_copy)
    return target


def replace_file(path: Path, text: str) -> None:
    """Give a file of a copied site a new text: the hard-linked original is left alone, and the file is replaced
    in one move, so a request meets the old file or the new one, never no file."""
    staged = path.with_name(f"{path.name}.next")
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, path)


def point_sitemap_at(site: Path, base_url: str) -> None:
    """Make ``sitemap.xml`` list the pages at ``base_url``.

    The site is built for the origin in mkdocs.yml (port 8000), but the tests serve it on a free port.
    Material only navigates in place (instant navigation) to pages listed in the sitemap at the page's own
    origin, so without this every link would reload the page. The file is replaced, not edited, so a
    hard-linked original is left alone.
    """
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    origin = urlsplit(base_url)
    retargeted = re.sub(r"<loc>https?://[^/<]+/", f"<loc>{origin.scheme}://{origin.netloc}/", text)
    replace_file(sitemap, retargeted)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with ``mkdocs build --strict`` (or with Zensical if RECOURSE_GENERATOR=zensical;
    or a copy of RECOURSE_SITE_DIR, if set)."""
    reuse = os.environ.get("RECOURSE_SITE_DIR")
    if reuse:
        path = Path(reuse)
        if not (path / "index.html").is_file() or not (path / "assets" / "wizard" / "wizard.js").is_file():
            pytest.fail(f"RECOURSE_SITE_DIR={reuse} holds no built site with the wizard", pytrace=False)
        return copy_site(path, tmp_path_factory.mktemp("reused") / "site")
    _require_node_modules()
    generator = os.environ.get("RECOURSE_GENERATOR", "mkdocs")
    if generator == "zensical":
        return build_zensical_site(tmp_path_factory.mktemp("built") / "site")
    if generator != "mkdocs":
        pytest.fail(f"RECOURSE_GENERATOR={generator}: the site is built with mkdocs or zensical", pytrace=False)
    return build_site(REPO, tmp_path_factory.mktemp("built") / "site")


def _serve(site: Path) -> Iterator[str]:
    server: SiteServer
    server, url = serve_in_thread(site, "127.0.0.1")
    point_sitemap_at(site, url)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The base URL of the served real site, ending in ``/``."""
    yield from _serve(site_dir)


@pytest.fixture(scope="session")
def fixture_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small site of the fixture trees (numbers, dates, examples on several dates) and a tree that fails."""
    _require_node_modules()
    project = tmp_path_factory.mktemp("fixture-project")
    (project / "docs").mkdir()
    (project / "trees").mkdir()
    (project / "docs" / "index.md").write_text("# Fixtures\n\nTest procedures.\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(FIXTURE_MKDOCS_YML, encoding="utf-8")
    for tree in FIXTURE_TREES:
        shutil.copyfile(tree, project / "trees" / tree.name)
    (project / "trees" / f"{FAILING_SLUG}.yaml").write_text(FAILING_TREE, encoding="utf-8")
    (project / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    yield from _serve(build_site(project, project / "site"))


@pytest.fixture(scope="session")
def broken_site_url(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site without ``assets/pyodide/pyodide.asm.wasm``: Pyodide cannot start there."""
    copy = copy_site(site_dir, tmp_path_factory.mktemp("broken") / "site")
    (copy / "assets" / "pyodide" / "pyodide.asm.wasm").unlink()
    yield from _serve(copy)


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    """Playwright's driver, started once."""
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Chromium (scripts/install-system-deps.sh)", pytrace=False)
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def allowed_console_errors() -> list[re.Pattern[str]]:
    """Console errors this test expects (patterns searched in the message); empty unless the test adds some."""
    return []


@pytest.fixture
def context_options() -> dict[str, object]:
    """Extra options for this test's browser context (viewport, colour scheme, permissions...)."""
    return {}


class Watch:
    """What went wrong in a page: console errors, page errors, requests to other hosts."""

    def __init__(self, allowed: list[re.Pattern[str]]) -> None:
        self.allowed = allowed
        self.problems: list[str] = []

    def console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if any(pattern.search(message.text) for pattern in self.allowed):
            return
        where = message.location.get("url", "") if message.location else ""
        self.problems.append(f"console error: {message.text} ({where})")

    def page_error(self, error: PlaywrightError) -> None:
        self.problems.append(f"page error: {error}")

    def request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            self.problems.append(f"request to another host: {request.url}")

    def abort(self, route: Route) -> None:
        self.problems.append(f"request to another host (aborted): {route.request.url}")
        route.abort()


def new_watched_context(browser: Browser, watch: Watch, **options: object) -> BrowserContext:
    """A fresh context that reports to ``watch`` and never lets a request leave this machine.

    Service workers are blocked unless ``service_workers="allow"`` is given (test_offline.py): the offline
    worker would otherwise answer from its copy the requests that tests count, route or break on purpose, and
    Playwright's routes never see what a service worker answers (the check for other hosts relies on them).
    """
    options.setdefault("service_workers", "block")
    context = browser.new_context(**options)  # type: ignore[arg-type]
    context.on("console", watch.console)  # also carries the workers' messages
    context.on("request", watch.request)
    context.route(NOT_LOCAL, watch.abort)
    return context


@pytest.fixture
def page(
    browser: Browser, allowed_console_errors: list[re.Pattern[str]], context_options: dict[str, object]
) -> Iterator[Page]:
    """A page in a fresh context; the test fails at teardown on any console error, page error or remote request."""
    watch = Watch(allowed_console_errors)
    context = new_watched_context(browser, watch, **context_options)
    page = context.new_page()
    page.on("pageerror", watch.page_error)
    page.set_default_timeout(60_000)
    yield page
    context.close()
    if watch.problems:
        pytest.fail("the page had problems:\n" + "\n".join(watch.problems), pytrace=False)
