"""Browser benchmarks: the wizard in headless Chromium against the built site, beside a bare `loadPyodide()`.

What is measured, and how (all times from navigation start, in the page's own clock):

- first question visible: the first animation frame in which the server-rendered question form has a size
  (polled with requestAnimationFrame from an init script), beside first-contentful-paint of the same page and
  of a plain Material page of the site (no wizard);
- engine ready: the first time the wizard leaves its loading state (``data-wizard-state`` becomes question,
  outcome or error), i.e. Pyodide started in the worker, the engine wheel unpacked and the first step
  answered. The baseline is a bare page, written into the benchmark's copy of the site only, whose module
  worker imports the same ``pyodide.mjs`` and calls ``loadPyodide`` with the same ``indexURL`` as our worker,
  and posts a message when it resolves (like with like: both start Pyodide in a module Web Worker);
- answer latency: from the click on Continue (the event's timestamp) to the first animation frame after the
  wizard has replaced its view, over a walk through every example of every tree;
- longest main-thread task: PerformanceObserver ``longtask`` (buffered) over the whole visit;
- bytes: counted by the benchmark's server, headers and bodies as sent (gzip where the browser asks for it),
  so requests of the worker are counted too and a cache hit counts nothing;
- memory: ``performance.measureUserAgentSpecificMemory()`` (the page and its worker, including Pyodide's
  WebAssembly memory; the benchmark's server adds the cross-origin isolation headers it needs and Chromium
  runs with ``ForceEagerMeasureMemory``) and CDP ``Performance.getMetrics`` JSHeapUsedSize (main thread).

Cold: a fresh browser context (no cache) per run. Warm: a context that has visited the page once, then a new
page in the same context (HTTP cache kept).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, sync_playwright

from wizard.browser.answer_fields import fill_answer
from wizard.browser.offline import write_service_worker
from wizard.browser.today_hook import today_script
from wizard.compiler import compile_folder
from wizard.core.contracts import CompiledTree
from wizard.serve import SiteHandler, SiteServer

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SETTLED = ("question", "outcome", "error", "failed")
BARE_FOLDER = "bench-bare"
# Element Timing identifiers, put into the benchmark's copy of the site (see _mark_for_element_timing).
FIRST_QUESTION = "rc-first-question"
PLAIN_CONTENT = "rc-plain-content"

_BARE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare loadPyodide</title>
<script type="module" src="bare.js"></script></head><body><p id="state">loading</p></body></html>
"""
_BARE_JS = """const worker = new Worker(new URL("worker.js", import.meta.url).href, { type: "module" });
worker.addEventListener("message", () => {
  window.__bareReady = performance.now();
  document.getElementById("state").textContent = "ready";
});
"""
# The same import and the same loadPyodide options as wizard/assets/worker.js, and nothing else.
_BARE_WORKER = """const PYODIDE_URL = new URL("../assets/pyodide/", self.location.href).href;
const { loadPyodide } = await import(`${PYODIDE_URL}pyodide.mjs`);
await loadPyodide({ indexURL: PYODIDE_URL, stdout: () => {}, stderr: () => {} });
self.postMessage({ type: "ready" });
"""

# Installed before any page script: records paints, long tasks, the first question and the engine's start.
_PROBE = """(() => {
  const probe = { longest: 0, tasks: 0, fcp: null, question: null, painted: null, ready: null, latencies: [] };
  window.__probe = probe;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) { probe.longest = Math.max(probe.longest, entry.duration); probe.tasks++; }
    }).observe({ type: "longtask", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === "first-contentful-paint") probe.fcp = entry.startTime;
    }).observe({ type: "paint", buffered: true });
    // Element Timing: when the first question's text (its legend) or a plain page's heading was painted.
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (__MARKED__.includes(entry.identifier) && probe.painted === null) probe.painted = entry.renderTime;
      }
    }).observe({ type: "element", buffered: true });
  } catch (error) {}
  const watch = () => {
    const form = document.querySelector(".rc-wizard form.rc-question");
    if (probe.question === null && form && form.getBoundingClientRect().height > 0) probe.question = performance.now();
    const root = document.querySelector(".rc-wizard");
    if (probe.ready === null && root && __SETTLED__.includes(root.dataset.wizardState)) probe.ready = performance.now();
    if (probe.question === null || probe.ready === null) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
  // Continue pressed: wait for the wizard's next view (every old child gone), then for the frame that paints it.
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest(".rc-continue");
    if (!button) return;
    const root = button.closest(".rc-wizard");
    const start = event.timeStamp;
    const old = new Set(root.children);
    const check = () => {
      const fresh = [...root.children].some((child) => !old.has(child) && !child.matches(".rc-wizard__status"));
      if (fresh && __SETTLED__.includes(root.dataset.wizardState)) {
        probe.latencies.push(performance.now() - start);
      } else {
        requestAnimationFrame(check);
      }
    };
    requestAnimationFrame(check);
  }, true);
})();
""".replace("__SETTLED__", json.dumps(list(SETTLED))).replace(
    "__MARKED__", json.dumps([FIRST_QUESTION, PLAIN_CONTENT]))


