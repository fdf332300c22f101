"""What a hostile procedure page must still be, read in Chromium: its own title, the project's flowchart and
sound calendar files.

Used by tests/browser/test_injection.py. Each reader returns what the page shows; each ``*_problems`` function
returns what is wrong with it (an empty list when the page holds), so that a failure names every problem at once.
"""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any
from urllib.parse import unquote

from icalendar import Calendar
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from wizard.site.mermaid import EDGE_LINE, EDGE_LINES, NODE_LINE, NODE_LINES, flowchart, label_lines
from wizard.site.text import node_title
from wizard.site.wording import say

# Material renders each diagram into a *closed* shadow root; opening it changes nothing else (as in
# test_flowchart.py) and lets the test read the SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""

# The drawn chart, and the stylesheet Mermaid makes for a harmless chart drawn with the same settings (the
# project's `%%{init}%%` and the theme's configuration): any directive that got through changes the stylesheet.
_CHART = """async (reference) => {
  const svg = document.querySelector('div.mermaid').shadowRoot.querySelector('svg');
  const drawn = await window.mermaid.render('rc-reference', reference);
  const style = new DOMParser().parseFromString(drawn.svg, 'image/svg+xml').querySelector('style');
  const shapes = [...svg.querySelectorAll('g.node rect, g.node path, g.node polygon, path.flowchart-link')];
  return {
    width: svg.getAttribute('width'),
    style: svg.getAttribute('style') || '',
    stylesheet: svg.querySelector('style').textContent,
    reference: style ? style.textContent.split('#rc-reference').join('#' + svg.id) : '',
    nodes: svg.querySelectorAll('g.node').length,
    labels: [...svg.querySelectorAll('g.node .nodeLabel, g.edgeLabel .edgeLabel')]
      .map((label) => label.textContent).filter((text) => text.trim()),
    title: svg.querySelector(':scope > title')?.textContent ?? '',
    inLabels: [...new Set([...svg.querySelectorAll('foreignObject *')].map((el) => el.tagName.toLowerCase()))],
    styled: [...svg.querySelectorAll('[style]')].map((el) => el.getAttribute('style')),
    colours: shapes.flatMap((el) => [getComputedStyle(el).fill, getComputedStyle(el).stroke]),
  };
}"""
# What an attacker's `themeVariables` would paint with (the hostile fixture's colour), as CSS gives it back.
ATTACKER_COLOUR, ATTACKER_RGB = "ff00aa", "rgb(255, 0, 170)"
# What a label may hold once drawn: Mermaid's own wrappers and the line breaks the project puts in.
LABEL_TAGS = {"div", "span", "p", "br"}


def draw_chart(page: Page) -> None:
    """Scroll the flowchart into view and wait until Mermaid has drawn it (the page must have opened shadow
    roots with ``OPEN_SHADOW_ROOTS`` before it loaded)."""
    page.locator("#flowchart").scroll_into_view_if_needed()
    page.wait_for_function("() => window.mermaid && typeof window.mermaid.run === 'function'", timeout=30_000)
    try:
        page.wait_for_function(
            "() => document.querySelector('div.mermaid')?.shadowRoot?.querySelector('svg g.node')", timeout=30_000
        )
    except PlaywrightTimeoutError:
        raise AssertionError("Mermaid drew no chart: the page's chart source did not parse") from None


def _harmless(tree: dict[str, Any]) -> dict[str, Any]:
    """The tree with every text the chart shows replaced by a plain word: the same shapes, edges and styles."""
    plain = copy.deepcopy(tree)
    plain["title"] = "Chart"
    for node in plain["nodes"].values():
        for key in ("question", "verdict", "title"):
            if node.get(key):
                node[key] = "Text"
        for item in node.get("options", []) + node.get("branches", []):
            for key in ("label", "because"):
                if item.get(key):
                    item[key] = "Edge"
    return plain


def _words(text: str) -> str:
    # Mermaid may wrap a line of ours again where it is too wide, and a label's lines follow one another in its
    # text: only where the spaces are differs.
    return "".join(text.split())


