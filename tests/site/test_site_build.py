"""Building sites with the plugin: pages, JSON, navigation, edit links, errors, links, validity, privacy."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections import deque
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from site_helpers import (
    NODE_MODULES,
    REPO,
    TINY_SLUG,
    BuiltSite,
    Element,
    make_tiny_project,
    mkdocs,
    parse_html,
    tree_pages,
)

from wizard.browser.bundle import BundleError
from wizard.compiler import compile_file, tree_files
from wizard.markdown_render import add_html
from wizard.search_profile import PROFILE_PATH
from wizard.site.pages import write_pages
from wizard.site.scripts import LOADER_IN_SITE, LOADER_JS, MERMAID_IN_SITE

EDIT_BASE = "https://github.com/recourse-kb/recourse/edit/main/"


def _page(site: BuiltSite, relative: str) -> Element:
    return parse_html((site.site / relative).read_text(encoding="utf-8"))


def test_tree_page_and_json_are_generated(tiny_site: BuiltSite) -> None:
    page = _page(tiny_site, f"procedures/{TINY_SLUG}/index.html")
    title = next(page.iter("title")).text()
    assert title == 'Can I still appeal a "store" penalty? - Tiny'
    (h1,) = page.find_all("h1")
    assert h1.text().strip() == 'Can I still appeal a "store" penalty?'
    assert page.by_id("wizard") is not None and page.by_id("all-answers") is not None
    assert page.by_id("node-penalty_kind") is not None
    labels = [e.text() for e in page.find_all("label", "rc-radio__label")]
    assert labels == ["A warning <b>only</b>", "Points were deducted"]
    (chart,) = page.find_all("pre", "mermaid")
    assert chart.text().splitlines()[1] == "flowchart TD"
    written = json.loads((tiny_site.site / f"procedures/{TINY_SLUG}/tree.json").read_text(encoding="utf-8"))
    compiled = compile_file(tiny_site.trees / f"{TINY_SLUG}.yaml").tree
    assert compiled is not None
    assert written == json.loads(json.dumps(add_html(compiled)))
    assert written["nodes"]["penalty_kind"]["help_html"] == "<p>You can see it under <em>Integrity management</em>.</p>"


def test_tree_pages_start_the_engine_from_their_head_and_other_pages_do_not(tiny_site: BuiltSite) -> None:
    html = (tiny_site.site / f"procedures/{TINY_SLUG}/index.html").read_text(encoding="utf-8")
    head = next(parse_html(html).iter("head"))
    (starter,) = [s for s in head.iter("script") if "/wizard/start.js?v=" in s.attrs.get("src", "")]
    assert starter.attrs["src"].startswith("../../assets/wizard/start.js?v=") and "async" in starter.attrs
    assert (starter.attrs["data-wizard-tree"], starter.attrs["data-wizard-assets"]) == ("tree.json", "../../assets/")
    # Where wizard.js looks for the worker's files: the same folder, so it adopts the worker start.js made.
    assert parse_html(html).by_id("wizard").attrs["data-wizard-assets"] == "../../assets/"  # type: ignore[union-attr]
    assert html.count("/wizard/start.js") == 1
    assert "/wizard/start.js" not in (tiny_site.site / "index.html").read_text(encoding="utf-8")


def test_tree_pages_name_their_own_views_table_by_its_digest(repo_site: BuiltSite) -> None:
    # Both editions: the module that answers from the table, and the table beside the page, named by a digest of
    # its text (a page never meets a table of another build).
    for page in sorted(repo_site.site.glob("**/procedures/*/index.html")):
        head = next(parse_html(page.read_text(encoding="utf-8")).iter("head"))
        (module,) = [s for s in head.iter("script") if "/wizard/prerendered.js?v=" in s.attrs.get("src", "")]
        assert module.attrs["type"] == "module" and module.attrs["data-wizard-tree"] == "tree.json"
        views = (page.parent / "views.json").read_bytes()
        assert module.attrs["data-wizard-views"] == f"views.json?v={hashlib.sha256(views).hexdigest()[:16]}", page
        start = json.loads((page.parent / "tree.json").read_bytes())["start"]
        assert json.loads(views)["views"][""]["result"]["node"] == start


_IMPORT = re.compile(r'\bfrom\s+"(\./[^"]+)"')


def test_tree_pages_preload_exactly_the_modules_their_wizard_imports(repo_site: BuiltSite) -> None:
    # Each preload must name the very address an import asks for (digest included), or the browser fetches the
    # module twice; and every module of the graph is named, or one is still found a round trip late.
    for page in sorted(repo_site.site.glob("**/procedures/*/index.html")):
        html = parse_html(page.read_text(encoding="utf-8"))
        head = next(html.iter("head"))
        (starter,) = [s for s in head.iter("script") if "data-wizard-modules" in s.attrs]
        assets = urljoin(page.as_uri(), starter.attrs["data-wizard-assets"])
        preloaded = [urljoin(assets, address) for address in starter.attrs["data-wizard-modules"].split(" ")]
        # Preloaded by start.js after the first paint, not named as links beside the stylesheets.
        assert not [link for link in head.iter("link") if link.attrs.get("rel") == "modulepreload"], page
        (entry,) = [urljoin(page.as_uri(), s.attrs["src"]) for s in html.iter("script")
                    if "/wizard/wizard.js?v=" in s.attrs.get("src", "")]
        imported, queue = [entry], deque([entry])
        while queue:  # the graph as the browser walks it, from the files as built
            importer = queue.popleft()
            for target in _IMPORT.findall(Path(urlsplit(importer).path).read_text(encoding="utf-8")):
                address = urljoin(importer, target)
                if address not in imported:
                    imported.append(address)
                    queue.append(address)
        assert len(imported) > 1, "wizard.js imports its modules"
        assert sorted(preloaded) == sorted(imported), page
        assert len(set(preloaded)) == len(preloaded), page


def test_the_engine_starter_comes_after_the_content_security_policy(repo_site: BuiltSite) -> None:
    # The policy's meta tag has to come before every script to cover it (in both editions).
    tree_pages_built = sorted(repo_site.site.glob("**/procedures/*/index.html"))
    assert {p.parent.parent.parent.name for p in tree_pages_built} == {repo_site.site.name, "zh"}
    for page in tree_pages_built:
        html = page.read_text(encoding="utf-8")
        policy, starter = html.index('http-equiv="Content-Security-Policy"'), html.index("/wizard/start.js?v=")
        assert policy < starter < html.index("</head>"), page


def test_edit_links_point_at_the_source_files(tiny_site: BuiltSite) -> None:
    def edit_link(relative: str) -> str:
        page = _page(tiny_site, relative)
        links = [a.attrs["href"] for a in page.iter("a") if a.attrs.get("href", "").startswith(EDIT_BASE)]
        assert len(links) == 1, links
        return links[0]

    assert edit_link(f"procedures/{TINY_SLUG}/index.html") == f"{EDIT_BASE}trees/{TINY_SLUG}.yaml"
    assert edit_link("index.html") == f"{EDIT_BASE}docs/index.md"
    assert edit_link(f"guides/{TINY_SLUG}/index.html") == f"{EDIT_BASE}docs/guides/{TINY_SLUG}.md"


def test_nav_lists_each_procedure_and_its_guide_under_its_audience(tiny_site: BuiltSite) -> None:
    page = _page(tiny_site, "index.html")
    sections = {}
    for item in page.find_all("li", "md-nav__item--nested"):
        label = next(item.iter("label"), None)
        if label is not None:
            sections[label.text().strip()] = [a.attrs["href"] for a in item.iter("a")]
    assert sections["For sellers"] == [f"procedures/{TINY_SLUG}/", f"guides/{TINY_SLUG}/"]
    assert sections.get("For consumers", []) == []


def test_mermaid_is_self_hosted_and_only_its_loader_is_on_every_page(tiny_site: BuiltSite) -> None:
    copied = tiny_site.site / MERMAID_IN_SITE
    assert copied.read_bytes() == (NODE_MODULES / "mermaid/dist/mermaid.min.js").read_bytes()
    assert (tiny_site.site / LOADER_IN_SITE).read_text(encoding="utf-8") == LOADER_JS
    for relative in ("index.html", f"procedures/{TINY_SLUG}/index.html"):
        scripts = [s.attrs.get("src", "") for s in _page(tiny_site, relative).iter("script")]
        assert len([s for s in scripts if s.endswith(LOADER_IN_SITE)]) == 1, scripts
        # The 5 MB of Mermaid are fetched by the loader, and only for pages with a flowchart.
        assert not [s for s in scripts if s.endswith("mermaid.min.js")], scripts


def _broken_project(tmp_path: Path) -> tuple[Path, int]:
    project = make_tiny_project(tmp_path / "broken")
    text = (project / "trees" / f"{TINY_SLUG}.yaml").read_text(encoding="utf-8")
    text = text.replace("next: no_appeal_needed", "next: no_such_node")
    (project / "trees" / "broken.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("        next: no_such_node") + 1
    return project, line


def test_a_broken_tree_fails_the_build_with_its_position(tmp_path: Path) -> None:
    project, line = _broken_project(tmp_path)
    done = mkdocs("build", "--strict", "-d", "site", cwd=project)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert re.search(rf"trees/broken\.yaml:{line}:\d+: error: .*no_such_node", output), output
    assert "Traceback" not in output


def test_write_pages_writes_markdown_json_mermaid_and_the_wizard(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project")
    out = tmp_path / "out"
    diagnostics = write_pages(project / "trees", out, NODE_MODULES)
    assert [d for d in diagnostics if d.is_error] == []
    page = (out / "procedures" / f"{TINY_SLUG}.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "Can I still appeal a &quot;store&quot; penalty?"\n')
    assert json.loads((out / "procedures" / TINY_SLUG / "tree.json").read_text(encoding="utf-8"))["slug"] == TINY_SLUG
    for written in (MERMAID_IN_SITE, LOADER_IN_SITE, "assets/wizard/wizard.js", "assets/pyodide/pyodide.asm.wasm"):
        assert (out / written).is_file(), written


def test_the_pages_command_writes_the_same_files(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "wizard"), "pages", "--out", "out"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    page = (project / "out" / "procedures" / f"{TINY_SLUG}.md").read_text(encoding="utf-8")
    assert 'id="wizard"' in page and "```mermaid" in page
    assert (project / "out" / LOADER_IN_SITE).is_file()


def test_write_pages_without_npm_packages_says_to_run_npm_ci(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project")
    with pytest.raises(BundleError, match="npm ci"):
        write_pages(project / "trees", tmp_path / "out", tmp_path / "no_node_modules")


def test_a_build_without_npm_packages_fails_and_says_to_run_npm_ci(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "project")
    (project / "node_modules").unlink()
    done = mkdocs("build", "-d", "site", cwd=project)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "npm ci" in output and "Traceback" not in output, output


def test_write_pages_skips_broken_trees_and_returns_their_errors(tmp_path: Path) -> None:
    project, line = _broken_project(tmp_path)
    out = tmp_path / "out"
    diagnostics = write_pages(project / "trees", out, None)
    errors = [d for d in diagnostics if d.is_error]
    assert errors and all(d.file.endswith("broken.yaml") for d in errors)
    assert any(d.line == line for d in errors)
    assert not (out / "procedures" / "broken.md").exists()
    assert (out / "procedures" / f"{TINY_SLUG}.md").is_file()
    assert not (out / "assets").exists()


# Every built site: the tiny one and the real one -----------------------------------------------------------


def _node_links(page: Element) -> tuple[dict[str, list[str]], set[str]]:
    """Links between "All answers" sections by node id, and every id on the page."""
    links: dict[str, list[str]] = {}
    for section in page.find_all("section", "rc-node"):
        (heading,) = section.find_all("h3")
        node = heading.attrs["id"].removeprefix("node-")
        links[node] = [
            a.attrs["href"].removeprefix("#node-")
            for a in section.iter("a")
            if a.attrs.get("href", "").startswith("#node-")
        ]
    ids = {e.attrs["id"] for e in page.iter() if "id" in e.attrs}
    return links, ids


def test_every_outcome_is_reachable_from_the_first_question_by_links(built_site: BuiltSite) -> None:
    for slug, path in tree_pages(built_site):
        page = parse_html(path.read_text(encoding="utf-8"))
        tree = json.loads((path.parent / "tree.json").read_text(encoding="utf-8"))
        links, ids = _node_links(page)
        wizard = page.by_id("wizard")
        assert wizard is not None and wizard.attrs["data-wizard-node"] == tree["start"]
        # Every in-page link lands somewhere.
        for a in page.iter("a"):
            href = a.attrs.get("href", "")
            if href.startswith("#") and len(href) > 1:
                assert href[1:] in ids, f"{slug}: dangling link {href}"
        seen = {tree["start"]}
        queue = deque([tree["start"]])
        while queue:
            for target in links[queue.popleft()]:
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        outcomes = {n for n, node in tree["nodes"].items() if node["type"] == "outcome"}
        assert outcomes, slug
        assert outcomes <= seen, f"{slug}: not reachable by links: {sorted(outcomes - seen)}"
        assert set(tree["nodes"]) == set(links), slug


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return (not parts.scheme and not parts.netloc) or parts.netloc == "127.0.0.1:8000"


def _local_file(site: Path, page: Path, url: str) -> Path:
    """The file a local URL of a page points at (the 404 page uses addresses from the site's root)."""
    path = urlsplit(url).path
    return (site / path.lstrip("/") if path.startswith("/") else page.parent / path).resolve()


RESOURCE_ATTRS = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "track": "src",
}


