"""The schema drives every walk: a field added to ``wizard.schema`` is translated, rendered and checked with no
other change, and the lists of field names the stages kept before are all derived from the schema's flags."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from wizard import answer_samples, editor_schema, plain_language, schema, schema_walk, translation
from wizard.compiler import compile_file
from wizard.markdown_render import add_html

TODAY = datetime.date(2026, 11, 22)
TREE = """\
title: Can I ask for a refund?
summary: Whether the shop must refund you.
audience: consumers
reviewed: 2026-11-01
sources:
  rule:
    title: The refund rule
start: asked
nodes:
  asked:
    type: yesno
    question: Did you ask the shop first?
    options:
      yes: {next: done, because: You asked first.}
      no: {next: done, because: Asking first is not needed.}
  done:
    type: outcome
    verdict: You can
    explanation: The shop must answer.
    aside: Keep **every** receipt.
    aside_if: "CONDITION"
    basis: [rule]
examples:
  - name: asked
    answers: {asked: "yes"}
    outcome: done
"""
TRANSLATION = """\
title: {en: Can I ask for a refund?, zh: 我能要求退款吗？}
nodes:
  done:
    aside: {en: Keep **every** receipt., zh: 保留**每一张**收据。}
"""


@pytest.fixture
def aside_field(monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of the schema whose outcomes have two fields more: a Markdown text and a condition for it."""
    outcome = schema.spec("outcome")
    extended = dataclasses.replace(outcome, fields=(
        *outcome.fields,
        schema.Field("aside", schema.Text(markdown=True), doc="A side note (Markdown)."),
        schema.Field("aside_if", schema.Expression("bool"), doc="Show the side note only when this holds."),
    ))
    monkeypatch.setitem(schema.OBJECTS, "outcome", extended)


def _write(tmp_path: Path, condition: str) -> Path:
    tree = tmp_path / "refund.yaml"
    tree.write_text(TREE.replace("CONDITION", condition), encoding="utf-8")
    (tmp_path / "refund.zh.yaml").write_text(TRANSLATION, encoding="utf-8")
    return tree


@pytest.mark.usefixtures("aside_field")
def test_a_new_text_field_is_translated_and_rendered_without_other_changes(tmp_path: Path) -> None:
    result = compile_file(_write(tmp_path, "asked == 'yes'"), today=TODAY)
    assert result.errors == []
    assert result.checked is not None
    assert ("nodes", "done", "aside") in translation.tree_texts(result.checked.loaded)
    done: Mapping[str, Any] = result.translations["zh"]["nodes"]["done"]  # a field the contracts do not know
    assert done["aside"] == "保留**每一张**收据。"
    assert result.tree is not None
    english = add_html(result.tree)["nodes"]["done"]
    assert english["aside_html"] == "<p>Keep <strong>every</strong> receipt.</p>"
    chinese = add_html(result.translations["zh"])["nodes"]["done"]
    assert chinese["aside_html"] == "<p>保留<strong>每一张</strong>收据。</p>"
    # Editors' tools learn it too: the translation files' schema lists it among a node's texts.
    assert "aside" in editor_schema.translation_schema()["$defs"]["node"]["properties"]
    # And `wizard diff` tries the answers where its condition turns.
    assert "asked == 'yes'" in answer_samples.formulas(result.tree["nodes"])


@pytest.mark.usefixtures("aside_field")
def test_a_new_formula_field_is_checked_without_other_changes(tmp_path: Path) -> None:
    result = compile_file(_write(tmp_path, "asked == 'maybe'"), today=TODAY)
    assert [(d.line, d.column, d.message) for d in result.errors] == [
        (21, 25, "in node `done`, `aside_if`: `asked` has no answer 'maybe'; its answers are 'yes', 'no'")]
    result = compile_file(_write(tmp_path, "amount > 3"), today=TODAY)
    assert [(d.line, d.column, d.message) for d in result.errors] == [
        (21, 16, "in node `done`, `aside_if`: there is no question `amount`")]


@pytest.mark.usefixtures("aside_field")
def test_a_new_text_field_gets_the_plain_language_check(tmp_path: Path) -> None:
    config = plain_language.PlainLanguageConfig(max_sentence_words=3, glossary=frozenset(), terms=(),
                                                glossary_file="glossary.md")
    data = {"nodes": {"done": {"type": "outcome", "aside": "One two three four five."}}}
    (finding,) = plain_language.check_tree(data, config)
    assert finding.path == ("nodes", "done", "aside")


@pytest.mark.reliability("bad-input")
@pytest.mark.usefixtures("aside_field")
def test_a_new_markdown_field_follows_the_markdown_rules_in_a_translation(tmp_path: Path) -> None:
    tree = _write(tmp_path, "asked == 'yes'")
    (tmp_path / "refund.zh.yaml").write_text(TRANSLATION.replace("保留**每一张**收据。", "'# 标题'"),
                                            encoding="utf-8")
    result = compile_file(tree, today=TODAY, display="refund.yaml")
    assert [d.format().rsplit("/", 1)[-1] for d in result.errors] == [
        "refund.zh.yaml:4:47: error: the translation of node `done`, `aside` has a line starting with `#`, which "
        "Markdown makes a heading. The page has its own headings; use **bold** text, or put a word before the `#`."]


def test_the_lists_the_stages_kept_by_hand_are_derived_from_the_schema() -> None:
    # What translation.TRANSLATED listed: every text field outside the examples.
    assert schema_walk.field_names(schema_walk.is_translated) == {
        "title", "summary", "keywords", "cues", "section", "note", "question", "help", "unit", "because", "verdict",
        "explanation", "label", "hint", "text", "passed"}
    # What markdown_render.add_html rendered by hand, and schema.MARKDOWN_FIELDS.
    assert schema_walk.field_names(schema_walk.is_markdown) == {"help", "explanation", "text", "passed"}
    # The formulas checker.check_formulas and answer_samples.formulas visited by hand.
    assert {(owner, f.name) for owner, f in schema_walk.fields(schema_walk.is_formula)} == {
        ("branch", "if"), ("next_step", "if"), ("deadline", "date"), ("deadline", "if")}
    # plain_language's own list of fields, all measured still (with units, sources' notes and `passed` now).
    prose = schema_walk.field_names(schema_walk.is_prose)
    assert {"title", "summary", "question", "help", "verdict", "explanation", "because", "label", "text"} <= prose
    assert "keywords" not in prose and "cues" not in prose  # lists of search words, not sentences


def test_the_walk_reads_compiled_options_by_their_key() -> None:
    compiled = {"nodes": {"q": {"type": "yesno", "question": "Q?", "help": None,
                                "options": [{"key": "yes", "label": "Yes", "next": "o"}]}}}
    paths = [found.path for found in schema_walk.walk(compiled) if schema_walk.is_translated(found.field.kind)]
    assert ("nodes", "q", "options", "yes", "label") in paths
    assert ("nodes", "q", "question") in paths
