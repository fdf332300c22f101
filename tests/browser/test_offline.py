"""Offline after one visit (wizard/assets/sw.js): in Chromium, with the browser offline and the server emptied.

Each test serves its own copy of the built site (``live``) on its own origin, so that it can take the site away
(offline), deploy a changed build over it (an update) or the kill switch, as a site owner would. The harness
blocks service workers for every other test; these allow them.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route
from playwright.sync_api import Error as PlaywrightError

from wizard.browser import search_driver
from wizard.browser.offline import offline_files, write_service_worker
from wizard.serve import SiteServer, serve_in_thread

from .conftest import Watch, copy_site, new_watched_context, point_sitemap_at, replace_file
from .wizard_driver import (
    REPO,
    SNAPSHOT_CACHE,
    drive,
    expected_outcome,
    load_procedures,
    local_today,
    open_wizard,
    procedure_url,
    shown_outcome,
    use_today,
    wait_settled,
)

PROCEDURES = {language: {p.slug: p for p in load_procedures(REPO / "trees", language)} for language in ("en", "zh")}
FIRST, OTHER = "withdraw-complaint", "tmall-store-complaint"
CACHE_PREFIX = "recourse-offline-"
REGISTRATION = re.compile(r"<script[^>]*/offline\.js[^>]*></script>")
# Offline, Chromium reports the worker's update check of /sw.js that cannot reach the server.
PYODIDE_WASM = "**/assets/pyodide/pyodide.asm.wasm"
OFFLINE_NOISE = [re.compile(r"sw\.js|ServiceWorker|service worker", re.IGNORECASE)]


@dataclass
class LiveSite:
    """A built site served on its own origin, which a test can replace (deploy) or take away."""

    built: Path
    live: Path  # the folder being served (deploy serves a new one)
    url: str
    server: SiteServer

    def deploy(self, build: Path, *, offline: bool = True) -> None:
        """Publish ``build`` in place of what is served (the server keeps running, as a host's would).

        The new folder is made whole first, then served in one move, as ``make serve`` swaps in a rebuild: the
        browser checks for a new /sw.js whenever it likes, and a check that met a half-copied site (no file yet,
        or the copy before its sitemap and worker were set for this origin) failed the test now and then.
        """
        staged = copy_site(build, self.live.with_name(f"{self.live.name}-next"))
        publish(staged, self.url, offline=offline)
        self.server.root = staged.resolve()
        self.live = staged

    def take_away(self) -> None:
        """Nothing is served any more: whatever a page still gets comes from the browser."""
        for child in self.live.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()


def publish(site: Path, url: str, *, offline: bool = True) -> None:
    """Make a copied build the one served at ``url``: its sitemap names this origin, so its worker is remade
    (as the build would have made it: the sitemap is one of the files it keeps). Without ``offline`` it is the
    site as built with ``offline: false``: the kill switch, and pages that do not register a worker."""
    point_sitemap_at(site, url)
    if not offline:
        for page in site.rglob("*.html"):
            replace_file(page, REGISTRATION.sub("", page.read_text(encoding="utf-8")))
    write_service_worker(site, offline=offline)


@pytest.fixture
def live_site(site_dir: Path, tmp_path: Path) -> Iterator[LiveSite]:
    """A copy of the built site on a server of its own."""
    live = copy_site(site_dir, tmp_path / "live")
    server, url = serve_in_thread(live, "127.0.0.1")
    publish(live, url)
    try:
        yield LiveSite(site_dir, live, url, server)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def sw_context(browser: Browser) -> Iterator[BrowserContext]:
    """A watched context where service workers may run; fails the test on console errors or other hosts."""
    watch = Watch(OFFLINE_NOISE)
    context = new_watched_context(browser, watch, service_workers="allow")
    context.set_default_timeout(60_000)
    yield context
    context.close()
    if watch.problems:
        pytest.fail("the pages had problems:\n" + "\n".join(watch.problems), pytrace=False)


def watched_page(context: BrowserContext) -> Page:
    """A new tab of ``context`` whose page errors fail the test."""
    page = context.new_page()
    page.on("pageerror", lambda error: pytest.fail(f"page error: {error}", pytrace=False))
    return page


def wait_kept(page: Page) -> str:
    """Wait until the offline worker of this page's site is active (everything kept); its cache name."""
    ready = page.evaluate(
        "Promise.race([navigator.serviceWorker.ready.then(() => true),"
        " new Promise((r) => setTimeout(r, 90000, false))])"
    )
    assert ready, "the offline worker did not finish installing within 90 s"
    names: list[str] = page.evaluate("caches.keys()")
    kept = [name for name in names if name.startswith(CACHE_PREFIX)]
    assert len(kept) == 1, names
    return kept[0]


def eventually(page: Page, check: str, seconds: float = 60) -> None:
    """Wait until the script ``check`` gives true in the page, through any reload meanwhile."""
    for _ in range(int(seconds * 10)):
        try:
            if page.evaluate(check):
                return
        except PlaywrightError:
            pass  # the page was reloaded while the check ran
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {check}")


def walk_example(page: Page, slug: str, language: str = "en") -> None:
    """Walk a procedure's first example in the page and check the outcome against CPython's engine."""
    procedure = PROCEDURES[language][slug]
    example = procedure.examples[0]
    drive(page, procedure.tree, example.answers)
    today = example.today or local_today()
    assert shown_outcome(page) == expected_outcome(procedure.tree, example.answers, today)


def wheel_in_worker(page: Page) -> str:
    """The engine wheel's address (with its ``?v=`` digest) in the worker.js this page gets."""
    text: str = page.evaluate("fetch(location.origin + '/assets/wizard/worker.js').then((r) => r.text())")
    found = re.search(r'const ENGINE_URL = new URL\("([^"]+)"', text)
    assert found, "worker.js names no engine wheel"
    return found.group(1)


@pytest.mark.zensical
@pytest.mark.reliability("fault")
def test_after_one_visit_every_procedure_the_engine_and_both_editions_work_offline(
    sw_context: BrowserContext, live_site: LiveSite
) -> None:
    page = watched_page(sw_context)
    use_today(page, PROCEDURES["en"][FIRST].examples[0].today)
    open_wizard(page, procedure_url(live_site.url, FIRST))
    wait_kept(page)
    sw_context.set_offline(True)
    live_site.take_away()
    # Reload: the page, its scripts, Pyodide and the engine come from the kept copy; the wizard answers.
    page.reload()
    wait_settled(page)
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    walk_example(page, FIRST)
    # Another procedure, reached by a link (the theme's instant navigation asks the worker for the page).
    use_today(page, PROCEDURES["en"][OTHER].examples[0].today)
    page.goto(procedure_url(live_site.url, OTHER))
    wait_settled(page)
    walk_example(page, OTHER)
    # The Chinese edition, never opened online.
    for slug in (FIRST, OTHER):
        use_today(page, PROCEDURES["zh"][slug].examples[0].today)
        page.goto(procedure_url(live_site.url, slug, "zh"))
        wait_settled(page)
        assert page.evaluate("document.documentElement.lang") == "zh"
        walk_example(page, slug, "zh")


def test_the_offline_copy_waits_until_the_engine_is_ready(sw_context: BrowserContext, live_site: LiveSite) -> None:
    """The offline copy (a few MB) is fetched only once Pyodide is in: started at `load`, it slowed the engine."""
    page = watched_page(sw_context)
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    sw_context.route(PYODIDE_WASM, hold)
    page.goto(procedure_url(live_site.url, FIRST), wait_until="load")
    assert page.evaluate("window.__recourseWizard.engine.state") == "starting"
    # Registration would come in the `load` task itself; a few frames later there must still be none.
    registered = page.evaluate("""new Promise((done) => setTimeout(() => requestAnimationFrame(() =>
        navigator.serviceWorker.getRegistration().then((found) => done(found !== undefined))), 500))""")
    assert registered is False, "the offline worker was registered while the engine was still downloading"
    sw_context.unroute(PYODIDE_WASM)
    for route in held:
        route.continue_()
    wait_settled(page)
    wait_kept(page)


REGISTERED = "navigator.serviceWorker.getRegistration().then((found) => found !== undefined)"


def test_the_offline_copy_waits_for_a_pause_in_the_reader_s_answers(
        sw_context: BrowserContext, live_site: LiveSite) -> None:
    """Fetched and stored while a reader answers at once, the copy cost frames: it starts once they pause."""
    page = watched_page(sw_context)
    open_wizard(page, procedure_url(live_site.url, FIRST))
    # A reader busy in the page: a key every 0.4 s for 4 s, twice the pause the copy waits for.
    for _ in range(10):
        page.keyboard.press("Shift")
        page.wait_for_timeout(400)
        assert page.evaluate(REGISTERED) is False, "the offline worker was registered while the reader was busy"
    wait_kept(page)  # then, the reader quiet, the copy is made


@pytest.mark.reliability("fault")
def test_offline_instant_navigation_is_answered_from_the_kept_copy(
    sw_context: BrowserContext, live_site: LiveSite
) -> None:
    page = watched_page(sw_context)
    page.goto(live_site.url)
    wait_kept(page)
    page.reload()  # now a page of the kept version, whose theme navigates in place
    sw_context.set_offline(True)
    live_site.take_away()
    link = page.locator(f"nav.md-nav a[href$='procedures/{OTHER}/']").first
    link.click()
    page.wait_for_url(f"**/procedures/{OTHER}/")
    wait_settled(page)
    assert page.evaluate("window.__recourseOffline === true")  # the same document: navigated in place
    walk_example(page, OTHER)


@pytest.mark.reliability("fault")
def test_offline_an_address_the_site_does_not_have_gets_its_edition_s_own_not_found_page(
    browser: Browser, live_site: LiveSite
) -> None:
    # The page's status is 404, as the server's: the browser says so in the console, which is expected here.
    watch = Watch([*OFFLINE_NOISE, re.compile(r"status of 404")])
    context = new_watched_context(browser, watch, service_workers="allow")
    context.set_default_timeout(60_000)
    page = watched_page(context)
    page.goto(live_site.url)
    wait_kept(page)
    context.set_offline(True)
    live_site.take_away()
    for edition in ("", "zh/"):
        title = re.search(r"<title>([^<]*)</title>", (live_site.built / edition / "404.html").read_text("utf-8"))
        assert title is not None
        response = page.goto(f"{live_site.url}{edition}procedures/no-such-procedure/")
        assert response is not None and response.status == 404
        assert page.title() == html.unescape(title.group(1)), "the edition's own page, not the browser's error"
    context.close()
    assert not watch.problems, watch.problems


@pytest.mark.reliability("fault")
def test_offline_search_answers_from_the_kept_index(sw_context: BrowserContext, live_site: LiveSite) -> None:
    page = watched_page(sw_context)
    page.goto(live_site.url)
    wait_kept(page)
    page.reload()
    sw_context.set_offline(True)
    live_site.take_away()
    page.goto(procedure_url(live_site.url, OTHER))
    # The site's search (its script, Pagefind's script, wasm and index) from the kept copy.
    assert any("withdraw-complaint" in link for link in search_driver.search(page, "withdraw"))


@pytest.mark.zensical
@pytest.mark.reliability("fault")
def test_offline_chinese_search_answers_from_the_kept_chinese_index(
    sw_context: BrowserContext, live_site: LiveSite
) -> None:
    page = watched_page(sw_context)
    page.goto(live_site.url)  # one visit, to the English edition: the worker keeps both
    wait_kept(page)
    sw_context.set_offline(True)
    live_site.take_away()
    page.goto(procedure_url(live_site.url, OTHER, "zh"))
    # The Chinese edition's own index and fragments (a Chinese query finds nothing in the English one).
    found = search_driver.search(page, "怎么撤销投诉", "insert")
    assert found and found[0] == procedure_url(live_site.url, FIRST, "zh"), found


@pytest.mark.reliability("audit")
def test_every_file_of_the_build_is_served_offline_with_its_own_bytes(
    sw_context: BrowserContext, live_site: LiveSite
) -> None:
    page = watched_page(sw_context)
    page.goto(procedure_url(live_site.url, FIRST, "zh"))
    wait_kept(page)
    page.reload()
    files = offline_files(live_site.live)
    sw_context.set_offline(True)
    live_site.take_away()
    got: list[list[str]] = page.evaluate(
        """async (addresses) => {
          const out = [];
          for (const address of addresses) {
            const response = await fetch(new URL(address, location.origin + "/"));
            const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.arrayBuffer()));
            out.push([address, "sha256-" + btoa(String.fromCharCode(...hash))]);
          }
          return out;
        }""",
        [file.address for file in files],
    )
    assert got == [[file.address, file.integrity] for file in files]
    assert len({f.address for f in files if f.address.endswith("/")}) > 2 * len(PROCEDURES["en"])


def _changed_build(site: Path, target: Path) -> tuple[Path, str]:
    """A new build of the site: a procedure page's heading and the engine's version changed."""
    build = copy_site(site, target)
    page = build / "procedures" / FIRST / "index.html"
    replace_file(page, page.read_text(encoding="utf-8").replace("</h1>", " (new edition)</h1>", 1))
    worker = build / "assets" / "wizard" / "worker.js"
    old = worker.read_text(encoding="utf-8")
    # The wheel's digest (worker.js's imports carry digests too since issue 20).
    wheel = re.search(r'const ENGINE_URL = new URL\("[^"?]+\?v=([0-9a-f]+)"', old)
    assert wheel
    new_digest = hashlib.sha256(b"next engine").hexdigest()[:16]
    replace_file(worker, old.replace(f"?v={wheel.group(1)}\"", f"?v={new_digest}\""))
    return build, new_digest


@pytest.mark.reliability("fault")
def test_an_update_takes_over_whole_once_kept_and_never_mixes_versions(
    sw_context: BrowserContext, live_site: LiveSite, tmp_path: Path
) -> None:
    page = watched_page(sw_context)
    open_wizard(page, procedure_url(live_site.url, FIRST))
    first_cache = wait_kept(page)
    page.reload()
    wait_settled(page)
    old_wheel = wheel_in_worker(page)
    build, new_digest = _changed_build(live_site.built, tmp_path / "next")
    live_site.deploy(build)
    # The reload checks /sw.js and installs the new version beside the old one, which stays in charge of this
    # tab: the old page, with the old engine.
    page.reload()
    wait_settled(page)
    assert "(new edition)" not in page.inner_text("h1")
    assert wheel_in_worker(page) == old_wheel
    # Polled, not wait_for_function: that would take the promise itself as true at once.
    eventually(page, "navigator.serviceWorker.getRegistration().then((r) => !!(r && r.waiting))")
    assert page.evaluate("navigator.serviceWorker.controller.state") == "activated"
    assert wheel_in_worker(page) == old_wheel  # still the old version for this tab, until it goes
    page.close()
    # Once no page of the old version is open, the new one takes over: new page, new engine, old copy gone.
    page = watched_page(sw_context)
    sw_context.set_offline(True)
    live_site.take_away()
    use_today(page, PROCEDURES["en"][FIRST].examples[0].today)
    open_wizard(page, procedure_url(live_site.url, FIRST))
    assert "(new edition)" in page.inner_text("h1")
    assert wheel_in_worker(page).endswith(f"?v={new_digest}")
    walk_example(page, FIRST)
    names = page.evaluate("caches.keys()")
    assert first_cache not in names and [n for n in names if n.startswith(CACHE_PREFIX)] == [wait_kept(page)]
    assert set(names) <= {wait_kept(page), SNAPSHOT_CACHE}


@pytest.mark.reliability("fault")
def test_a_build_whose_files_do_not_match_its_list_is_never_installed(
    sw_context: BrowserContext, live_site: LiveSite, tmp_path: Path
) -> None:
    page = watched_page(sw_context)
    page.goto(procedure_url(live_site.url, FIRST))
    first_cache = wait_kept(page)
    page.reload()
    build, _ = _changed_build(live_site.built, tmp_path / "next")
    live_site.deploy(build)
    # A new file differs from the worker's list (a half-finished upload, a proxy's old copy): its hash fails.
    # (An unchanged file would be copied from the version kept, as listed, and never asked of the server.)
    index = live_site.live / "procedures" / FIRST / "index.html"
    replace_file(index, index.read_text(encoding="utf-8").replace("(new edition)", "(half uploaded)", 1))
    page.reload()  # the visit checks /sw.js: the new version starts installing, and fails
    eventually(page, "navigator.serviceWorker.getRegistration().then((r) => r.installing !== null)")
    eventually(page, "navigator.serviceWorker.getRegistration().then((r) => r.installing === null)")
    assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.waiting)") is None
    # The old version's copy stays whole (what the failed one fetched is kept for its next try, until a version
    # activates and deletes it).
    assert first_cache in page.evaluate("caches.keys()")
    page.reload()
    heading = page.inner_text("h1")  # the old version, whole, until a good build comes
    assert "(new edition)" not in heading and "(half uploaded)" not in heading


