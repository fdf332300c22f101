"""The slow-phone series: a reader's first visit on a phone as Lighthouse emulates it, answering at once.

Lighthouse's mobile throttling, applied the way Lighthouse's own "devtools" method applies it to Chromium: about
1.6 Mbit/s down and 675 kbit/s up over a 150 ms round trip (Chromium's emulation adds the latency per request, so
Lighthouse multiplies it by 3.75 and the throughputs by 0.9), and the CPU slowed down 4 times.

Each run opens a procedure page in a fresh browser context (no cache, no service worker) and behaves like a reader
who answers as soon as a question shows: it follows the procedure's first example that asks a date or number
question, answering each choice and yes/no question the moment it is painted, then the date or number. Measured
(milliseconds from navigation start, in the page's own clock, like scripts/bench_browser.py):

- the first question painted (Element Timing on its legend), against a plain page's heading under the same
  throttling (target: within 10 %);
- for each choice or yes/no answer before the first date or number question, the time from the click to the frame
  that shows the next view (target: 100 ms or less each);
- the time from the click on the first date or number answer to the frame that shows what follows (Pyodide has to
  work it out);
- the bytes fetched before the first interaction (the page and its worker, as Resource Timing's transferSize
  counts them), and the bytes fetched in all.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_browser import (
    _PROBE,
    CHROMIUM,
    FLAGS,
    _offline,
    _text,
    counting_server,
    mark_first_question,
    mark_plain_content,
    plain_page,
)
from playwright.sync_api import BrowserContext, CDPSession, Page, sync_playwright

from wizard.browser.answer_fields import fill_answer
from wizard.browser.today_hook import today_script
from wizard.compiler import compile_folder
from wizard.core import kinds

REPO = Path(__file__).resolve().parents[1]
# Lighthouse's mobileSlow4G throttling as its "devtools" method sets it (lighthouse-core/config/constants.js).
PHONE_NETWORK = {"offline": False, "latency": 150 * 3.75, "downloadThroughput": 1638.4 * 0.9 * 1024 / 8,
                 "uploadThroughput": 675 * 0.9 * 1024 / 8}
PHONE_CPU_SLOWDOWN = 4
TARGET_CHOICE_MS = 100
TARGET_PAINT_RATIO = 1.10


@dataclass
class PhoneVisit:
    """What one slow-phone visit measured."""

    question_painted: float | None = None
    choice_latencies: list[float] = field(default_factory=list)
    worked_out_ms: float | None = None  # the first date or number answer, from click to the next view
    bytes_before_interaction: int = 0
    bytes_total: int = 0


def throttle(page: Page) -> CDPSession:
    """Apply PHONE_NETWORK and PHONE_CPU_SLOWDOWN to ``page`` (and the workers it starts); the CDP session."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", PHONE_NETWORK)
    session.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
    return session


# Bytes on the wire (transferSize of the navigation and of every resource) that had arrived by ``limit``
# (milliseconds since the page's time origin; null: all). The page's network domain does not see its workers'
# requests, so each worker is asked too, with the limit carried over from the page's clock to its own.
_BYTES = """(limit) => performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
  .filter((entry) => limit === null || performance.timeOrigin + entry.responseEnd <= limit)
  .reduce((sum, entry) => sum + (entry.transferSize || 0), 0)"""


def bytes_by(page: Page, limit: float | None) -> int:
    """What ``page`` and its workers fetched by ``limit`` (an absolute time, ms since the epoch; None: all)."""
    return int(page.evaluate(_BYTES, limit)) + sum(int(worker.evaluate(_BYTES, limit)) for worker in page.workers)


Walk = tuple[Mapping[str, Any], dict[str, str], str | None]  # a compiled tree, an example's answers, its day


def phone_walk() -> tuple[str, Walk]:
    """The first procedure with an example that asks a date or number: its slug, tree, the answers and the day."""
    for result in sorted(compile_folder(REPO / "trees"), key=lambda found: found.slug):
        if result.tree is None or result.checked is None:
            continue
        tree: Mapping[str, Any] = result.tree
        for example in (result.checked.loaded.data or {}).get("examples") or []:
            answers = {str(k): _text(v) for k, v in (example.get("answers") or {}).items()}
            if any(not kinds.has_listed_answers(tree["nodes"].get(node, {})) for node in answers):
                return result.slug, (tree, answers, str(example["today"]) if example.get("today") else None)
    raise RuntimeError("no procedure has an example that asks a date or number question")


def _next_view(page: Page) -> float:
    """Wait for the wizard's next view after a click; the milliseconds from the click to its first frame."""
    count = page.evaluate("() => window.__probe.latencies.length")
    page.click(".rc-wizard .rc-continue")
    page.wait_for_function("(n) => window.__probe.latencies.length > n", arg=count, timeout=300_000)
    return float(page.evaluate("() => window.__probe.latencies.at(-1)"))


