"""Helpers of the site tests: a hand-made compiled tree (format 1, as in docs/architecture.md) with every node
type and hostile text, a small HTML DOM, and tiny MkDocs projects."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from wizard.compiler import tree_files

HOSTILE = 'Say "hi" <script>alert(1)</script> & #1 `tick` [x] {y} (z) | ; ﬂ ¶'


def compiled_tree() -> dict[str, Any]:
    """A fresh copy of the fixture tree."""
    return {
        "format": 1,
        "slug": "appeal-penalty",
        "title": "Can I still appeal <a store> penalty?",
        "summary": "Find out whether the appeal window is still open & what to send.",
        "audience": "sellers",
        "reviewed": "2026-11-22",
        "sources": {
            "platform_rules": {
                "title": "Tmall rules on complaints",
                "section": "Appeals",
                "link": "https://rule.tmall.com/appeals",
                "kind": "platform_practice",
                "note": "As published on the rules page.",
            },
            "measures": {"title": "Measures", "section": None, "link": None, "kind": "law", "note": None},
            "unused": {
                "title": "Unused guidance",
                "section": None,
                "link": "javascript:alert(1)",
                "kind": "guidance",
                "note": None,
            },
        },
        "start": "penalty_kind",
        "nodes": {
            "penalty_kind": {
                "type": "choice",
                "question": "What kind of penalty did your store receive?",
                "help": "You can see it under *Integrity management*. <b>raw</b> [bad](javascript:alert(1))",
                "options": [
                    {
                        "key": "warning",
                        "label": "A warning",
                        "next": "no_appeal_needed",
                        "because": "A warning carries no points.",
                    },
                    {"key": "points", "label": HOSTILE, "next": "received", "because": None},
                    {"key": "fine", "label": "A fine", "next": "amount", "because": None},
                ],
            },
            "amount": {
                "type": "number",
                "question": "How much was the fine?",
                "help": None,
                "unit": "yuan",
                "min": 0,
                "max": 5000,
                "integer": True,
                "next": "first_time",
                "because": None,
            },
            "first_time": {
                "type": "yesno",
                "question": "Is this your store's first penalty?",
                "help": None,
                "options": [
                    {"key": "yes", "label": "Yes", "next": "appeal_now", "because": None},
                    {"key": "no", "label": "No", "next": "too_late", "because": None},
                ],
            },
            "received": {
                "type": "date",
                "question": "On which day did the penalty notice arrive?",
                "help": None,
                "min": None,
                "max": "today",
                "next": "window",
                "because": None,
            },
            "window": {
                "type": "route",
                "title": "Is the appeal window still open?",
                "branches": [
                    {
                        "if": "days_between(received, today) <= 3",
                        "next": "appeal_now",
                        "because": "Appeals are accepted for 3 days after the notice.",
                    },
                    {"if": "days_between(received, today) <= 5", "next": "maybe_late", "because": None},
                ],
                "else": {"next": "too_late", "because": "More than 5 days have passed since the notice."},
            },
            "appeal_now": {
                "type": "outcome",
                "verdict": "Yes, you can still appeal",
                "tone": "yes",
                "explanation": "Send your appeal **before** the window closes.",
                "next_steps": [
                    {"text": "Collect chat records and order numbers.", "if": None},
                    {
                        "text": "Submit the appeal from the [complaint page](https://example.com/c).",
                        "if": "received > date('2026-01-01')",
                    },
                ],
                "deadlines": [
                    {"id": "appeal_by", "label": "Submit your appeal by", "date": "received + 3", "if": None}
                ],
                "basis": ["platform_rules"],
            },
            "maybe_late": {
                "type": "outcome",
                "verdict": "Perhaps: ask customer service",
                "tone": "maybe",
                "explanation": "It depends on <i>when</i> the store was told.",
                "next_steps": [],
                "deadlines": [],
                "basis": ["platform_rules", "measures"],
            },
            "too_late": {
                "type": "outcome",
                "verdict": "No, the appeal window has closed",
                "tone": "no",
                "explanation": "The penalty stands.",
                "next_steps": [],
                "deadlines": [],
                "basis": ["platform_rules"],
            },
            "no_appeal_needed": {
                "type": "outcome",
                "verdict": "There is nothing to appeal",
                "tone": "info",
                "explanation": "A warning does not change your score.",
                "next_steps": [],
                "deadlines": [],
                "basis": ["measures"],
            },
        },
        "longest": {
            "penalty_kind": 3,
            "amount": 2,
            "first_time": 1,
            "received": 1,
            "window": 0,
            "appeal_now": 0,
            "maybe_late": 0,
            "too_late": 0,
            "no_appeal_needed": 0,
        },
    }


# A small DOM for reading generated and built HTML ------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    """An element of parsed HTML: tag, attributes, children (elements and strings)."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """This element and every element inside it, in document order (only ``tag`` if given)."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)

    def text(self) -> str:
        """The text content, as a browser's textContent."""
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def by_id(self, element_id: str) -> Element | None:
        """The element with this id, if any."""
        return next((e for e in self.iter() if e.attrs.get("id") == element_id), None)

    def classes(self) -> set[str]:
        """The class names."""
        return set(self.attrs.get("class", "").split())

    def find_all(self, tag: str, class_name: str | None = None) -> list[Element]:
        """The elements with this tag (and class) inside this one."""
        return [e for e in self.iter(tag) if class_name is None or class_name in e.classes()]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(text: str) -> Element:
    """Parse HTML into a small DOM."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


# Tiny MkDocs projects built in a temporary folder ----------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
TINY_SLUG = "tiny-appeal"

TINY_MKDOCS_YML = """\
site_name: Tiny
site_url: http://127.0.0.1:8000/
repo_url: https://github.com/recourse-kb/recourse
edit_uri: edit/main/
theme:
  name: material
  font: false
  features: [content.action.edit, navigation.instant]
