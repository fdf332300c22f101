"""wizard.playground (check an edit from text) and the playground's bundle (wheels, content rules, page)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from wizard import playground
from wizard.browser import playground_bundle
from wizard.browser.bundle import BundleError
from wizard.core import vocabulary
from wizard.site import playground_page

REPO = Path(__file__).resolve().parents[1]
SLUG = "withdraw-complaint"
TREE = (REPO / "trees" / f"{SLUG}.yaml").read_text(encoding="utf-8")
TRANSLATION = (REPO / "trees" / f"{SLUG}.zh.yaml").read_text(encoding="utf-8")


@pytest.fixture
def workspace(tmp_path: Path) -> playground.Workspace:
    """A workspace with the site's content rules and the published withdraw-complaint."""
    space = playground.Workspace(tmp_path)
    playground.install_content(space, playground_bundle.content_files(REPO / "trees", ["zh"]))
    assert playground.publish(space, SLUG, "zh", TREE, TRANSLATION)
    return space


def test_the_published_tree_checks_clean_with_its_examples_and_no_difference(workspace: playground.Workspace) -> None:
    result = playground.check_edit(workspace, SLUG, "zh", TREE, TRANSLATION)
    assert result["diagnostics"] == []
    assert set(result["compiled"]) == {"en", "zh"}
    assert result["examples"] and all(e["failure"] is None for e in result["examples"])
    assert result["diff"] == "no differences"


@pytest.mark.reliability("bad-input")
def test_a_mistake_is_reported_at_its_line_and_column_with_a_hint(workspace: playground.Workspace) -> None:
    broken = TREE.replace("type: choice", "type: choise", 1)
    line = TREE[: TREE.index("type: choice")].count("\n") + 1
    result = playground.check_edit(workspace, SLUG, "zh", broken, TRANSLATION)
    [problem] = result["diagnostics"]
    assert (problem["file"], problem["line"], problem["severity"]) == (f"{SLUG}.yaml", line, "error")
    assert "choise" in problem["message"] and "choice" in problem["hint"]
    assert result["compiled"] == {} and result["examples"] == [] and result["diff"] is None


@pytest.mark.reliability("bad-input")
def test_a_mistake_in_the_translation_is_reported_in_the_translation_file(workspace: playground.Workspace) -> None:
    broken = TRANSLATION.replace("title:", "titel:", 1)
    result = playground.check_edit(workspace, SLUG, "zh", TREE, broken)
    assert result["diagnostics"] and all(d["file"] == f"{SLUG}.zh.yaml" for d in result["diagnostics"])


def test_a_chinese_only_change_shows_in_the_difference(workspace: playground.Workspace) -> None:
    changed = TRANSLATION.replace("\n  zh: ", "\n  zh: 新", 1)  # the first translated text: the title
    result = playground.check_edit(workspace, SLUG, "zh", TREE, changed)
    assert result["diagnostics"] == []
    assert result["diff"] != "no differences" and "(zh)" in result["diff"]


def test_the_difference_asked_after_the_check_is_the_one_it_would_have_given(
        workspace: playground.Workspace) -> None:
    # The page shows a check's problems first and asks for its difference after (the slow part): the same text.
    changed = TRANSLATION.replace("\n  zh: ", "\n  zh: 新", 1)
    whole = playground.check_edit(workspace, SLUG, "zh", TREE, changed)
    first = playground.check_edit(workspace, SLUG, "zh", TREE, changed, diff=False)
    assert first["diff"] is None and {k: v for k, v in first.items() if k != "diff"} == {
        k: v for k, v in whole.items() if k != "diff"}
    assert playground.edit_difference(workspace) == whole["diff"]
    # A tree with errors has nothing to compare; a check with its difference leaves none to ask for.
    playground.check_edit(workspace, SLUG, "zh", TREE.replace("type: choice", "type: choise", 1), TRANSLATION,
                          diff=False)
    assert playground.edit_difference(workspace) is None
    playground.check_edit(workspace, SLUG, "zh", TREE, changed)
    assert playground.edit_difference(workspace) is None


def test_content_rules_outside_the_workspace_are_not_written(tmp_path: Path) -> None:
    space = playground.Workspace(tmp_path / "space")
    playground.install_content(space, {"../escape.txt": "x", "/tmp/absolute.txt": "x", "content.toml": ""})
    assert not (tmp_path / "escape.txt").exists()
    assert (space.root / "content.toml").is_file()


def test_the_checker_wheel_holds_only_what_the_playground_imports_and_no_third_party_but_yaml() -> None:
    wheel = playground_bundle.build_checker_wheel()
    names = zipfile.ZipFile(io.BytesIO(wheel.data)).namelist()
    assert "wizard/playground.py" in names and "wizard/core/engine.py" in names
    for left_out in ("wizard/mkdocs_plugin.py", "wizard/markdown_render.py", "wizard/serve.py", "wizard/cli.py"):
        assert left_out not in names, f"{left_out} needs packages the browser does not have"
    assert wheel.data == playground_bundle.build_checker_wheel().data, "the same sources give the same wheel"


def test_a_module_importing_another_package_stops_the_build() -> None:
    with pytest.raises(BundleError, match="markdown"):
        playground_bundle.checker_modules("wizard.markdown_render")


def test_the_yaml_wheel_is_pure_python() -> None:
    names = zipfile.ZipFile(io.BytesIO(playground_bundle.build_yaml_wheel().data)).namelist()
    assert "yaml/__init__.py" in names
    assert not [name for name in names if name.endswith((".so", ".pyd"))]


def test_both_languages_have_every_word_and_the_same_page_structure() -> None:
    english, chinese = vocabulary.language("en"), vocabulary.language("zh")
    assert set(english.sections["playground"]) == set(chinese.sections["playground"])
    pages = {language: playground_page.playground_markdown(
        language=language, translation_language="zh", trees=[playground_page.PlaygroundTree(SLUG, "T")],
        script="../assets/playground/playground.x.js", assets="../assets/", edit_url="https://example.org/edit/")
        for language in ("en", "zh")}
    ids = {language: sorted(part.split('"')[0] for part in text.split(' id="')[1:]) for language, text in pages.items()}
    assert ids["en"] == ids["zh"]
    assert 'data-playground-state="loading"' in pages["zh"] and "data-playground-diagnostics" in pages["zh"]