class CountingHandler(SiteHandler):
    """The site's own handler, counting the bytes it sends and adding cross-origin isolation for memory."""

    counter: list[int]

    def __init__(self, *args: Any, counter: list[int], **kwargs: Any) -> None:
        self.counter = counter
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        """Cross-origin isolation, so that the page may measure its memory; count the header bytes."""
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.counter[0] += sum(len(line) for line in getattr(self, "_headers_buffer", []))
        super().end_headers()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """Send a body and count it."""
        data = source.read()
        self.counter[0] += len(data)
        outputfile.write(data)


@dataclass
class Visit:
    """What one page visit measured (milliseconds, bytes)."""

    first_question: float | None = None  # the first frame in which a script sees the form with a size
    question_painted: float | None = None  # when the browser painted the question's text (Element Timing)
    fcp: float | None = None
    engine_ready: float | None = None
    longest_task: float = 0.0
    bytes: int = 0  # until the engine (or bare Pyodide) is ready and the page settled
    offline_bytes: int = 0  # then, while the offline worker keeps its copy of the site
    js_heap: int = 0
    ua_memory: int | None = None
    latencies: list[float] = field(default_factory=list)
    started_from: str | None = None  # "snapshot" or "scratch" (the worker's performance mark)


def _mark_for_element_timing(page: Path, tag: str, identifier: str) -> None:
    """Give the first ``tag`` of ``page`` an ``elementtiming`` identifier, in the benchmark's copy of the site.

    ``elementtiming`` makes the browser report when the element's text is painted. It is not in the HTML
    standard, so the published pages (which must validate) do not carry it.
    """
    text = page.read_text(encoding="utf-8")
    marked = text.replace(tag, f'{tag} elementtiming="{identifier}"', 1)
    if marked == text:
        raise RuntimeError(f"{page} has no {tag}> to mark")
    page.unlink()  # the copy may share its files with the original (hard links): replace, never edit
    page.write_text(marked, encoding="utf-8")


def mark_first_question(site: Path, slug: str) -> None:
    """Mark the first question of a tree page (its legend) for Element Timing."""
    _mark_for_element_timing(site / "procedures" / slug / "index.html", '<legend class="rc-legend"', FIRST_QUESTION)


def mark_plain_content(site: Path, page_path: str) -> None:
    """Mark the heading of a plain page (no wizard) for Element Timing.

    The issue's baseline is "a plain Material page's content": its heading, painted, is that content (the page's
    first contentful paint is only its header bar, painted while the parser waits for the theme's palette script).
    """
    _mark_for_element_timing(site / page_path / "index.html", "<h1", PLAIN_CONTENT)


def write_bare_page(site: Path) -> str:
    """Write the bare ``loadPyodide()`` page into the benchmark's copy of the site; its address from the root."""
    folder = site / BARE_FOLDER
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(_BARE_HTML, encoding="utf-8")
    (folder / "bare.js").write_text(_BARE_JS, encoding="utf-8")
    (folder / "worker.js").write_text(_BARE_WORKER, encoding="utf-8")
    return f"{BARE_FOLDER}/"


@contextmanager
def counting_server(site: Path) -> Iterator[tuple[str, list[int]]]:
    """Serve ``site`` on 127.0.0.1 from a thread; yields its base URL and the byte counter."""
    counter = [0]
    handler = partial(CountingHandler, directory=str(site), quiet=True, counter=counter)
    server = SiteServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", counter
    finally:
        server.shutdown()
        server.server_close()


FOREIGN: list[str] = []


def _offline(context: BrowserContext, base: str) -> None:
    # Noted, not blocked: Playwright turns the HTTP cache off in a context that routes requests.
    context.on("request", lambda request: None if request.url.startswith((base, "data:", "blob:"))
               else FOREIGN.append(request.url))