def expected_labels(tree: dict[str, Any]) -> Counter[str]:
    """The text of every box and edge label, as the chart must show it: the tree's own words, cut to the chart's
    lines (compared without spaces)."""
    labels: Counter[str] = Counter()
    route_title, otherwise = say(tree, "route_title"), say(tree, "otherwise_edge")
    for node in tree["nodes"].values():
        labels[_words("".join(label_lines(node_title(node, route_title), NODE_LINE, NODE_LINES)))] += 1
        edges = [option["label"] for option in node.get("options", [])]
        edges += [branch["because"] for branch in node.get("branches", []) if branch.get("because")]
        edges += [otherwise] if node.get("else") else []
        labels.update(_words("".join(label_lines(str(text), EDGE_LINE, EDGE_LINES))) for text in edges)
    return labels


def _first_difference(shown: str, wanted: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(shown, wanted, strict=False)) if a != b), min(len(shown), len(wanted)))
    return f" (at {at}: {shown[max(0, at - 40):at + 60]!r} instead of {wanted[max(0, at - 40):at + 60]!r})"


def chart_problems(page: Page, tree: dict[str, Any], *, refused: str = "") -> list[str]:
    """What is wrong with the drawn flowchart of ``tree``: settings not the project's, styles or markup from the
    texts, a blank or partial chart, labels that are not the tree's words. With ``refused`` (characters the
    chart must drop), labels are only checked for holding none of them, since they are not the tree's words."""
    chart: dict[str, Any] = page.evaluate(_CHART, flowchart(_harmless(tree)))
    problems = []
    # The project's `useMaxWidth: false`: a fixed width, no `max-width` (a directive from a text resets it).
    if not chart["width"].replace(".", "", 1).isdigit() or "max-width" in chart["style"]:
        problems.append(f"the chart lost the project's settings: width={chart['width']!r} style={chart['style']!r}")
    if not chart["reference"] or chart["stylesheet"] != chart["reference"]:
        problems.append("the chart's stylesheet differs from a harmless chart's: a theme or variables got through"
                        + _first_difference(chart["stylesheet"], chart["reference"]))
    painted = [s for s in [chart["stylesheet"], *chart["styled"]] if ATTACKER_COLOUR in s.lower()]
    painted += [colour for colour in chart["colours"] if colour == ATTACKER_RGB]
    if painted:
        problems.append(f"the attacker's colour is used: {painted[:3]}")
    if chart["nodes"] != len(tree["nodes"]):
        problems.append(f"{chart['nodes']} boxes drawn for {len(tree['nodes'])} nodes")
    if not set(chart["inLabels"]) <= LABEL_TAGS:
        problems.append(f"labels hold markup: {sorted(set(chart['inLabels']) - LABEL_TAGS)}")
    if "%" in chart["title"]:
        problems.append(f"the accessible title can hold a directive: {chart['title']!r}")
    shown, wanted = Counter(_words(label) for label in chart["labels"]), expected_labels(tree)
    if refused:
        kept = sorted({f"U+{ord(ch):04X}" for text in [*shown, chart["title"]] for ch in text if ch in refused})
        if kept:
            problems.append(f"the chart shows {', '.join(kept)}")
    elif shown != wanted:
        problems.append(f"labels not shown as written: extra {list(shown - wanted)}, missing {list(wanted - shown)}")
    return problems


# Headings ------------------------------------------------------------------------------------------------------

_HEADINGS = """() => ({
  headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({
    tag: h.tagName.toLowerCase(),
    text: [...h.childNodes].filter((n) => !(n.classList && n.classList.contains('headerlink')))
      .map((n) => n.textContent).join('').trim(),
  })),
  rules: document.querySelectorAll('article hr').length,
  title: document.title,
})"""