plugins: [search, wizard]
markdown_extensions:
  - attr_list
  - md_in_html
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
nav:
  - Home: index.md
  - For consumers: []
  - For sellers: []
"""

# The example of docs/authoring.md, with text that needs escaping and a review date that never gets old.
TINY_TREE = """\
title: Can I still appeal a "store" penalty?
summary: Find out whether the appeal window is still open & what to send <now>.
audience: sellers
reviewed: {today}

sources:
  platform_rules:
    title: Tmall rules on complaints
    section: Appeals
    kind: platform_practice

start: penalty_kind

nodes:
  penalty_kind:
    type: choice
    question: What kind of penalty did your store receive?
    help: You can see it under *Integrity management*.
    options:
      warning:
        label: A warning <b>only</b>
        next: no_appeal_needed
        because: A warning carries no points.
      points:
        label: Points were deducted
        next: received

  received:
    type: date
    question: On which day did the penalty notice arrive?
    max: today
    next: window

  window:
    type: route
    title: Is the appeal window still open?
    branches:
      - if: days_between(received, today) <= 3
        next: appeal_now
        because: Appeals are accepted for 3 days after the notice.
    else:
      next: too_late
      because: More than 3 days have passed since the notice.

  appeal_now:
    type: outcome
    verdict: Yes, you can still appeal
    tone: "yes"
    explanation: Send your appeal with your evidence before the window closes.
    next_steps:
      - Collect chat records and order numbers.
      - Submit the appeal from the complaint page.
    deadlines:
      - id: appeal_by
        label: Submit your appeal by
        date: received + 3
    basis: [platform_rules]

  too_late:
    type: outcome
    verdict: No, the appeal window has closed
    tone: "no"
    explanation: The penalty stands.
    basis: [platform_rules]

  no_appeal_needed:
    type: outcome
    verdict: There is nothing to appeal
    tone: info
    explanation: A warning does not change your score.
    basis: [platform_rules]

examples:
  - name: warning only
    answers:
      penalty_kind: warning
    outcome: no_appeal_needed
  - name: notice arrived yesterday
    today: 2026-11-22
    answers:
      penalty_kind: points
      received: 2026-11-21
    outcome: appeal_now
    deadlines:
      appeal_by: 2026-11-24
  - name: notice arrived a week ago
    today: 2026-11-22
    answers:
      penalty_kind: points
      received: 2026-11-15
    outcome: too_late
"""


def tiny_tree_text() -> str:
    """The tiny tree's YAML, reviewed today."""
    return TINY_TREE.format(today=datetime.date.today().isoformat())


def make_tiny_project(folder: Path) -> Path:
    """A minimal MkDocs project using the plugin, with one tree and its guide; returns the folder."""
    (folder / "docs" / "guides").mkdir(parents=True)
    (folder / "trees").mkdir()
    (folder / "mkdocs.yml").write_text(TINY_MKDOCS_YML, encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Tiny\n\nSee [the procedure](procedures/tiny-appeal.md).\n")
    (folder / "docs" / "guides" / f"{TINY_SLUG}.md").write_text("# Appeals explained\n\nBackground.\n")
    (folder / "trees" / f"{TINY_SLUG}.yaml").write_text(tiny_tree_text(), encoding="utf-8")
    require_node_modules()
    (folder / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    return folder


def require_node_modules() -> None:
    """Fail with the fix when the npm packages are missing (the site needs Mermaid and the validator)."""
    if not (NODE_MODULES / "mermaid" / "dist" / "mermaid.min.js").is_file():
        pytest.fail("node_modules/mermaid is missing: run `npm ci` in the repository root", pytrace=False)


# Any attempt to reach the internet goes to a closed local port. MkDocs, the theme and the plugin honour the
# standard proxy variables, so a build that needed another host would fail instead of quietly fetching it.
OFFLINE = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "no_proxy": ""}
OFFLINE |= {name.upper(): value for name, value in OFFLINE.items()}


def mkdocs(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the mkdocs command as CI does, in ``cwd``, with no way out to the internet."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **OFFLINE, "NO_MKDOCS_2_WARNING": "1"},
    )


@dataclass
class BuiltSite:
    """A built site and the trees it was built from."""

    name: str
    site: Path
    trees: Path


def tree_pages(built: BuiltSite) -> list[tuple[str, Path]]:
    """(slug, built index.html) of every tree page; asserts there is one per tree file."""
    slugs = [path.stem for path in tree_files(built.trees)]
    assert slugs, f"no trees in {built.trees}"
    pages = [(slug, built.site / "procedures" / slug / "index.html") for slug in slugs]
    for slug, page in pages:
        assert page.is_file(), f"no page for {slug}"
    return pages
