"""The guide pages and the glossary fit the trees they explain.

- every tree in ``trees/`` has a guide ``docs/guides/<slug>.md`` and every guide has a tree;
- each guide links to its tree's page with a relative link MkDocs resolves (``../procedures/<slug>.md``:
  the wizard plugin generates that page);
- every relative link in the guides and the glossary leads to a page that exists and, for an anchor, to a
  heading on it;
- each guide and the glossary carry a short disclaimer and their review date; a guide's date is its tree's;
- every term that content.toml lists as unfamiliar and that a guide or a tree uses has a glossary heading.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from markdown.extensions.toc import slugify

from wizard.compiler import compile_file, tree_files
from wizard.plain_language import find_config, load_config

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCS = REPO_ROOT / "docs"
GUIDES = DOCS / "guides"
GLOSSARY = DOCS / "glossary.md"
PROCEDURES = "procedures"  # where the wizard plugin puts the generated pages, relative to docs/

TREE_SLUGS = sorted(path.stem for path in tree_files(REPO_ROOT / "trees"))
GUIDE_SLUGS = sorted(path.stem for path in GUIDES.glob("*.md"))
OWN_PAGES = [*sorted(GUIDES.glob("*.md")), GLOSSARY]

_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*(?:\{#([^}\s]+)\})?\s*$", re.MULTILINE)
_REVIEWED = re.compile(r"^Last reviewed: (\d{1,2} [A-Z][a-z]+ \d{4})\s*$", re.MULTILINE)
_DISCLAIMER = "General information, not legal advice."
# The keys whose text readers see (the same as the plain-language check reads); examples are tests, not text.
_READER_KEYS = {"title", "summary", "question", "help", "verdict", "explanation", "because", "label", "text",
                "next_steps", "passed"}


def reader_texts(data: object, key: str = "") -> list[str]:
    """Every text of tree data that readers see."""
    if isinstance(data, str):
        return [data] if key in _READER_KEYS else []
    if isinstance(data, dict):
        return [text for k, value in data.items() if k != "examples" for text in reader_texts(value, str(k))]
    if isinstance(data, list):
        return [text for item in data for text in reader_texts(item, key)]
    return []


def anchors(markdown: str) -> set[str]:
    """The ids of a page's headings: an explicit ``{#id}``, else the id MkDocs' table of contents makes."""
    return {explicit or slugify(title, "-") for title, explicit in _HEADING.findall(markdown)}


def broken_links(page: Path, docs: Path, generated: set[str]) -> list[str]:
    """The relative links of ``page`` whose target page or heading does not exist.

    ``generated`` holds the pages the site adds (``procedures/<slug>.md``), relative to ``docs``; their
    headings are not known here, so only links to those pages without an anchor are accepted.
    """
    problems = []
    for target in _LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            continue  # an external or absolute link: not ours to resolve
        path_part, _, anchor = target.partition("#")
        if not path_part:
            path_part = page.name
        if not path_part.endswith(".md"):
            problems.append(f"{target}: link to the Markdown file (.md), as MkDocs needs")
            continue
        resolved = (page.parent / path_part).resolve()
        try:
            relative = resolved.relative_to(docs.resolve()).as_posix()
        except ValueError:
            problems.append(f"{target}: leads outside the docs folder")
            continue
        if relative in generated:
            if anchor:
                problems.append(f"{target}: anchors into a generated page cannot be checked; link the page")
            continue
        if not resolved.is_file():
            problems.append(f"{target}: no such page")
        elif anchor and anchor not in anchors(resolved.read_text(encoding="utf-8")):
            problems.append(f"{target}: no heading #{anchor} on that page")
    return problems


def reviewed_date(markdown: str) -> datetime.date | None:
    """The date of the page's ``Last reviewed: 23 November 2026`` line, if it has one."""
    found = _REVIEWED.search(markdown)
    if found is None:
        return None
    return datetime.datetime.strptime(found.group(1), "%d %B %Y").date()


def test_every_tree_has_a_guide_and_every_guide_a_tree() -> None:
    assert TREE_SLUGS, "no trees found"
    assert [slug for slug in TREE_SLUGS if slug not in GUIDE_SLUGS] == [], "trees without a guide"
    assert [slug for slug in GUIDE_SLUGS if slug not in TREE_SLUGS] == [], "guides without a tree"