def heading_problems(page: Page, title: str, markers: tuple[str, ...], *, in_tab: bool = True) -> list[str]:
    """What is wrong with the page's headings: not exactly one ``<h1>`` holding ``title``, a document title that
    does not start with it (when ``in_tab``: a home page has the site's name there), a heading or a rule made
    from a tree text (a heading holding one of ``markers``, the words the hostile Markdown puts in its
    would-be headings)."""
    found: dict[str, Any] = page.evaluate(_HEADINGS)
    problems = []
    h1 = [h["text"] for h in found["headings"] if h["tag"] == "h1"]
    if h1 != [title]:
        problems.append(f"the page's <h1> headings are {h1}, not the title {title!r}")
    if in_tab and not found["title"].startswith(title):
        problems.append(f"the document title is {found['title']!r}")
    made = [h for h in found["headings"] if any(marker in h["text"] for marker in markers)]
    if made:
        problems.append(f"tree text became headings: {made}")
    if found["rules"]:
        problems.append(f"{found['rules']} horizontal rule(s) in the page's content")
    return problems


# Calendar files ------------------------------------------------------------------------------------------------

CALENDAR_PROPERTIES = {
    "VCALENDAR": ["VERSION", "PRODID", "CALSCALE", "METHOD"],
    "VEVENT": ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL", "TRANSP"],
    "VALARM": ["ACTION", "DESCRIPTION", "TRIGGER"],
}


def calendar_files(page: Page) -> dict[str, tuple[str, str]]:
    """The outcome's "Add to calendar" files, by deadline id: (the deadline's date, the file's text)."""
    page.wait_for_function(
        "() => document.querySelectorAll('.rc-deadline').length"
        " === document.querySelectorAll('.rc-deadline .rc-calendar').length"
    )
    links: list[list[str]] = page.eval_on_selector_all(
        ".rc-deadline",
        "(items) => items.map((li) => [li.dataset.deadline, li.querySelector('time').getAttribute('datetime'),"
        " li.querySelector('a.rc-calendar').getAttribute('href')])",
    )
    files = {}
    for deadline, date, href in links:
        head, _, body = href.partition(",")
        assert head == "data:text/calendar;charset=utf-8", head
        files[deadline] = (date, unquote(body))
    return files


def calendar_problems(text: str, *, date: str, label: str, procedure: str, details: str) -> list[str]:
    """What is wrong with a calendar file: lines over 75 octets or broken by a lone CR or LF, anything but one
    event on ``date`` with one alarm and their usual properties, or texts other than the expected ones (the
    event's "``label`` (``procedure``)", the alarm's ``label``, and ``details`` followed by the page's link)."""
    problems = []
    lines = text.split("\r\n")
    if lines[-1] != "":
        problems.append("the file does not end with a line break")
    for number, line in enumerate(lines[:-1], 1):
        if len(line.encode("utf-8")) > 75 or "\r" in line or "\n" in line:
            problems.append(f"line {number} is not a folded iCalendar line: {line!r}")
    calendar = Calendar.from_ical(text)
    components = [component.name for component in calendar.walk()]
    if components != ["VCALENDAR", "VEVENT", "VALARM"]:
        return [*problems, f"components {components}"]
    for component in calendar.walk():
        if list(component.keys()) != CALENDAR_PROPERTIES[str(component.name)] or component.errors:
            problems.append(f"{component.name} has {list(component.keys())} {component.errors or ''}")
    event, alarm = calendar.walk("VEVENT")[0], calendar.walk("VALARM")[0]
    link = str(event.get("URL", ""))
    shown = {
        "DTSTART": (event.decoded("DTSTART").isoformat(), date),
        "SUMMARY": (str(event.get("SUMMARY")), f"{label} ({procedure})"),
        "DESCRIPTION": (str(event.get("DESCRIPTION")), f"{details}\n{link}"),
        "the alarm's DESCRIPTION": (str(alarm.get("DESCRIPTION")), label),
    }
    problems += [f"{name} is {got!r}, not {wanted!r}" for name, (got, wanted) in shown.items() if got != wanted]
    if "#a=" not in link:
        problems.append(f"the URL {link!r} does not restore the result")
    return problems
