"""The Simplified Chinese edition: page wording in both languages, and the built site's two editions.

The English edition is built at the site's root and the Chinese one into ``zh/`` (mkdocs.zh.yml, built by the
wizard plugin after the English one); both share one copy of the wizard's files, and every page's language
switch leads to the same page in the other edition.
"""

from __future__ import annotations

import json
import re
import string
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_helpers import REPO, TINY_SLUG, BuiltSite, make_tiny_project, mkdocs, parse_html, tree_pages

from wizard.compiler import compile_file
from wizard.core import vocabulary
from wizard.core.contracts import CompiledTree
from wizard.site.conditions import describe_condition, describe_date
from wizard.site.page import render_page
from wizard.site.wording import page_words

# The page words of every language, from the vocabularies (wizard/core/languages/<code>.toml).
WORDING = {code: page_words(code) for code in vocabulary.languages()}

KITCHEN = REPO / "tests" / "fixtures" / "trees" / "kitchen-sink.yaml"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _kitchen(language: str) -> CompiledTree:
    result = compile_file(KITCHEN)
    assert result.tree is not None, [d.format() for d in result.errors]
    return result.tree if language == "en" else result.translations[language]


def test_every_language_has_every_page_phrase_with_the_same_blanks() -> None:
    english = WORDING["en"]
    for language, words in WORDING.items():
        assert words.keys() == english.keys(), language
        for key, text in words.items():
            assert _fields(text) == _fields(english[key]), (language, key)
            assert text.strip(), (language, key)


def test_a_chinese_page_uses_no_english_page_words() -> None:
    page = render_page(_kitchen("zh"))
    english = render_page(_kitchen("en"))
    checked = 0
    for key, text in WORDING["en"].items():
        # Each English phrase, cut at its blanks and tags, that the English page really shows.
        for part in re.split(r"\{[^}]*\}|<[^>]*>", text):
            piece = part.strip(" :.,")
            if len(piece) > 4 and piece in english:
                checked += 1
                assert piece not in page, f"{key}: {piece!r} is on the Chinese page"
    assert checked > 20
    for key in ("all_answers", "flowchart", "sources", "who_for", "last_reviewed", "next_steps", "deadlines"):
        assert WORDING["zh"][key] in page, key
    assert "{#all-answers}" in page and "{#sources}" in page, "the same anchors in both languages"


def test_conditions_and_date_formulas_read_as_chinese() -> None:
    tree = _kitchen("zh")
    assert describe_condition(tree, "channel == 'phone'") == "你对“你是通过什么方式投诉的？”的回答是“电话”"
    assert describe_condition(tree, "channel not in ['phone', 'letter']") == \
        "你对“你是通过什么方式投诉的？”的回答不是“电话”或“信件”"
    assert describe_condition(tree, "amount > 100 and days_between(received, today) <= 15") == \
        "你对“你付了多少钱？”的回答大于 100 元，并且从你为“答复是哪天收到的？”填写的日期到今天不超过 15 天"
    assert describe_date(tree, "add_working_days(received, 5)") == "你为“答复是哪天收到的？”填写的日期之后 5 个工作日"
    english = _kitchen("en")
    assert describe_date(english, "add_working_days(received, 5)") == \
        "5 working days after the date you gave for “When did the reply arrive?”"


# The built site ----------------------------------------------------------------------------------------------


def _resolve(page: Path, href: str, site: Path) -> Path:
    """The file a relative link of a built page leads to (``index.html`` for a folder)."""
    path = urlsplit(href).path
    target = (page.parent / path).resolve() if not path.startswith("/") else (site / path.lstrip("/")).resolve()
    return target / "index.html" if path.endswith("/") or path in ("", ".") else target