@pytest.mark.parametrize("slug", GUIDE_SLUGS)
def test_guide_links_to_its_tree_page(slug: str) -> None:
    text = (GUIDES / f"{slug}.md").read_text(encoding="utf-8")
    assert f"](../{PROCEDURES}/{slug}.md)" in text


@pytest.mark.parametrize("page", OWN_PAGES, ids=lambda p: p.name)
def test_links_lead_somewhere(page: Path) -> None:
    generated = {f"{PROCEDURES}/{slug}.md" for slug in TREE_SLUGS}
    assert broken_links(page, DOCS, generated) == []


@pytest.mark.parametrize("page", OWN_PAGES, ids=lambda p: p.name)
def test_page_has_disclaimer_and_review_date(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert _DISCLAIMER in text
    reviewed = reviewed_date(text)
    assert reviewed is not None, "add a line 'Last reviewed: D Month YYYY'"
    assert reviewed <= datetime.date.today()
    if page.parent == GUIDES:
        compiled = compile_file(REPO_ROOT / "trees" / f"{page.stem}.yaml")
        assert compiled.tree is not None
        assert reviewed.isoformat() == compiled.tree["reviewed"], "review the guide with its tree"


def _used_terms() -> dict[str, list[str]]:
    """Each content.toml term used in a guide or in a tree's reader-facing text, with where it is used."""
    config_path = find_config(REPO_ROOT)
    assert config_path is not None, "content.toml is missing"
    config = load_config(config_path)
    texts: dict[str, str] = {f"docs/guides/{page.name}": page.read_text(encoding="utf-8")
                             for page in sorted(GUIDES.glob("*.md"))}
    for path in tree_files(REPO_ROOT / "trees"):
        compiled = compile_file(path)
        assert compiled.checked is not None and compiled.checked.loaded.data is not None
        texts[f"trees/{path.name}"] = "\n".join(reader_texts(compiled.checked.loaded.data))
    used: dict[str, list[str]] = {}
    for term in config.terms:
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
        where = [name for name, text in texts.items() if pattern.search(text)]
        if where:
            used[term] = where
    return used


def test_every_unfamiliar_term_used_has_a_glossary_entry() -> None:
    headings = [title.lower() for title, _ in _HEADING.findall(GLOSSARY.read_text(encoding="utf-8"))]
    used = _used_terms()
    assert used, "no listed term is used: is content.toml's list empty?"
    missing = {term: where for term, where in used.items() if not any(term.lower() in h for h in headings)}
    assert missing == {}


def test_link_checker_reports_planted_mistakes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "guides").mkdir(parents=True)
    (docs / "glossary.md").write_text("# Glossary\n\n### Appeal {#appeal}\n\n### Points\n", encoding="utf-8")
    page = docs / "guides" / "x.md"
    page.write_text(
        "[ok](../glossary.md#appeal) [ok](../glossary.md#points) [tree](../procedures/x.md)\n"
        "[bad anchor](../glossary.md#apeal) [no page](../nowhere.md) [url style](../../procedures/x/)\n"
        "[outside](../../README.md) [web](https://example.org/) ![img](pic.png)\n",
        encoding="utf-8",
    )
    assert broken_links(page, docs, {"procedures/x.md"}) == [
        "../glossary.md#apeal: no heading #apeal on that page",
        "../nowhere.md: no such page",
        "../../procedures/x/: link to the Markdown file (.md), as MkDocs needs",
        "../../README.md: leads outside the docs folder",
    ]


def test_reader_texts_skip_examples_and_ids() -> None:
    data = {"title": "T", "nodes": {"q": {"type": "choice", "question": "Q?", "options": {"a": {"label": "A",
            "next": "end"}}}, "end": {"next_steps": ["S", {"text": "U", "if": "x == 'a'"}]}},
            "examples": [{"name": "appeal"}]}
    assert reader_texts(data) == ["T", "Q?", "A", "S", "U"]


def test_reviewed_date_is_read_from_the_page() -> None:
    assert reviewed_date("text\n\nLast reviewed: 3 November 2026\n") == datetime.date(2026, 11, 3)
    assert reviewed_date("Reviewed 2026-11-03") is None
