"""A tree's `cues`: an optional text, checked like every other text, translated, and carried by each edition's
search profile for the browser to find in a query (wizard/assets/search-intent.js)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kitchen_sink import kitchen_sink_with

from wizard.compiler import compile_file
from wizard.search_profile import profile

ENGLISH = "cues: withdraw, settled, take back\n"
CHINESE = "cues:\n  en: withdraw, settled, take back\n  zh: 撤回、和解、收回\n"


def _errors(tree: Path) -> list[str]:
    return [d.format() for d in compile_file(tree, display=str(tree)).diagnostics if d.is_error]


def test_cues_are_compiled_translated_and_in_each_editions_profile(tmp_path: Path) -> None:
    result = compile_file(kitchen_sink_with(tmp_path, ENGLISH, CHINESE), display="tree.yaml")
    assert result.tree is not None and not [d for d in result.diagnostics if d.is_error]
    assert result.tree["cues"] == "withdraw, settled, take back"
    chinese = result.translations["zh"]
    assert chinese["cues"] == "撤回、和解、收回"
    assert profile([("a/", result.tree)])["cues"] == ["withdraw, settled, take back"]
    assert profile([("a/", chinese)])["cues"] == ["撤回、和解、收回"]


def test_without_cues_the_profile_gives_the_procedure_none(tmp_path: Path) -> None:
    result = compile_file(kitchen_sink_with(tmp_path, None, None), display="tree.yaml")
    assert result.tree is not None and result.tree["cues"] is None
    assert profile([("a/", result.tree)])["cues"] == [""]


@pytest.mark.reliability("bad-input")
def test_a_translation_must_give_the_cues_of_the_tree(tmp_path: Path) -> None:
    # An untranslated text is counted once for the file (a warning; `--strict` makes it an error).
    result = compile_file(kitchen_sink_with(tmp_path, ENGLISH, None), display="tree.yaml")
    messages = [d.message for d in result.diagnostics]
    assert any("not translated" in message and "`cues`" in message for message in messages), messages


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("line", ["cues:\n  en: withdraw, settled, take back\n  zh: \"撤回\\u202E和解\"\n",
                                  "cues:\n  en: withdraw, settled, take back\n  zh: \"  \"\n"])
def test_translated_cues_follow_the_text_rules_with_their_place(tmp_path: Path, line: str) -> None:
    errors = _errors(kitchen_sink_with(tmp_path, ENGLISH, line))
    translation = tmp_path / "kitchen-sink.zh.yaml"
    row = translation.read_text(encoding="utf-8").splitlines().index(line.splitlines()[2]) + 1
    assert any(re.search(rf"{translation.name}:{row}:\d+: error: .*`cues`", error) for error in errors), errors


@pytest.mark.reliability("bad-input")
def test_cues_are_text_not_a_list(tmp_path: Path) -> None:
    tree = kitchen_sink_with(tmp_path, "cues: [withdraw, settled]\n", None)
    row = tree.read_text(encoding="utf-8").splitlines().index("cues: [withdraw, settled]") + 1
    errors = _errors(tree)
    assert any(re.search(rf"{tree.name}:{row}:7: error: .*`cues`", error) for error in errors), errors