def phone_visit(context: BrowserContext, url: str, walk: Walk) -> PhoneVisit:
    """One cold visit of ``url`` under PHONE_NETWORK and the CPU slowdown, answering the ``walk`` at once."""
    tree, answers, today = walk
    page = context.new_page()
    page.add_init_script(_PROBE)
    page.add_init_script(today_script(today))  # the example's day, as the browser tests set it
    session = throttle(page)
    result = PhoneVisit()
    page.goto(url, wait_until="commit")
    page.wait_for_function("() => window.__probe.question !== null && window.__probe.painted !== null",
                           timeout=300_000)
    result.question_painted = page.evaluate("() => window.__probe.painted")
    first_interaction = float(page.evaluate("() => performance.timeOrigin + performance.now()"))
    for _ in range(len(tree["nodes"]) + 1):
        root = page.locator(".rc-wizard")
        node = root.get_attribute("data-wizard-node") or ""
        if node not in answers:
            break
        fill_answer(page, tree, node, answers[node])
        if kinds.has_listed_answers(tree["nodes"][node]):
            result.choice_latencies.append(_next_view(page))
            continue
        result.worked_out_ms = _next_view(page)  # the first date or number: Pyodide works it out
        break
    page.wait_for_timeout(500)  # requests still on the way are counted in all
    result.bytes_before_interaction = bytes_by(page, first_interaction)
    result.bytes_total = bytes_by(page, None)
    session.detach()
    page.close()
    return result


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def bench_phone(site: Path, runs: int = 3) -> dict[str, Any]:
    """The slow-phone series on ``site`` (a built site, marked for Element Timing here): medians and targets.

    The procedure is the first (by name) with an example that asks a date or number question, so that the walk
    has both kinds of answer: those the page can show at once and one Pyodide must work out.
    """
    slug, walk = phone_walk()
    mark_first_question(site, slug)
    plain = "about/" if (site / "about" / "index.html").is_file() else ""
    mark_plain_content(site, plain)
    visits: list[PhoneVisit] = []
    plain_painted: list[float | None] = []
    with counting_server(site) as (base, counter), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for _ in range(runs):
            context = browser.new_context(service_workers="block")
            _offline(context, base)
            visits.append(phone_visit(context, f"{base}procedures/{slug}/", walk))
            context.close()
            context = browser.new_context(service_workers="block")
            _offline(context, base)
            plain_painted.append(plain_page(context, base + plain, counter, network=PHONE_NETWORK,
                                            cpu_slowdown=PHONE_CPU_SLOWDOWN).question_painted)
            context.close()
        browser.close()
    choices = [max(v.choice_latencies) for v in visits if v.choice_latencies]
    painted = _median([v.question_painted for v in visits])
    plain_ms = _median(plain_painted)
    return {
        "runs": runs, "procedure": slug,
        "choice_answers_before_first_date": len(visits[0].choice_latencies) if visits else 0,
        "slowest_choice_answer_ms": _median(list(choices)),
        "choice_target_ms": TARGET_CHOICE_MS,
        "first_question_painted_ms": painted,
        "plain_page_content_painted_ms": plain_ms,
        "paint_ratio": painted / plain_ms if painted and plain_ms else None,
        "paint_ratio_target": TARGET_PAINT_RATIO,
        "date_worked_out_ms": _median([v.worked_out_ms for v in visits]),
        "bytes_before_interaction": _median([float(v.bytes_before_interaction) for v in visits]),
        "bytes_total": _median([float(v.bytes_total) for v in visits]),
        "throttling": {"network": PHONE_NETWORK, "cpu_slowdown": PHONE_CPU_SLOWDOWN},
    }


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} ms"


def _size(value: float | None) -> str:
    return "–" if value is None else f"{value / 1024 / 1024:,.2f} MB"


def _held(value: float | None, target: float) -> str:
    return "–" if value is None else ("met" if value <= target else "not met")


def markdown_table(phone: dict[str, Any]) -> str:
    """The slow-phone series as the Markdown table of docs/performance.md."""
    ratio = phone.get("paint_ratio")
    rows = [
        ("first question painted", _ms(phone["first_question_painted_ms"]),
         f"plain page's heading {_ms(phone['plain_page_content_painted_ms'])}, ratio "
         f"{'–' if ratio is None else f'{ratio:.2f}'}",
         f"ratio ≤ {phone['paint_ratio_target']:.2f}: {_held(ratio, phone['paint_ratio_target'])}"),
        (f"each of the {phone['choice_answers_before_first_date']} choice answers before the first date: click → "
         "next view (the slowest)", _ms(phone["slowest_choice_answer_ms"]), "",
         f"≤ {phone['choice_target_ms']} ms: {_held(phone['slowest_choice_answer_ms'], phone['choice_target_ms'])}"),
        ("the first date answer: click → worked out and shown", _ms(phone["date_worked_out_ms"]), "", "reported"),
        ("bytes before the first interaction / in all", f"{_size(phone['bytes_before_interaction'])} / "
         f"{_size(phone['bytes_total'])}", "", "reported"),
    ]
    lines = [f"A cold first visit to /procedures/{phone['procedure']}/ under Lighthouse's mobile throttling "
             f"(1.6 Mbit/s, 150 ms round trip, CPU 4× slower), answering at once; medians of {phone['runs']} runs.",
             "", "| measure | ours | baseline | target |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)
