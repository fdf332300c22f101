"""A pseudo-locale edition (tests only): a new language needs only data and configuration, and every word shows it.

Every tree of the project gets a translation into the pseudo-locale (tests/pseudo_locale.py), made from its
English texts, and the pseudo-locale a vocabulary made from the English one. Then every page and every view
of the wizard that the Python side renders in that language is read as a reader would read it: any text
with plain English letters is a word that did not come from the vocabulary or the translation, and fails.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from pseudo_locale import CODE, make_project, pseudo, unmarked, visible_texts, write_vocabulary

from wizard.compiler import CompileResult, compile_folder
from wizard.core import kinds, vocabulary
from wizard.core.contracts import CompiledTree, StepResult
from wizard.core.engine import step
from wizard.core.views import render_view
from wizard.diagnostics import ERROR, Diagnostic
from wizard.site.page import render_page
from wizard.site.pages import tree_json
from wizard.site.playground_page import PlaygroundTree, playground_markdown
from wizard.site.problems import problems_markdown

REPO = Path(__file__).resolve().parents[1]
TODAY = datetime.date(2026, 11, 22)
# Readers' answers that every question refuses, by its kind, to see the engine's messages.
REFUSED = {"choice": ["", "not-an-option"], "yesno": ["", "maybe"], "checkbox": ["", "not-a-box"],
           "number": ["", "twelve", "1,500", "1.5", "-99999999", "99999999"],
           "date": ["", "2026-02-31", "2026-13-01", "26-1-1", "1 2", "9999-01-01", "1900-01-01"]}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[CompileResult]]:
    """Every tree of the project, compiled with its pseudo-locale translation, the pseudo-locale declared."""
    folder = tmp_path_factory.mktemp("pseudo")
    with pytest.MonkeyPatch.context() as patch:
        write_vocabulary(folder / "languages")
        patch.setenv(vocabulary.EXTRA_FOLDERS_VARIABLE, str(folder / "languages"))
        trees = make_project(REPO, folder / "project")
        results = compile_folder(trees)
        yield results


def _html(page: str) -> str:
    """A page's Markdown as HTML, its front matter (title, description) as paragraphs, as the site shows them."""
    front = re.match(r"---\n(.*?)\n---\n", page, re.DOTALL)
    meta = yaml.safe_load(front.group(1)) if front else {}
    body = page[front.end():] if front else page
    shown = "".join(f"<p>{html.escape(str(value))}</p>" for value in meta.values() if isinstance(value, str))
    return shown + markdown.markdown(body, extensions=["attr_list", "md_in_html", "admonition", "toc"])


def _trees(compiled: list[CompileResult]) -> list[CompiledTree]:
    return [result.translations[CODE] for result in compiled]


def test_the_pseudo_locale_is_a_language_like_any_other(compiled: list[CompileResult]) -> None:
    assert CODE in vocabulary.translations()
    assert compiled and all(result.ok for result in compiled), [d.format() for r in compiled for d in r.errors]
    assert all(result.translations[CODE]["language"] == CODE for result in compiled)
    assert vocabulary.word(CODE, "all_answers") == pseudo("All answers")


def test_every_page_shows_only_pseudo_locale_words(compiled: list[CompileResult],
                                                   record_property: Any) -> None:
    found: dict[str, list[str]] = {}
    checked = 0
    for tree in _trees(compiled):
        texts = visible_texts(_html(render_page(tree)))
        checked += len(texts)
        if unmarked(texts):
            found[tree["slug"]] = unmarked(texts)
    record_property("checks", checked)
    assert checked > 500
    assert found == {}