def _memory(page: Page) -> tuple[int, int | None]:
    """The page's JavaScript heap held (after a full collection) and, where the browser gives it, the memory of the
    page with its worker. Without the collection the heap counts garbage too, as much as V8 left since it last
    collected: between two walks of the same build it moved by more than the changes it was meant to show."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("HeapProfiler.collectGarbage")
    cdp.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    cdp.detach()
    ua = page.evaluate("""async () => {
      if (!self.crossOriginIsolated || !performance.measureUserAgentSpecificMemory) return null;
      try { return (await performance.measureUserAgentSpecificMemory()).bytes; } catch (e) { return null; }
    }""")
    return int(metrics.get("JSHeapUsedSize", 0)), (int(ua) if ua is not None else None)


# A phone's mobile connection, as Chromium's network emulation gives it (it throttles the worker's requests too):
# 9 Mbit/s down, 1.5 Mbit/s up, 60 ms added to every request. Files then arrive over seconds, as for a reader,
# instead of all at once from 127.0.0.1, where compiling Pyodide competes with the page's first layout.
MOBILE_NETWORK = {"offline": False, "latency": 60, "downloadThroughput": 9_000_000 / 8,
                  "uploadThroughput": 1_500_000 / 8}


def _emulate(context: BrowserContext, page: Page, network: dict[str, Any], cpu_slowdown: float = 1) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", network)
    if cpu_slowdown != 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})


def visit(context: BrowserContext, url: str, counter: list[int], *, bare: bool = False,
          network: dict[str, Any] | None = None) -> Visit:
    """Open ``url`` in a new page of ``context`` and measure it until the engine (or bare Pyodide) is ready.

    ``network``: Chromium's network emulation for the page (see MOBILE_NETWORK); none by default.
    """
    page = context.new_page()
    page.add_init_script(_PROBE)
    if network is not None:
        _emulate(context, page, network)
    counter[0] = 0
    page.goto(url)
    if bare:
        page.wait_for_function("() => window.__bareReady !== undefined", timeout=120_000)
    else:
        page.wait_for_function("() => window.__probe.ready !== null && window.__probe.question !== null",
                               timeout=120_000)
    page.wait_for_timeout(300)  # let late long tasks and paints be reported
    probe = page.evaluate("() => ({ ...window.__probe, bare: window.__bareReady ?? null })")
    heap, ua = _memory(page)
    result = Visit(probe["question"], probe["painted"], probe["fcp"], probe["bare"] if bare else probe["ready"],
                   probe["longest"], counter[0], js_heap=heap, ua_memory=ua)
    if not bare:
        result.started_from = (worker_mark(page, "recourse-engine-started") or {}).get("from")
        if result.started_from == "scratch":
            # A reader's first visit lasts longer than the few hundred milliseconds the worker takes to compress
            # and keep the snapshot; the benchmark's visit would otherwise end before that.
            worker_mark(page, "recourse-snapshot-kept")
        # Likewise, a reader comes back long after the offline copy was kept: the next (warm) visit must not
        # share the machine with its download. Its bytes are counted apart from the visit's own.
        page.evaluate(_OFFLINE_KEPT)
        result.offline_bytes = counter[0] - result.bytes  # all that came after the engine was ready
    page.close()
    return result


# Wait (up to a minute) until the page's offline worker is active, when the page registers one.
_OFFLINE_KEPT = """async () => {
  if (!navigator.serviceWorker) return false;
  for (let tries = 0; tries < 50 && !(await navigator.serviceWorker.getRegistration()); tries++) {
    await new Promise((done) => setTimeout(done, 100));
  }
  if (!(await navigator.serviceWorker.getRegistration())) return false;
  return Promise.race([navigator.serviceWorker.ready.then(() => true),
                       new Promise((done) => setTimeout(done, 60000, false))]);
}"""


def worker_mark(page: Page, name: str) -> Any:
    """The detail of the wizard worker's performance mark ``name``, waiting up to a minute for it."""
    for _ in range(600):
        for worker in page.workers:
            if worker.url.split("?")[0].endswith("/assets/wizard/worker.js"):
                detail = worker.evaluate(
                    "(name) => { const m = performance.getEntriesByName(name)[0]; return m ? m.detail : null; }", name)
                if detail is not None:
                    return detail
        page.wait_for_timeout(100)
    return None


def plain_page(context: BrowserContext, url: str, counter: list[int], *,
               network: dict[str, Any] | None = None, cpu_slowdown: float = 1) -> Visit:
    """A page without the wizard: its first-contentful-paint, when its heading was painted, its longest task.

    ``network`` and ``cpu_slowdown``: Chromium's emulation for the page (none by default).
    """
    page = context.new_page()
    page.add_init_script(_PROBE)
    if network is not None:
        _emulate(context, page, network, cpu_slowdown)
    page.goto(url)
    page.wait_for_function("() => window.__probe.fcp !== null && window.__probe.painted !== null", timeout=60_000)
    page.wait_for_timeout(300)  # let late long tasks be reported
    probe = page.evaluate("() => window.__probe")
    page.close()
    return Visit(question_painted=probe["painted"], fcp=probe["fcp"], longest_task=probe["longest"])


