"""The project (content.toml, its languages and glossaries) is read once per run and passed down the stages."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wizard import pipeline, plain_language
from wizard.project import Project, projects_of

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "trees"
TODAY = datetime.date(2026, 11, 22)
CONTENT = """\
[sentences]
max_words = 30

[glossary]
file = "glossary.md"
terms = ["mediation"]

[languages]
required = ["zh"]

[languages.zh]
max_characters = 60
glossary = "zh/glossary.md"
"""


def _project(tmp_path: Path, trees: int = 3, translated: bool = True) -> Path:
    (tmp_path / "content.toml").write_text(CONTENT, encoding="utf-8")
    (tmp_path / "glossary.md").write_text("### mediation\n", encoding="utf-8")
    folder = tmp_path / "trees"
    folder.mkdir()
    for n in range(trees):
        shutil.copy(FIXTURES / "kitchen-sink.yaml", folder / f"tree-{n}.yaml")
        if translated:
            shutil.copy(FIXTURES / "kitchen-sink.zh.yaml", folder / f"tree-{n}.zh.yaml")
    return folder


def _count(monkeypatch: pytest.MonkeyPatch, calls: Counter[str], name: str) -> None:
    original: Callable[..., Any] = getattr(plain_language, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(plain_language, name, counted)


def test_a_folder_is_built_with_its_content_rules_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _project(tmp_path)
    calls: Counter[str] = Counter()
    for name in ("find_config", "read_config", "load_config"):
        _count(monkeypatch, calls, name)
    results = pipeline.build_folder(folder, today=TODAY)
    assert [r.errors for r in results] == [[], [], []] and all(set(r.translations) == {"zh"} for r in results)
    # One look-up and one reading for three trees and their translations; the rules of English and Chinese once.
    assert calls == Counter({"find_config": 1, "read_config": 1, "load_config": 2})


def test_the_project_given_is_the_one_every_stage_uses(tmp_path: Path) -> None:
    path = _project(tmp_path, trees=1, translated=False) / "tree-0.yaml"
    found = pipeline.build_file(path, today=TODAY, display="tree-0.yaml")
    assert [d.format() for d in found.errors] == [
        "tree-0.yaml:1:1: error: the 简体中文 translation (tree-0.zh.yaml) is missing. Every procedure needs one: "
        "`wizard translate tree-0.yaml` writes it, with each English text to translate."]
    # Without content rules nothing is required, whatever content.toml beside the tree says.
    assert pipeline.build_file(path, Project.read(None), today=TODAY).errors == []
    # The languages' names reach the messages through the project only.
    renamed = dataclasses.replace(Project.find(path), language_names={"zh": "Chinese (Simplified)"})
    (error,) = pipeline.build_file(path, renamed, today=TODAY, display="tree-0.yaml").errors
    assert error.message == "the Chinese (Simplified) translation (tree-0.zh.yaml) is missing."


def test_the_compile_stage_does_not_translate(tmp_path: Path) -> None:
    path = _project(tmp_path, trees=1) / "tree-0.yaml"
    project = Project.find(path)
    checked = pipeline.check(pipeline.load(path, "tree-0.yaml", pipeline.read(path, "tree-0.yaml")), project, TODAY)
    tree = pipeline.compile_tree(checked)
    assert tree is not None and "language" not in tree
    translated = pipeline.translate(path, checked, tree, project)
    assert translated.diagnostics == [] and translated.trees["zh"]["language"] == "zh"
    assert "language" not in tree  # translating gives new trees and leaves the compiled one alone


def test_paths_under_one_content_file_share_one_project(tmp_path: Path) -> None:
    folder = _project(tmp_path, trees=2)
    elsewhere = tmp_path.parent / f"{tmp_path.name}-other"
    elsewhere.mkdir()
    first, second, other = projects_of([folder / "tree-0.yaml", folder / "tree-1.yaml", elsewhere])
    assert first is second and first.required_languages == ["zh"] and first.root == tmp_path.resolve()
    assert other.config_file is None and other.style() is None and other.required_languages == []
    style = first.style("zh")
    assert style is not None and style.max_sentence_characters == 60 and style.glossary_file == "zh/glossary.md"
    english = first.style()
    assert english is not None and english.glossary == frozenset({"mediation"})


def test_a_folder_is_compiled_with_few_collections_and_the_collector_restored_after(tmp_path: Path) -> None:
    """build_folder raises the collector's threshold while it compiles (the results kept so far would be rescanned
    at every collection), then gives back the caller's settings, even when compiling fails."""
    import gc

    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    with pipeline.fewer_collections():
        seen.append(gc.get_threshold())
    assert seen == [pipeline.FEW_COLLECTIONS]
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), pipeline.fewer_collections():
        raise RuntimeError("a compile that fails")
    assert gc.get_threshold() == before
    shutil.copy(FIXTURES / "kitchen-sink.yaml", tmp_path / "kitchen-sink.yaml")
    assert [result.ok for result in pipeline.build_folder(tmp_path, Project(None))] == [True]
    assert gc.get_threshold() == before


@pytest.mark.parametrize("tree", sorted(p.name for p in (REPO / "trees").glob("*.yaml") if p.stem.count(".") == 0))
def test_a_tree_is_compiled_once_and_as_a_fresh_compile_would(tree: str) -> None:
    """When the checker compiles a tree to walk its examples (an example without `today:`), the compile stage takes
    that tree instead of compiling the same data again, and it is the very tree a fresh compile gives."""
    from wizard.compiled import compile_data

    result = pipeline.build_file(REPO / "trees" / tree, Project.find(REPO / "trees"))
    assert result.ok and result.checked is not None and result.checked.loaded.data is not None
    assert result.tree == compile_data(result.checked.loaded.data, result.slug)
    examples = result.checked.loaded.data.get("examples") or []
    if any(example.get("today") is None for example in examples):
        assert result.tree is result.checked.compiled
