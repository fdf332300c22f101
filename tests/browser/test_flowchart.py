"""The flowchart of every procedure page renders as SVG in Chromium, from the site's own copy of Mermaid."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, Request

REPO = Path(__file__).resolve().parents[2]

# Material renders each diagram into a *closed* shadow root, which no test can look into. Opening it changes
# nothing else and lets the test see the SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""


def _slugs() -> list[str]:
    slugs = sorted(p.stem for p in [*REPO.glob("trees/*.yaml"), *REPO.glob("trees/*.yml")])
    assert slugs, "no trees in trees/"
    return slugs


def test_flowchart_renders_as_svg_without_other_hosts(site_url: str, page: Page) -> None:
    origin = urlsplit(site_url).netloc
    requests: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    page.on("request", record)
    page.add_init_script(OPEN_SHADOW_ROOTS)
    for slug in _slugs():
        page.goto(f"{site_url.rstrip('/')}/procedures/{slug}/")
        svg = page.locator("div.mermaid svg").first
        svg.wait_for(state="visible", timeout=30_000)
        # One drawn shape per node of the tree: every question, rule and outcome is on the chart.
        shapes = page.locator("div.mermaid svg g.node")
        tree = page.evaluate("fetch('tree.json').then((r) => r.json())")
        assert shapes.count() == len(tree["nodes"]), slug
        assert page.locator("pre.mermaid").count() == 0, f"{slug}: a diagram was left as source text"
        box = svg.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100, slug
    mermaid = [url for url in requests if url.endswith("/mermaid.min.js")]
    assert mermaid and all(urlsplit(url).netloc == origin for url in mermaid)
    assert [url for url in requests if urlsplit(url).netloc not in (origin, "")] == []