def test_every_tree_has_a_chinese_page_in_chinese(repo_site: BuiltSite) -> None:
    for slug, english_page in tree_pages(repo_site):
        page = repo_site.site / "zh" / "procedures" / slug / "index.html"
        assert page.is_file(), f"no Chinese page for {slug}"
        html = page.read_text(encoding="utf-8")
        assert '<html lang="zh"' in html
        tree = json.loads((page.parent / "tree.json").read_text(encoding="utf-8"))
        assert tree["language"] == "zh" and tree["title"] in html
        assert tree["slug"] == slug
        english = json.loads((english_page.parent / "tree.json").read_text(encoding="utf-8"))
        assert english.get("language", "en") == "en" and english["title"] != tree["title"]
        assert set(english["nodes"]) == set(tree["nodes"]), "the same steps: only the texts differ"


def test_the_chinese_edition_uses_the_one_copy_of_the_wizard(repo_site: BuiltSite) -> None:
    site = repo_site.site
    assert not (site / "zh" / "assets" / "pyodide").exists(), "Pyodide is not copied twice"
    page = site / "zh" / "procedures" / "withdraw-complaint" / "index.html"
    doc = parse_html(page.read_text(encoding="utf-8"))
    wizard = doc.by_id("wizard")
    assert wizard is not None
    assets = _resolve(page, str(wizard.attrs["data-wizard-assets"]) + "wizard/worker.js", site)
    assert assets == (site / "assets" / "wizard" / "worker.js").resolve() and assets.is_file()
    scripts = [e.attrs["src"] for e in doc.find_all("script") if "src" in e.attrs]
    styles = [e.attrs["href"] for e in doc.find_all("link") if e.attrs.get("rel") == "stylesheet"]
    for href in scripts + styles:
        assert _resolve(page, href, site).is_file(), f"{href} of the Chinese page leads nowhere"


def _switch_links(page: Path) -> dict[str, str]:
    doc = parse_html(page.read_text(encoding="utf-8"))
    return {link.attrs["hreflang"]: link.attrs["href"] for link in doc.find_all("a", "md-select__link")}


@pytest.mark.parametrize("edition", ["", "zh"])
def test_every_page_switches_language_to_the_same_page(repo_site: BuiltSite, edition: str) -> None:
    root = repo_site.site / edition if edition else repo_site.site
    pages = [p for p in root.rglob("index.html") if edition or "zh" not in p.relative_to(root).parts[:1]]
    assert len(pages) > 10
    for page in pages:
        relative = page.relative_to(root)
        links = _switch_links(page)
        assert set(links) == {"en", "zh"}, page
        assert _resolve(page, links["en"], repo_site.site) == (repo_site.site / relative).resolve(), page
        assert _resolve(page, links["zh"], repo_site.site) == (repo_site.site / "zh" / relative).resolve(), page


