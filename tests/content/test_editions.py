"""Every hand-written page has its Chinese edition, with the same headings, links and place in the navigation.

The Chinese pages (``docs/zh/``) are translations of the English ones (``docs/``): the same file names, the
same heading ids (written ``{#id}`` in the Chinese text, so that links and anchors work in both editions),
the same link targets, and the same pages in the navigation of ``mkdocs.zh.yml`` as in ``mkdocs.yml``.
The text itself is the translators' work; what a check can hold them to is that nothing is missing or extra.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from markdown.extensions.toc import slugify

from wizard.mkdocs_plugin import nav_paths

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
ZH = DOCS / "zh"
ENGLISH_PAGES = sorted(p.relative_to(DOCS) for p in DOCS.rglob("*.md") if ZH not in p.parents)

_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^(#{2,6})\s+(.+?)\s*(?:\{#([^}\s]+)\})?\s*$", re.MULTILINE)
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _prose(path: Path) -> str:
    return _FENCE.sub("", path.read_text(encoding="utf-8"))


def _heading_ids(text: str) -> list[tuple[int, str]]:
    """(level, id) of every heading from level 2 down: its explicit id, or the slug MkDocs would make."""
    return [(len(hashes), explicit or slugify(title, "-")) for hashes, title, explicit in _HEADING.findall(text)]


@pytest.mark.parametrize("page", ENGLISH_PAGES, ids=str)
def test_every_page_has_a_chinese_edition_with_the_same_headings_and_links(page: Path) -> None:
    chinese = ZH / page
    assert chinese.is_file(), f"docs/{page} has no Chinese edition: add docs/zh/{page}"
    english_text, chinese_text = _prose(DOCS / page), _prose(chinese)
    assert _heading_ids(chinese_text) == _heading_ids(english_text), "the same headings, ids and levels"
    for _, title, explicit in _HEADING.findall(chinese_text):
        if _CHINESE.search(title):
            assert explicit, f"the Chinese heading {title!r} needs the English page's id, as {{#id}}"
    assert sorted(_LINK.findall(chinese_text)) == sorted(_LINK.findall(english_text)), "the same link targets"
    assert _CHINESE.search(chinese_text), "written in Chinese"


def test_no_chinese_page_lacks_its_english_one() -> None:
    extra = sorted(str(p.relative_to(ZH)) for p in ZH.rglob("*.md") if p.relative_to(ZH) not in ENGLISH_PAGES)
    assert not extra, f"Chinese pages without an English page: {extra}"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml holds MkDocs' own tags (`!ENV`, `!!python/name`): read them as plain values."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def test_both_navigations_list_the_same_pages_in_the_same_order() -> None:
    english = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    chinese = yaml.load((REPO / "mkdocs.zh.yml").read_text(encoding="utf-8"), Loader=_Loader)
    assert nav_paths(chinese["nav"]) == nav_paths(english["nav"])
    assert len(chinese["nav"]) == len(english["nav"]), "the same sections (the procedures fill two of them)"
