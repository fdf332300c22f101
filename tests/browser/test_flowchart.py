"""The flowchart of every procedure page renders in Chromium, from the site's own copy of Mermaid, legibly on
a phone."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request

from wizard.compiler import tree_files

from .wizard_driver import frames_rendered

REPO = Path(__file__).resolve().parents[2]
SLUGS = [path.stem for path in tree_files(REPO / "trees")]

# Material renders each diagram into a *closed* shadow root, which no test can look into. Opening it changes
# nothing else and lets the test see the SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""

# Every label of every chart: its font size, how much the chart is scaled, and how far its text sticks out of
# the box Mermaid made for it (a foreignObject, which clips what does not fit).
LABELS = """
() => [...document.querySelectorAll("div.mermaid")].flatMap((chart) => {
  const svg = chart.shadowRoot.querySelector("svg");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...chart.shadowRoot.querySelectorAll("g.node .nodeLabel, g.edgeLabel .edgeLabel")]
    .filter((label) => label.textContent.trim())
    .map((label) => {
      const text = label.getBoundingClientRect();
      const box = label.closest("foreignObject").getBoundingClientRect();
      const overflow = Math.max(box.left - text.left, text.right - box.right, box.top - text.top,
                                text.bottom - box.bottom);
      return { text: label.textContent, size: parseFloat(getComputedStyle(label).fontSize), scale, overflow };
    });
})
"""


def _wait_for_chart(page: Page, url: str) -> None:
    page.goto(url)
    # Mermaid is loaded only when a chart comes near the screen.
    page.locator("#flowchart").scroll_into_view_if_needed()
    page.locator("div.mermaid svg").first.wait_for(state="visible", timeout=30_000)


def test_mermaid_is_loaded_only_when_the_chart_comes_into_view(site_url: str, page: Page) -> None:
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url) if "mermaid.min.js" in request.url else None)
    page.goto(f"{site_url}procedures/{SLUGS[0]}/")
    page.wait_for_function("() => document.querySelector('.rc-wizard').dataset.wizardState !== 'loading'")
    # Whatever the page loads on its own has been asked for once it is idle and observers had their frames.
    page.wait_for_load_state("networkidle")
    frames_rendered(page)
    assert loaded == [], "Mermaid was loaded for a chart nobody looked at"
    page.locator("#flowchart").scroll_into_view_if_needed()
    page.wait_for_function("() => window.mermaid && typeof window.mermaid.run === 'function'", timeout=30_000)
    assert len(loaded) == 1


def test_flowchart_renders_as_svg_without_other_hosts(site_url: str, page: Page) -> None:
    assert SLUGS, "no trees in trees/"
    origin = urlsplit(site_url).netloc
    requests: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    page.on("request", record)
    page.add_init_script(OPEN_SHADOW_ROOTS)
    for slug in SLUGS:
        _wait_for_chart(page, f"{site_url}procedures/{slug}/")
        # One drawn shape per node of the tree: every question, rule and outcome is on the chart.
        shapes = page.locator("div.mermaid svg g.node")
        tree = page.evaluate("fetch('tree.json').then((r) => r.json())")
        assert shapes.count() == len(tree["nodes"]), slug
        assert page.locator("pre.mermaid").count() == 0, f"{slug}: a diagram was left as source text"
        box = page.locator("div.mermaid svg").first.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100, slug
        title = page.locator("div.mermaid svg > title").first.text_content()
        assert title == f"Flowchart of {tree['title']}", slug
    mermaid = [url for url in requests if url.endswith("/mermaid.min.js")]
    assert mermaid and all(urlsplit(url).netloc == origin for url in mermaid)
    assert [url for url in requests if urlsplit(url).netloc not in (origin, "")] == []


def test_pages_without_a_flowchart_do_not_load_mermaid(site_url: str, page: Page) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/load-mermaid.js") for url in requests)
    assert not any(url.endswith("/mermaid.min.js") for url in requests)


@pytest.fixture
def context_options() -> dict[str, object]:
    """A phone: 375 CSS pixels wide, as the smallest common phones."""
    return {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True}


@pytest.mark.parametrize("slug", SLUGS)
def test_flowchart_text_is_legible_on_a_phone(site_url: str, page: Page, slug: str) -> None:
    page.add_init_script(OPEN_SHADOW_ROOTS)
    _wait_for_chart(page, f"{site_url}procedures/{slug}/")
    labels = page.evaluate(LABELS)
    assert labels, slug
    for label in labels:
        # Drawn at full size (the chart scrolls sideways instead of shrinking) and at a reading size.
        assert label["scale"] == pytest.approx(1, abs=0.01), label
        assert label["size"] >= 14, label
        # Nothing is cut off.
        assert label["overflow"] <= 1, label
    # The chart scrolls inside its own box; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