def test_no_page_loads_anything_from_another_host(built_site: BuiltSite) -> None:
    pages = sorted(built_site.site.rglob("*.html"))
    assert len(pages) > len(tree_pages(built_site))
    stylesheets: set[Path] = set()
    for path in pages:
        page = parse_html(path.read_text(encoding="utf-8"))
        for tag, attr in RESOURCE_ATTRS.items():
            for element in page.iter(tag):
                url = element.attrs.get(attr) or element.attrs.get("srcset", "")
                if tag == "link" and element.attrs.get("rel") in ("canonical", "alternate", "prev", "next"):
                    continue  # addresses of pages, not resources
                assert not url or _is_local(url), f"{path}: <{tag}> loads {url}"
                if tag == "link" and element.attrs.get("rel") == "stylesheet":
                    stylesheets.add(_local_file(built_site.site, path, url))
        for style in page.iter("style"):
            assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", style.text()), path
    assert stylesheets
    for css in stylesheets:
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//|url\(\s*['\"]?(https?:)?//", text), css


# The only errors the validator finds in the theme's own markup, which we leave as the theme writes it:
# `autocomplete="off"` on its drawer and search checkboxes (it keeps Firefox from restoring them as ticked
# on reload) and an empty `tabindex` on the labels of navigation sections (browsers ignore it). Each is
# matched by its message and by the theme's element, so the same mistake in our own markup is still caught.
THEME_MARKUP_ERRORS = [
    (re.compile(r"^Attribute “autocomplete” is only allowed when"), re.compile(r'<input class="md-toggle"')),
    (
        re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
        re.compile(r'<label class="md-nav__link'),
    ),
]


