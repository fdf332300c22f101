"""One site, any generator: the edition plan written out (``wizard pages --config``) and built by Zensical.

The same pages, navigation, scripts, policy, edit links, language switch, search and offline worker whether
MkDocs (through the plugin) or Zensical (from the exported docs and flat configuration) builds the site.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from site_helpers import REPO, BuiltSite, make_tiny_project, mkdocs, parse_html, require_node_modules

from wizard.site.config_file import ConfigFileError, PythonName, dump_config, read_config
from wizard.site.export import export_site, with_front_matter
from wizard.site.zensical_build import build_with_zensical

EDIT_BASE = "https://github.com/recourse-kb/recourse/edit/main/"


def _wizard(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wizard", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real site built with Zensical, as ``make build-zensical`` does."""
    require_node_modules()
    folder = tmp_path_factory.mktemp("zensical")
    build_with_zensical(REPO / "mkdocs.yml", folder / "work", folder / "site")
    return BuiltSite("zensical", folder / "site", REPO / "trees")


def _pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


# The configuration file ---------------------------------------------------------------------------------------


def test_inherit_replaces_lists_and_merges_mappings_as_mkdocs_does(tmp_path: Path) -> None:
    # Zensical appends inherited lists (a doubled nav, four palette toggles): the flat file must not.
    (tmp_path / "base.yml").write_text(
        "site_name: Base\nnav: [{Home: index.md}, {Three: three.md}]\n"
        "theme: {name: material, language: en, palette: [{scheme: default}, {scheme: slate}]}\n", encoding="utf-8")
    (tmp_path / "child.yml").write_text(
        "INHERIT: base.yml\nnav: [{Two: two.md}]\ntheme: {language: zh, palette: [{scheme: slate}]}\n",
        encoding="utf-8")
    config = read_config(tmp_path / "child.yml")
    assert config == {"site_name": "Base", "nav": [{"Two": "two.md"}],
                      "theme": {"name": "material", "language": "zh", "palette": [{"scheme": "slate"}]}}


def test_env_tags_are_read_and_python_names_are_written_back(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "a: !ENV [RECOURSE_TEST_A, true]\nb: !ENV [RECOURSE_TEST_B, 7]\n"
        "f: !!python/name:pymdownx.superfences.fence_code_format\n", encoding="utf-8")
    monkeypatch.setenv("RECOURSE_TEST_A", "false")
    monkeypatch.delenv("RECOURSE_TEST_B", raising=False)
    config = read_config(tmp_path / "mkdocs.yml")
    assert config == {"a": False, "b": 7, "f": PythonName("pymdownx.superfences.fence_code_format")}
    assert "f: !!python/name:pymdownx.superfences.fence_code_format" in dump_config(config)


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize(("text", "message"), [
    (None, "cannot be read (No such file or directory)"),
    ("a: [1\n", "is not valid YAML"),
    ("- just\n- a list\n", "holds no settings (a YAML mapping was expected)"),
])
def test_a_bad_configuration_is_named_in_plain_words(tmp_path: Path, text: str | None, message: str) -> None:
    path = tmp_path / "mkdocs.yml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    done = _wizard("pages", "--config", str(path), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(f"wizard: {path}: {message}")
    assert "Traceback" not in done.stderr and "None" not in done.stderr
    with pytest.raises(ConfigFileError, match=re.escape(message)):
        read_config(path)


@pytest.mark.reliability("bad-input")
def test_finish_before_the_generator_ran_says_what_to_do(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "tiny")
    assert _wizard("pages", "--config", "mkdocs.yml", "--out", "out", cwd=project).returncode == 0
    done = _wizard("pages", "--config", "mkdocs.yml", "--out", "out", "--finish", "site", cwd=project)
    assert done.returncode == 1
    assert done.stderr == ("wizard: out/en/site not built: run the generator on out/<language>/mkdocs.yml first "
                           "(after `wizard pages --config`)\n")
    done = _wizard("pages", "--out", "out", "--finish", "site", cwd=project)
    assert (done.returncode, done.stderr) == (2, "wizard: --finish and --strict go with --config (the site's "
                                                 "configuration)\n")


