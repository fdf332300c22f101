"""Translations: a sibling file of texts per language, checked against the tree and applied to the compiled tree."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from wizard import translation
from wizard.compiler import compile_file, tree_files
from wizard.core import kinds, vocabulary
from wizard.core.engine import step
from wizard.project import Project

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "trees"
ZH = (FIXTURES / "kitchen-sink.zh.yaml").read_text(encoding="utf-8")


def _project(tmp_path: Path, zh: str | None = ZH, required: bool = False) -> Path:
    trees = tmp_path / "trees"
    trees.mkdir()
    shutil.copy(FIXTURES / "kitchen-sink.yaml", trees / "kitchen-sink.yaml")
    if zh is not None:
        (trees / "kitchen-sink.zh.yaml").write_text(zh, encoding="utf-8")
    if required:
        (tmp_path / "content.toml").write_text('[languages]\nrequired = ["zh"]\n', encoding="utf-8")
    return trees / "kitchen-sink.yaml"


def _errors(path: Path) -> list[str]:
    result = compile_file(path, display="tree.yaml")
    return [d.format().split("/")[-1] for d in result.diagnostics if d.is_error]


def test_a_complete_translation_gives_a_tree_in_that_language(tmp_path: Path) -> None:
    result = compile_file(_project(tmp_path))
    assert result.errors == [] and set(result.translations) == {"zh"}
    zh = result.translations["zh"]
    assert zh["language"] == "zh" and zh["title"] == "万用测试流程"
    outcome = step(zh, {"channel": "phone", "amount": "600", "received": "2026-11-20"}, "2026-11-22")["outcome"]
    assert outcome is not None
    assert outcome["verdict"] == "进入调解"
    assert outcome["deadlines"][0]["date_text"] == "2026年11月27日"
    assert outcome["next_steps"][0]["text"] == "准备好你的收据。"
    # The engine speaks the language too, and a yes/no option without its own label says 否.
    refused = step(zh, {"channel": "phone", "amount": "abc"}, "2026-11-22")["error"]
    assert refused is not None and refused["message"] == "请用阿拉伯数字输入，例如 12（元）。"
    question = step(zh, {"channel": "online"}, "2026-11-22")["question"]
    assert question is not None
    options = kinds.options_of(question)
    assert [o["label"] for o in options] == ["是，已经受理", "否"]
    # The structure is the English tree's: the same answers reach the same outcomes.
    assert result.tree is not None and zh["nodes"].keys() == result.tree["nodes"].keys()


@pytest.mark.parametrize(("edit", "expected"), [
    (("    unit:\n      en: yuan\n      zh: 元\n", "    unit:\n      en: yuan\n      zh: 元\n    next: received\n"),
     "kitchen-sink.zh.yaml:75:5: error: `next` in node `amount` is not translated: it belongs to the structure, "
     "which only the tree file holds. Remove it from the translation."),
    (("      zh: 你付了多少钱？\n", "      zh: 你付了多少钱？\n    help: 看收据。\n"),
     "kitchen-sink.zh.yaml:72:5: error: `help` is not in node `amount` of the tree file. Translate only what the "
     "tree file has."),
    (("  channel:\n", "  [channel]:\n"),
     "kitchen-sink.zh.yaml:29:3: error: a key in the translation of `nodes` is a list or mapping; keys must be "
     "plain words, like in the tree file."),
    (("      zh: 你付了多少钱？\n", "      zhh: 你付了多少钱？\n"),
     "kitchen-sink.zh.yaml:71:7: error: `zhh` is not a part of the translation of node `amount`, `question`: it has "
     "`en:` (the English), `zh:` (the translation) and, while stale, `previous_en:`. Did you mean `zh`?"),
    (("      en: How much did you pay?\n", ""),
     "kitchen-sink.zh.yaml:70:7: error: the translation of node `amount`, `question` does not say which English it "
     "translates. Add `en:` with the English text of the tree file (`wizard translate` writes it)."),
    (("      zh: 你付了多少钱？\n", "      zh: [你付了多少钱？]\n"),
     "kitchen-sink.zh.yaml:71:11: error: `zh:` in the translation of node `amount`, `question` must be a text."),
])
def test_mistakes_in_a_translation_are_reported_where_they_are(tmp_path: Path, edit: tuple[str, str],
                                                               expected: str) -> None:
    assert edit[0] in ZH
    path = _project(tmp_path, ZH.replace(edit[0], edit[1], 1))
    assert _errors(path) == [expected]


# A misspelt id and a text the tree no longer has were errors; they are warnings (errors under --strict) now that
# `wizard translate` moves such translations to the renamed or moved text instead of refusing to run, since
# an editor renaming a node is no mistake. The position and the guess are the same as before.
@pytest.mark.parametrize(("edit", "expected"), [
    (("  can_withdraw:\n", "  can_withdrw:\n"),
     "kitchen-sink.zh.yaml:105:3: warning: `can_withdrw` is not in `nodes` of the tree file, so its translations "
     "are not used. Did you mean `can_withdraw`? `wizard translate tree.yaml` moves them to the texts they were "
     "renamed or moved to, or keeps them under `unused:` at the end of the file."),
    (("      zh: 你付了多少钱？\n", "      zh: 你付了多少钱？\n    help:\n      en: Look.\n      zh: 看收据。\n"),
     "kitchen-sink.zh.yaml:72:5: warning: `help` is not in node `amount` of the tree file, so its translations are "
     "not used. `wizard translate tree.yaml` moves them to the texts they were renamed or moved to, or keeps them "
     "under `unused:` at the end of the file."),
])
def test_translations_of_a_place_the_tree_does_not_have_are_reported_once(tmp_path: Path, edit: tuple[str, str],
                                                                          expected: str) -> None:
    assert edit[0] in ZH
    path = _project(tmp_path, ZH.replace(edit[0], edit[1], 1))
    result = compile_file(path, display="tree.yaml")
    assert _errors(path) == []
    assert [d.format().split("/")[-1] for d in result.diagnostics if "tree file" in d.message] == [expected]


def test_a_required_language_must_be_there(tmp_path: Path) -> None:
    path = _project(tmp_path, zh=None, required=True)
    assert _errors(path) == ["tree.yaml:1:1: error: the 简体中文 translation (kitchen-sink.zh.yaml) is missing. "
                             "Every procedure needs one: `wizard translate tree.yaml` writes it, with each English "
                             "text to translate."]


def test_translation_files_are_not_trees(tmp_path: Path) -> None:
    path = _project(tmp_path)
    assert tree_files(path.parent) == [path]


def test_every_language_has_every_message() -> None:
    tables = [vocabulary.language(code).sections["engine"] for code in vocabulary.languages()]
    assert all(set(table) == set(tables[0]) for table in tables)




BAD_TRANSLATIONS = REPO / "tests" / "corpus" / "bad-translations"


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("path", sorted(BAD_TRANSLATIONS.glob("*.zh.yaml")), ids=lambda p: p.name.split(".")[0])
def test_bad_translation_reports_its_exact_message_once(tmp_path: Path, path: Path) -> None:
    # Each file holds one mistake in the kitchen-sink's translation; its first line is the one error expected
    # (warnings count under --strict when the second line says so), and it comes at once.
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = lines[0].removeprefix("# expect: ")
    strict = lines[1].startswith("# strict:")
    name = path.name.split(".")[0]
    shutil.copy(FIXTURES / "kitchen-sink.yaml", tmp_path / f"{name}.yaml")
    shutil.copy(path, tmp_path / path.name)
    begin = time.perf_counter()
    result = compile_file(tmp_path / f"{name}.yaml", display=f"{name}.yaml")
    seconds = time.perf_counter() - begin
    found = [d.as_warning_error() if strict else d for d in result.diagnostics]
    assert [d.format().split(f"{path.name}:", 1)[-1] for d in found if d.is_error] == [expected]
    assert seconds < 5  # does not hang (the target, under a second, is far below this)


def test_the_translation_corpus_covers_every_new_message() -> None:
    assert len(list(BAD_TRANSLATIONS.glob("*.zh.yaml"))) >= 9


def test_a_tree_has_the_translations_named_after_it_and_no_others(tmp_path: Path) -> None:
    # Names that start alike, or hold more dots, belong to other trees or to no tree: only `<slug>.<code>.yaml`.
    for name in ("refund.yaml", "refund.zh.yaml", "refund.fr.yaml", "refund.zh.yml", "refund.old.zh.yaml",
                 "refunds.de.yaml", "refund-late.es.yaml", "a.refund.it.yaml", "refund.yaml.bak"):
        (tmp_path / name).write_text("", encoding="utf-8")
    project = Project.read(None)
    assert translation.languages_for(tmp_path / "refund.yaml", project) == ["fr", "zh"]
    assert translation.languages_for(tmp_path / "refund.old.yaml", project) == ["zh"]
    assert translation.languages_for(tmp_path / "refunds.yaml", project) == ["de"]
    time.sleep(0.05)  # past the folder's time stamp granularity: a file added later is seen
    (tmp_path / "refund.ja.yaml").write_text("", encoding="utf-8")
    assert "ja" in translation.languages_for(tmp_path / "refund.yaml", project)