def walk_examples(context: BrowserContext, base: str, counter: list[int]) -> Visit:
    """Answer every example of every tree in one page per tree and date; the Continue latencies and peaks."""
    total = Visit()
    for result in compile_folder(REPO / "trees"):
        if result.tree is None or result.checked is None:
            continue
        tree = result.tree
        data = result.checked.loaded.data or {}
        examples = list(data.get("examples") or [])
        by_date = sorted(examples, key=lambda e: str(e.get("today") or ""))
        for today, group in itertools.groupby(by_date, key=lambda e: str(e.get("today") or "")):
            page = context.new_page()
            page.add_init_script(_PROBE)
            page.add_init_script(today_script(today or None))  # the date of these examples
            page.goto(f"{base}procedures/{result.slug}/")
            page.wait_for_function("() => window.__probe.ready !== null", timeout=120_000)
            for number, example in enumerate(group):
                if number:
                    page.click(".rc-wizard [data-rc-action='restart']")
                    page.wait_for_selector(".rc-wizard[data-wizard-state='question'] form.rc-question")
                _answer(page, tree, {str(k): _text(v) for k, v in (example.get("answers") or {}).items()})
            probe = page.evaluate("() => window.__probe")
            heap, ua = _memory(page)
            total.latencies += probe["latencies"]
            total.longest_task = max(total.longest_task, probe["longest"])
            total.js_heap = max(total.js_heap, heap)
            total.ua_memory = max(total.ua_memory or 0, ua or 0) or None
            page.close()
    return total


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _answer(page: Page, tree: CompiledTree, answers: dict[str, str]) -> None:
    for _ in range(len(tree["nodes"]) + 1):
        root = page.locator(".rc-wizard")
        if root.get_attribute("data-wizard-state") != "question":
            return
        node = root.get_attribute("data-wizard-node") or ""
        if node not in answers:
            raise RuntimeError(f"the wizard asks {node!r}, which the example does not answer")
        fill_answer(page, tree, node, answers[node])
        before = page.evaluate("() => window.__probe.latencies.length")
        page.click(".rc-wizard .rc-continue")
        page.wait_for_function("(n) => window.__probe.latencies.length > n", arg=before, timeout=30_000)