@pytest.mark.reliability("bad-input")
def test_a_tree_with_errors_stops_the_export_with_its_place(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "tiny")
    tree = project / "trees" / "tiny-appeal.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("audience: sellers", "audience: nobody"),
                    encoding="utf-8")
    done = _wizard("pages", "--config", "mkdocs.yml", "--out", "out", cwd=project)
    assert done.returncode == 1
    assert re.match(r"wizard: trees/tiny-appeal\.yaml:\d+:\d+: error: ", done.stderr), done.stderr
    assert not (project / "out").exists()


@pytest.mark.reliability("bad-input")
def test_a_procedure_outside_the_navigation_is_a_warning_that_strict_refuses(tmp_path: Path) -> None:
    project = make_tiny_project(tmp_path / "tiny")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - For sellers: []\n", ""), encoding="utf-8")
    warning = ("wizard: warning: The navigation has no section 'For sellers' for tiny-appeal (audience 'sellers')\n")
    done = _wizard("pages", "--config", "mkdocs.yml", "--out", "out", cwd=project)
    assert (done.returncode, done.stderr) == (0, warning)
    done = _wizard("pages", "--config", "mkdocs.yml", "--out", "out", "--strict", cwd=project)
    assert (done.returncode, done.stderr) == (1, warning + "wizard: 1 warning(s) in strict mode\n")


def test_front_matter_gets_the_meta_and_a_page_keeps_its_own_keys() -> None:
    page = "---\ntitle: Own\nedit_url: mine\n---\n# Hello\n"
    merged = with_front_matter(page, {"edit_url": "theirs", "head": '<script src="a.js"></script>'})
    assert merged.endswith("---\n# Hello\n")
    meta = yaml.safe_load(merged.split("---\n")[1])
    assert meta == {"edit_url": "mine", "head": '<script src="a.js"></script>', "title": "Own"}
    assert yaml.safe_load(with_front_matter("# No front matter\n", {"a": "b"}).split("---\n")[1]) == {"a": "b"}


# The export ---------------------------------------------------------------------------------------------------


def test_the_export_builds_with_mkdocs_too_and_gives_the_plugins_pages(tmp_path: Path, tiny_site: BuiltSite) -> None:
    # The flat configuration is MkDocs' format with no plugin: MkDocs builds it into the same pages. What each page
    # says about itself (edit link, head script) is page meta, which the site's overrides write.
    project = make_tiny_project(tmp_path / "tiny")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", f"  name: material\n  custom_dir: {REPO / 'overrides'}\n"), encoding="utf-8")
    (edition,) = export_site(project / "mkdocs.yml", project / "out")
    flat = yaml.safe_load(edition.config_file.read_text(encoding="utf-8").replace("!!python/name:", ""))
    assert flat["plugins"] == [{"search": {"enabled": False}}] and flat["docs_dir"] == "docs"
    done = mkdocs("build", "--strict", "-f", str(edition.config_file), cwd=edition.folder)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _pages(edition.site_dir) == _pages(tiny_site.site)
    page = (edition.site_dir / "procedures" / "tiny-appeal" / "index.html").read_text(encoding="utf-8")
    assert f'href="{EDIT_BASE}trees/tiny-appeal.yaml"' in page and "/wizard/start.js?v=" in page
    manifest = json.loads((edition.folder / "site.json").read_text(encoding="utf-8"))
    assert manifest["procedures"] == ["tiny-appeal"]
    assert manifest["nav"] == [{"Home": "index.md"}, {"For consumers": []},
                               {"For sellers": ["procedures/tiny-appeal.md", "guides/tiny-appeal.md"]}]
    assert manifest["pages"]["guides/tiny-appeal.md"]["procedure_url"] == "procedures/tiny-appeal/"