@pytest.mark.reliability("fault")
def test_the_kill_switch_removes_the_worker_and_its_copies(sw_context: BrowserContext, live_site: LiveSite) -> None:
    page = watched_page(sw_context)
    page.goto(procedure_url(live_site.url, FIRST))
    wait_kept(page)
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    # The site owner builds with `offline: false`: /sw.js becomes the kill switch.
    live_site.deploy(live_site.built, offline=False)
    # A browser looks for a new /sw.js at each visit; asking for the check here fixes the moment it happens. The
    # kill switch deletes the copies, unregisters itself and, last of all, reloads the page: waiting for that
    # reload means no reload of the test's own can be cut short by it.
    with page.expect_navigation():
        page.evaluate("() => { navigator.serviceWorker.getRegistration().then((found) => found.update()); }")
    gone = f"""async () => (await navigator.serviceWorker.getRegistrations()).length === 0
      && !(await caches.keys()).some((name) => name.startsWith('{CACHE_PREFIX}'))"""
    eventually(page, gone)  # the registration goes once no page is under it any more
    # The next visit goes to the network: a change on the server shows at once.
    index = live_site.live / "procedures" / FIRST / "index.html"
    replace_file(index, index.read_text(encoding="utf-8").replace("</h1>", " (from the server)</h1>", 1))
    response = page.reload()
    assert response is not None and not response.from_service_worker
    assert "(from the server)" in page.inner_text("h1")
    assert page.evaluate("navigator.serviceWorker.controller") is None