def percentile(values: list[float], share: float) -> float | None:
    """The ``share`` percentile (nearest rank) of ``values``."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _median(values: list[Any]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def summarize(visits: list[Visit]) -> dict[str, Any]:
    """Medians of a series of visits."""
    if not visits:
        return {"runs": 0}
    return {
        "runs": len(visits),
        "first_question_ms": _median([v.first_question for v in visits]),
        "question_painted_ms": _median([v.question_painted for v in visits]),
        "fcp_ms": _median([v.fcp for v in visits]),
        "engine_ready_ms": _median([v.engine_ready for v in visits]),
        "longest_task_ms": max(v.longest_task for v in visits),
        "bytes": _median([v.bytes for v in visits]),
        "offline_bytes": _median([v.offline_bytes for v in visits]),
        "js_heap_bytes": max(v.js_heap for v in visits),
        "ua_memory_bytes": max((v.ua_memory or 0) for v in visits) or None,
        "started_from": sorted({v.started_from for v in visits if v.started_from}),
    }


def bench_browser(site: Path, slug: str, runs: int = 5, network_runs: int = 3) -> dict[str, Any]:
    """Every browser measurement on ``site`` (a built site; the bare page is added to it).

    ``runs`` cold and warm visits on the local server; ``network_runs`` cold visits over MOBILE_NETWORK.
    """
    bare_url = write_bare_page(site)
    mark_first_question(site, slug)
    plain = "about/" if (site / "about" / "index.html").is_file() else ""
    mark_plain_content(site, plain)
    # The marked pages no longer match the offline worker's hashes, so it would refuse to install and the warm
    # visits would measure a returning reader without it: list the copy's files again.
    write_service_worker(site)
    with counting_server(site) as (base, counter), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=[*FLAGS, "--enable-blink-features=ForceEagerMeasureMemory"])
        series: dict[str, list[Visit]] = {"wizard_cold": [], "bare_cold": [], "wizard_warm": [], "bare_warm": [],
                                          "wizard_mobile": [], "bare_mobile": []}
        plain_cold: list[Visit] = []
        plain_mobile: list[Visit] = []
        for _ in range(runs):
            # Alternate wizard and bare in every round, so that a noisy moment affects both alike.
            for name, url, bare in (("wizard", f"procedures/{slug}/", False), ("bare", bare_url, True)):
                context = browser.new_context()
                _offline(context, base)
                series[f"{name}_cold"].append(visit(context, base + url, counter, bare=bare))
                series[f"{name}_warm"].append(visit(context, base + url, counter, bare=bare))
                context.close()
            context = browser.new_context()
            _offline(context, base)
            plain_cold.append(plain_page(context, base + plain, counter))
            context.close()
        for _ in range(network_runs):
            for name, url, bare in (("wizard", f"procedures/{slug}/", False), ("bare", bare_url, True)):
                context = browser.new_context()
                _offline(context, base)
                series[f"{name}_mobile"].append(visit(context, base + url, counter, bare=bare, network=MOBILE_NETWORK))
                context.close()
            context = browser.new_context()
            _offline(context, base)
            plain_mobile.append(plain_page(context, base + plain, counter, network=MOBILE_NETWORK))
            context.close()
        context = browser.new_context()
        _offline(context, base)
        walk = walk_examples(context, base, counter)
        context.close()
        browser.close()
    out: dict[str, Any] = {name: summarize(visits) for name, visits in series.items()}
    out["plain_page_fcp_ms"] = _median([v.fcp for v in plain_cold])
    out["plain_page_content_painted_ms"] = _median([v.question_painted for v in plain_cold])
    out["plain_page_longest_task_ms"] = max(v.longest_task for v in plain_cold)
    out["plain_page_mobile_content_painted_ms"] = _median([v.question_painted for v in plain_mobile])
    out["plain_page_mobile_longest_task_ms"] = max((v.longest_task for v in plain_mobile), default=None)
    out["plain_page"] = "/" + plain
    for kind in ("cold", "warm", "mobile"):
        ours, bare = out[f"wizard_{kind}"]["engine_ready_ms"], out[f"bare_{kind}"]["engine_ready_ms"]
        out[f"engine_ratio_{kind}"] = ours / bare if ours and bare else None
    out["answers"] = {"count": len(walk.latencies), "p50_ms": percentile(walk.latencies, 0.5),
                      "p95_ms": percentile(walk.latencies, 0.95), "longest_task_ms": walk.longest_task,
                      "js_heap_bytes": walk.js_heap, "ua_memory_bytes": walk.ua_memory}
    out["foreign_requests"] = sorted(set(FOREIGN))
    out["memory_method"] = "measureUserAgentSpecificMemory (page + worker, incl. wasm) and CDP JSHeapUsedSize"
    return out


def lighthouse(site: Path, slug: str, report: Path, edition: str = "") -> dict[str, Any]:
    """Lighthouse (mobile defaults) on a tree page: the four category scores (0 to 100).

    ``edition`` is the folder of a language edition (``zh/``), or empty for the main one.
    """
    binary = REPO / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        return {"error": "node_modules/.bin/lighthouse is missing: run npm ci"}
    with counting_server(site) as (base, _):
        # Lighthouse now and then fails to record its trace on a busy machine (NO_NAVSTART): try up to 3 times.
        for _ in range(3):
            report.unlink(missing_ok=True)
            done = subprocess.run(
                [str(binary), f"{base}{edition}procedures/{slug}/", "--quiet", "--output=json",
                 f"--output-path={report}", "--chrome-flags=" + " ".join(FLAGS)],
                env={**os.environ, "CHROME_PATH": CHROMIUM},
                capture_output=True, text=True, timeout=300, check=False)
            if done.returncode == 0 and report.is_file():
                break
    if done.returncode != 0 or not report.is_file():
        return {"error": (done.stderr or done.stdout)[-1000:]}
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(100 * (cat["score"] or 0)) for name, cat in data["categories"].items()}
    failed = [audit["id"] for audit in data["audits"].values()
              if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") in
              ("binary", "numeric", "metricSavings")]
    return {"url": f"/{edition}procedures/{slug}/", "scores": scores, "below_0.9": sorted(failed)}


def build_site(target: Path) -> float:
    """Build the repository's site into ``target``; the seconds it took."""
    shutil.rmtree(target, ignore_errors=True)
    begin = time.perf_counter()
    subprocess.run([str(REPO / ".venv" / "bin" / "mkdocs"), "build", "-q", "-d", str(target)], cwd=REPO,
                   check=True, capture_output=True)
    return time.perf_counter() - begin


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        built = Path(folder) / "site"
        build_site(built)
        print(json.dumps(bench_browser(built, "withdraw-complaint", runs=1), indent=2))