def _theme_error(message: dict[str, Any]) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(wording.search(text) and element.search(extract) for wording, element in THEME_MARKUP_ERRORS)


def test_built_pages_are_valid_html(built_site: BuiltSite) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is not installed: the HTML validator (vnu) needs it")
    vnu = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert vnu.is_file(), "node_modules/vnu-jar is missing: run `npm ci`"
    files = [str(path) for path in sorted(built_site.site.rglob("*.html"))]
    done = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages: list[dict[str, Any]] = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    problems = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in messages if not _theme_error(m)]
    assert problems == []


def test_only_the_themes_own_markup_errors_are_let_through() -> None:
    message = "Attribute “autocomplete” is only allowed when the input type is “color”, …"
    assert _theme_error({"message": message, "extract": '<input class="md-toggle" data-md-toggle="drawer"'})
    assert not _theme_error({"message": message, "extract": '<input class="rc-radio__input" type="radio"'})
    assert not _theme_error({"message": "Duplicate ID “node-x”.", "extract": '<label class="md-nav__link"'})


def test_repo_site_has_a_page_per_tree(repo_site: BuiltSite) -> None:
    assert len(tree_pages(repo_site)) == len(tree_files(REPO / "trees"))
    built = {path.parent.name for path in (repo_site.site / "procedures").glob("*/index.html")}
    assert built == {path.stem for path in tree_files(REPO / "trees")}