# The Zensical build ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_zensical_builds_every_page_of_both_editions_that_mkdocs_builds(zensical_site: BuiltSite,
                                                                        repo_site: BuiltSite) -> None:
    built, expected = _pages(zensical_site.site), _pages(repo_site.site)
    assert built == expected
    assert any(page.startswith("zh/procedures/") for page in built)  # the Chinese edition was not deleted


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["", "zh/"])
def test_zensical_pages_carry_the_policy_the_head_script_the_edit_link_and_the_switch(
        zensical_site: BuiltSite, edition: str) -> None:
    docs = "docs/zh/" if edition else "docs/"
    for page_path in sorted((zensical_site.site / edition).glob("*/**/index.html")):
        relative = page_path.relative_to(zensical_site.site / edition).parent.as_posix() + "/"
        if relative.startswith(("zh/", "assets/", "pagefind/")):
            continue
        html = page_path.read_text(encoding="utf-8")
        head = html.split("</head>")[0]
        assert head.count('http-equiv="Content-Security-Policy"') == 1, relative
        assert head.index("Content-Security-Policy") < head.index("<script"), relative
        root = parse_html(html)
        edit = [a.attrs["href"] for a in root.find_all("a") if a.attrs.get("rel") == "edit"]
        slug = relative.removeprefix("procedures/").strip("/")
        if relative.startswith("procedures/"):
            assert edit == [f"{EDIT_BASE}trees/{slug}.yaml"], relative
            assert head.count("/wizard/start.js?v=") == 1, relative
        elif relative != "playground/":
            assert len(edit) == 1 and edit[0].startswith(EDIT_BASE + docs), (relative, edit)
            assert "/wizard/start.js" not in head, relative
        switch = {a.attrs["hreflang"]: a.attrs["href"] for a in root.find_all("a", "md-select__link")}
        assert set(switch) == {"en", "zh"}, relative
        assert switch["zh" if not edition else "en"].endswith(("zh/" if not edition else "../") + relative)


@pytest.mark.slow
def test_zensical_navigation_and_palette_are_not_doubled_in_the_chinese_edition(zensical_site: BuiltSite) -> None:
    html = (zensical_site.site / "zh" / "index.html").read_text(encoding="utf-8")
    toggles = re.findall(r'<label class="md-header__button md-icon" title="([^"]*)"', html)
    assert toggles == ["切换到深色模式", "切换到浅色模式"]
    links = re.findall(r'href="([^"]*procedures/[^"]*)" class="md-nav__link', html)
    assert links and len(links) == len(set(links)) == len(list((REPO / "trees").glob("*.zh.yaml")))


@pytest.mark.slow
def test_zensical_site_is_searchable_and_offline_in_both_languages(zensical_site: BuiltSite) -> None:
    entry = json.loads((zensical_site.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"en", "zh"}
    worker = (zensical_site.site / "sw.js").read_text(encoding="utf-8")
    for address in ("zh/procedures/withdraw-complaint/", "procedures/withdraw-complaint/", "pagefind/pagefind.js",
                    "assets/wizard/wizard.js", "assets/pyodide/pyodide.asm.wasm", "zh/assets/javascripts/",
                    "search-profile.json", "zh/search-profile.json"):
        assert f'["{address}' in worker, address


@pytest.mark.slow
def test_the_404_page_is_not_searched_in_either_build(zensical_site: BuiltSite, repo_site: BuiltSite) -> None:
    # Zensical gives the 404 page no address (MkDocs: 404.html): the overrides know it by its absolute base_url.
    for site in (zensical_site.site, repo_site.site):
        for page in (site / "404.html", site / "zh" / "404.html"):
            html = page.read_text(encoding="utf-8")
            assert "<article" in html and "data-pagefind-body" not in html, page
        assert "data-pagefind-body" in (site / "zh" / "index.html").read_text(encoding="utf-8")