def _words_in(value: object) -> Iterator[str]:
    """Every text of a step's result a reader sees: leaves of the JSON, less ids, keys, dates and HTML copies."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("node", "id", "key", "next", "type", "state", "tone", "language", "date", "answers", "kind",
                       "if", "link", "slug", "format", "start", "answer", "audience", "reviewed", "min", "max",
                       "parts") \
                    or key.endswith("_html"):
                continue
            if key == "basis" and isinstance(item, list):  # a list of source ids, or the sources themselves
                yield from _words_in([source for source in item if isinstance(source, dict)])
            else:
                yield from _words_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _words_in(item)
    elif isinstance(value, str) and value.strip():
        yield value


def _walks(tree: CompiledTree, result: CompileResult) -> Iterator[StepResult]:
    """The step results of every example's walk, every refused answer to every question on the way, and a
    day after every deadline has passed."""
    assert result.checked is not None and result.checked.loaded.data is not None
    for example in result.checked.loaded.data.get("examples") or []:
        answers = dict(example.get("answers") or {})
        today = datetime.date.fromisoformat(str(example["today"])) if example.get("today") else TODAY
        given: dict[str, object] = {}
        for _ in range(len(tree["nodes"]) + 1):
            state = step(tree, given, today)
            yield state
            if state["state"] != "question":
                yield step(tree, given, today + datetime.timedelta(days=4000))
                break
            node = state["node"]
            assert node is not None
            # Every box at once: an exclusive box ("None of these") ticked with the others is refused too.
            question = tree["nodes"][node]
            every_box = [",".join(kinds.option_keys(question))] if kinds.has_boxes(question) else []
            for refused in [*REFUSED[tree["nodes"][node]["type"]], *every_box]:
                yield step(tree, {**given, node: refused}, today)
            if node not in answers:
                break
            given[node] = answers[node]


def _unmarked_on_every_walk(compiled: list[CompileResult], shipped: bool,
                            texts_of: Callable[[CompiledTree, StepResult], list[str]]) -> tuple[list[str], int]:
    """The texts without pseudo-locale marks that ``texts_of`` finds in each step of every walk (``_walks``) of
    every tree, in the pseudo-locale (as the worker reads it if ``shipped``), and how many texts it looked at."""
    found: set[str] = set()
    checked = 0
    for result in compiled:
        tree = result.translations[CODE]
        if shipped:
            tree = json.loads(tree_json(tree))  # with the Markdown fields rendered, as the worker reads it
        for state in _walks(tree, result):
            texts = texts_of(tree, state)
            checked += len(texts)
            found |= set(unmarked(texts))
    return sorted(found), checked


def test_every_wizard_view_the_engine_gives_shows_only_pseudo_locale_words(compiled: list[CompileResult],
                                                                          record_property: Any) -> None:
    found, checked = _unmarked_on_every_walk(compiled, False, lambda _, state: list(_words_in(
        {key: state.get(key) for key in ("error", "steps", "trace", "outcome", "message", "question")})))
    record_property("checks", checked)
    assert checked > 500
    assert found == []


def test_every_screen_the_renderer_draws_shows_only_pseudo_locale_words(compiled: list[CompileResult],
                                                                       record_property: Any) -> None:
    # The wizard's screens are drawn by wizard.core.views (in the worker, and at build time for the first question
    # and the pre-rendered views): their words, not only the engine's, must come from the language's vocabulary.
    # An address without letters: the printed line shows it as it is, in no language.
    found, checked = _unmarked_on_every_walk(compiled, True, lambda tree, state: [
        text for note in ("", "stale") for text in visible_texts(render_view(tree, state, share_url="/1/#a=2",
                                                                             note=note))])
    record_property("checks", checked)
    assert checked > 1000
    assert found == []


def test_the_wizard_in_the_browser_gets_pseudo_locale_words(compiled: list[CompileResult]) -> None:
    page = _html(render_page(_trees(compiled)[0]))
    words = re.search(r'data-wizard-words="([^"]*)"', page)
    assert words is not None
    carried = json.loads(visible_texts(f'<p title="{words.group(1)}"></p>')[0])
    texts = [value for key, value in carried.items() if key not in ("language", "date", "date_parts")]
    assert carried["language"] == CODE and texts
    assert unmarked([text for text in texts if isinstance(text, str)]) == []


def test_the_search_box_gets_pseudo_locale_words(compiled: list[CompileResult]) -> None:
    carried = vocabulary.search_words(CODE)
    texts = [text for key, value in carried.items() if key != "language"
             for text in (value.values() if isinstance(value, dict) else [value])]
    assert carried["language"] == CODE and len(texts) > 5 and unmarked([str(text) for text in texts]) == []


def test_the_playground_and_the_problems_page_show_only_pseudo_locale_words(compiled: list[CompileResult]) -> None:
    tree = _trees(compiled)[0]
    playground = playground_markdown(language=CODE, translation_language=CODE,
                                     trees=[PlaygroundTree(tree["slug"], tree["title"])],
                                     script="p.js", assets="../assets/", edit_url="https://example.org/edit")
    problem = Diagnostic("trees/x.yaml", 3, 5, ERROR, pseudo("Something is wrong."), pseudo("Fix it."))
    problems = problems_markdown([problem], CODE)
    assert unmarked(visible_texts(_html(playground)) + visible_texts(_html(problems))) == []


def test_the_pseudo_marks_are_what_the_test_relies_on() -> None:
    assert pseudo("Where did you buy it?") == "[Ŵĥéŕé ďíď ýôû ƀûý íţ? ········]"
    assert pseudo("Based on: {links}.").count("{links}") == 1
    assert pseudo('<a href="#all-answers">All answers</a>').startswith('[<a href="#all-answers">')
    assert unmarked(["Continue", pseudo("Continue"), "12315", "2026-11-22"]) == ["Continue"]