def test_a_procedure_and_its_guide_name_it_for_the_search(repo_site: BuiltSite) -> None:
    # Pagefind metadata (wizard/assets/search.js shows the procedure first, its guide under it): the procedure
    # page's address from each page, and its title; other pages name none.
    for edition, title in (("", "Can I still withdraw my complaint?"), ("zh/", "我的投诉还能撤回吗？")):
        for path, address in (
                (f"{edition}procedures/withdraw-complaint/index.html", "./"),
                (f"{edition}guides/withdraw-complaint/index.html", "../../procedures/withdraw-complaint/")):
            article = next(_page(repo_site, path).iter("article"))
            assert article.attrs["data-pagefind-meta"] == (f"procedure_title[data-procedure-title], "
                                                            f"procedure:{address}"), path
            assert article.attrs["data-procedure-title"] == title, path
            # Filed under the procedure: one value for all its pages, so that the search counts procedures.
            assert article.attrs["data-pagefind-filter"] == "procedure:procedures/withdraw-complaint/", path
            # And under its tree's audience, which the search prefers for a query that speaks as one of them.
            audiences = [element.attrs["data-pagefind-filter"] for element in article.iter("span")
                         if "data-pagefind-filter" in element.attrs]
            assert audiences == ["audience:consumers"], path
        for path in (f"{edition}index.html", f"{edition}glossary/index.html"):
            attributes = next(_page(repo_site, path).iter("article")).attrs
            assert "data-pagefind-meta" not in attributes and "data-pagefind-filter" not in attributes, path