def test_the_search_index_has_one_language_per_edition(repo_site: BuiltSite) -> None:
    # Pagefind indexes the whole built folder once, one index per <html lang>: each edition searches its own
    # pages (the browser tests search them). Every page of an edition except its 404 page is in its index.
    entry = json.loads((repo_site.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    zh_pages = [p for p in (repo_site.site / "zh").rglob("*.html") if p.name != "404.html"]
    en_pages = [p for p in repo_site.site.rglob("*.html")
                if p.name != "404.html" and "zh" not in p.relative_to(repo_site.site).parts[:1]]
    assert set(entry["languages"]) == {"en", "zh"}
    assert entry["languages"]["zh"]["page_count"] == len(zh_pages)
    assert entry["languages"]["en"]["page_count"] == len(en_pages)


# A tiny project with a second edition: the plugin's options on their own ---------------------------------------

EDITION_YML = """\
INHERIT: mkdocs.yml
docs_dir: docs/zh
exclude_docs: ""
theme:
  language: zh
plugins:
  - search
  - wizard:
      language: zh
      shared_assets: ../
      nav_sections: {consumers: 消费者, sellers: 商家}
nav:
  - 首页: index.md
  - 消费者: []
  - 商家: []
"""


def _tiny_with_edition(folder: Path) -> Path:
    project = make_tiny_project(folder)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # The site's theme overrides hold the language switch that leads to the same page.
    text = text.replace("  name: material\n", f"  name: material\n  custom_dir: {REPO / 'overrides'}\n")
    plugins = 'exclude_docs: "zh/"\nplugins: [search, {wizard: {editions: {zh: mkdocs.zh.yml}}}]'
    config.write_text(text.replace("plugins: [search, wizard]", plugins), encoding="utf-8")
    (project / "mkdocs.zh.yml").write_text(EDITION_YML, encoding="utf-8")
    (project / "docs" / "zh" / "guides").mkdir(parents=True)
    (project / "docs" / "zh" / "index.md").write_text("# 小站\n\n见[流程](procedures/tiny-appeal.md)。\n", "utf-8")
    (project / "docs" / "zh" / "guides" / f"{TINY_SLUG}.md").write_text("# 申诉说明\n\n背景。\n", "utf-8")
    return project


def test_an_edition_is_built_into_its_folder_from_the_translations(tmp_path: Path) -> None:
    project = _tiny_with_edition(tmp_path)
    done = mkdocs("build", "--strict", "-d", "site", cwd=project)
    assert done.returncode != 0, "the edition needs the tree's translation"
    assert f"needs {TINY_SLUG}.zh.yaml (wizard translate writes it)" in done.stdout + done.stderr
    # `wizard translate` writes the texts file: each English text with an empty translation to fill in.
    tree = project / "trees" / f"{TINY_SLUG}.yaml"
    written = subprocess.run([sys.executable, "-m", "wizard", "translate", str(tree)], cwd=project,
                             capture_output=True, text=True, check=False)
    assert written.returncode == 0, written.stderr
    texts = tree.with_name(f"{TINY_SLUG}.zh.yaml")
    unfinished = mkdocs("build", "--strict", "-d", "site", cwd=project)
    assert unfinished.returncode != 0, "an unfinished translation must not be published"
    assert "texts are not translated into 简体中文 yet" in unfinished.stdout + unfinished.stderr
    filled = re.sub(r"^( +)zh:$", r"\1zh: 译文。", texts.read_text(encoding="utf-8"), count=1, flags=re.M)
    filled = re.sub(r"^( +)zh:$", r"\1zh: 其他译文。", filled, flags=re.M)  # the first is the title
    texts.write_text(filled.replace("zh: 译文。", "zh: 我还能对店铺处罚提出申诉吗？"), encoding="utf-8")
    done = mkdocs("build", "--strict", "-d", "site", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    site = project / "site"
    page = site / "zh" / "procedures" / TINY_SLUG / "index.html"
    html = page.read_text(encoding="utf-8")
    assert '<html lang="zh"' in html and "我还能对店铺处罚提出申诉吗？" in html and WORDING["zh"]["all_answers"] in html
    assert (site / "assets" / "wizard" / "wizard.js").is_file() and not (site / "zh" / "assets" / "wizard").exists()
    assert _switch_links(site / "procedures" / TINY_SLUG / "index.html") == {
        "en": f"../../procedures/{TINY_SLUG}/", "zh": f"../../zh/procedures/{TINY_SLUG}/"}
    assert _switch_links(page) == {"en": f"../../../procedures/{TINY_SLUG}/", "zh": f"../../procedures/{TINY_SLUG}/"}


def test_the_cache_rules_cover_both_editions(repo_site: BuiltSite) -> None:
    rules = (repo_site.site / "_headers").read_text(encoding="utf-8")
    bundles = sorted(repo_site.site.glob("**/assets/javascripts/bundle.*.min.js"))
    assert len(bundles) == 2, bundles  # one theme bundle per edition
    for bundle in bundles:
        assert "/" + bundle.relative_to(repo_site.site).as_posix() + "\n  Cache-Control: public" in rules