def test_the_search_box_is_there_without_the_themes_search_plugin(repo_site: BuiltSite) -> None:
    # The theme shows its header box only with its own search plugin, which the site does without.
    assert not (repo_site.site / "search").exists(), "the theme's search index is no longer written"
    for path in ("index.html", "zh/index.html", "procedures/withdraw-complaint/index.html", "zh/glossary/index.html"):
        page = _page(repo_site, path)
        inputs = [element for element in page.iter("input") if "data-search-input" in element.attrs]
        assert len(inputs) == 1, path
        assert any(label.attrs.get("for") == "__search" for label in page.iter("label")), path


def test_each_edition_has_the_profile_of_its_procedures_and_every_search_box_names_it(repo_site: BuiltSite) -> None:
    # The search ranks with the edition's profile (wizard/search_profile.py): one file per edition, from the
    # trees in its language, named by each page's search box from that page (the pages are at different depths).
    for edition, word in (("", "_withdraw_"), ("zh/", "撤回")):
        built = json.loads((repo_site.site / edition / PROFILE_PATH).read_text(encoding="utf-8"))
        assert built["procedures"] == [f"procedures/{path.stem}/" for path in tree_files(REPO / "trees")]
        assert word in built["features"], edition
        for path in (f"{edition}index.html", f"{edition}procedures/withdraw-complaint/index.html"):
            field = next(element for element in _page(repo_site, path).iter("input")
                         if "data-search-input" in element.attrs)
            named = (repo_site.site / path).parent / field.attrs["data-search-profile"]
            assert named.resolve() == (repo_site.site / edition / PROFILE_PATH).resolve(), path
