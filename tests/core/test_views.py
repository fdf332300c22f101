"""The one renderer (wizard.core.views): the build's first question and the worker's screens are the same HTML.

The site build writes the first question's form into the page; the worker renders every later screen with the
same functions. These tests hold the two to one output for every question of every tree in both languages,
and check what the renderer certifies: every text escaped (every language has every word: tests/test_languages.py).
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.compiler import compile_file, tree_files
from wizard.core.engine import step
from wizard.core.kinds import QUESTION_TYPES
from wizard.core.views import question_form, render_view
from wizard.core.views.markup import esc, uri_component
from wizard.site.form import mount_point
from wizard.site.pages import tree_json

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-12-02"
_TEMPLATE = re.compile(r'<template class="rc-first-question">(.*)</template>', re.S)
_FORM = re.compile(r"<form .*</form>", re.S)


@cache
def _editions() -> list[tuple[str, str, Any]]:
    """(slug, language, compiled tree) for every tree of the project, in each of its languages."""
    found: list[tuple[str, str, Any]] = []
    for path in tree_files(REPO / "trees"):
        result = compile_file(path)
        assert result.tree is not None, [d.format() for d in result.errors]
        found.append((result.slug, "en", result.tree))
        found.extend((result.slug, language, tree) for language, tree in result.translations.items())
    return found


def _questions() -> list[tuple[str, str, str]]:
    return [(slug, language, node_id) for slug, language, tree in _editions()
            for node_id, node in tree["nodes"].items() if node["type"] in QUESTION_TYPES]


def _edition(slug: str, language: str) -> dict[str, Any]:
    return next(tree for s, lang, tree in _editions() if (s, lang) == (slug, language))


def test_both_languages_of_every_tree_are_checked() -> None:
    languages = {language for _, language, _ in _editions()}
    assert languages == {"en", "zh"} and len(_questions()) > 20


@pytest.mark.parametrize(("slug", "language", "node_id"), _questions(), ids="-".join)
def test_the_build_writes_the_form_the_worker_renders(slug: str, language: str, node_id: str) -> None:
    tree = {**_edition(slug, language), "start": node_id}
    built = _TEMPLATE.search(mount_point(tree))
    assert built is not None
    # The worker's view of the same state: the tree as tree.json holds it, no answer given yet.
    shipped = json.loads(tree_json(tree))
    screen = render_view(shipped, step(shipped, {}, TODAY), share_url="https://example.org/p/")
    sent = _FORM.search(screen)
    assert sent is not None and sent.group(0) == built.group(1)
    assert screen.startswith('<div class="rc-progress">')


class _Text(HTMLParser):
    """The text of an HTML fragment, and the elements in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser


def _question(text: str, kind: str = "choice") -> dict[str, Any]:
    node: dict[str, Any] = {"type": kind, "question": text, "help": text, "unit": text,
                            "options": [{"key": "k", "label": text, "next": "end"}]}
    return node


@pytest.mark.reliability("property")
@settings(max_examples=150, deadline=None)
# NUL is left out of any text (no HTML text can hold it): see the carriage-return test below.
@given(text=st.text(st.characters(exclude_characters="\x00"), min_size=1, max_size=40),
       kind=st.sampled_from(QUESTION_TYPES))
def test_any_text_of_a_question_is_shown_as_text(text: str, kind: str) -> None:
    parsed = _parsed(question_form("q", _question(text, kind), "en"))
    # Only the renderer's own elements: nothing the text holds became markup.
    assert set(parsed.tags) <= {"form", "fieldset", "legend", "div", "p", "input", "label", "span", "button"}
    assert "".join(parsed.text).count(text) >= 2  # the question and its help, at least, as written


HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&'


def _outcome_result(language: str) -> dict[str, Any]:
    source = {"id": "s", "title": HOSTILE, "section": HOSTILE, "link": "javascript:alert(3)", "note": HOSTILE}
    return {
        "state": "outcome", "node": "end", "language": language, "error": None, "question": None, "message": None,
        "steps": [{"node": "q", "question": HOSTILE, "answer": "k", "display": HOSTILE}],
        "trace": [{"kind": "answer", "node": "q", "question": HOSTILE, "answer": HOSTILE, "because": HOSTILE,
                   "basis": [source]},
                  {"kind": "rule", "node": "r", "facts": [HOSTILE], "because": HOSTILE + "2", "basis": []}],
        "answers": {"q": "k"}, "progress": {"number": 1, "remaining": 0},
        "outcome": {"id": "end", "verdict": HOSTILE, "tone": HOSTILE, "explanation": HOSTILE,
                    "next_steps": [{"text": HOSTILE}],
                    "deadlines": [{"id": "d", "label": HOSTILE, "date": "2026-12-09", "date_text": HOSTILE,
                                   "days_left": 7, "days_left_text": "7 days left"},
                                  {"id": "p", "label": HOSTILE, "date": "2026-11-01", "days_left": -31,
                                   "days_left_text": HOSTILE, "passed_text": HOSTILE}],
                    "basis": [source]},
    }


@pytest.mark.reliability("injection")
@pytest.mark.parametrize("language", ["en", "zh"])
def test_texts_of_an_outcome_are_never_markup(language: str) -> None:
    tree = {"title": HOSTILE, "slug": "s\"x"}
    screen = render_view(tree, _outcome_result(language), share_url='https://e.org/"<a>')
    parsed = _parsed(screen)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert "javascript:" not in screen  # a source's link that is not http(s) is shown as its title only
    assert 'class="rc-outcome rc-outcome--info"' in screen  # an unknown tone is "info"


@pytest.mark.reliability("injection")
def test_a_question_with_an_error_escapes_the_message() -> None:
    result = {"state": "question", "node": "q", "language": "en", "question": _question(HOSTILE, "number"),
              "error": {"node": "q", "message": HOSTILE}, "steps": [], "trace": [], "answers": {},
              "progress": {"number": 1, "remaining": 2}}
    parsed = _parsed(render_view({}, result, share_url=""))
    assert "script" not in parsed.tags and "img" not in parsed.tags


def test_a_deadline_ahead_has_its_calendar_file_and_a_passed_one_has_none() -> None:
    screen = render_view({"title": "Appeal", "slug": "appeal"}, _outcome_result("en"),
                         share_url="https://e.org/p/#a=q%3Dk")
    links = re.findall(r'<a class="rc-calendar" href="data:text/calendar;charset=utf-8,([^"]*)" '
                       r'download="appeal-(\w+)\.ics">', screen)
    assert [name for _, name in links] == ["d"]
    ics = urllib.parse.unquote(links[0][0])
    assert "DTSTART;VALUE=DATE:20261209" in ics and "https://e.org/p/#a=q%3Dk" in ics.replace("\r\n ", "")


def test_a_number_field_asks_for_the_keyboard_its_answer_needs() -> None:
    whole = question_form("n", {"type": "number", "question": "How much?", "unit": "yuan"}, "en")
    decimal = question_form("n", {"type": "number", "question": "How much?", "integer": False}, "en")
    assert 'inputmode="numeric"' in whole and 'inputmode="decimal"' in decimal
    assert '<span class="rc-unit" aria-hidden="true">yuan</span>' in whole and "rc-unit" not in decimal


def test_an_engine_error_points_to_all_answers_in_the_trees_language() -> None:
    result: dict[str, Any] = {"state": "error", "node": None, "language": "zh", "message": None, "steps": [],
                              "trace": []}
    screen = render_view({}, result, share_url="", note="stale")
    assert screen.startswith('<p class="rc-note">') and '<a href="#all-answers">全部答案</a>' in screen
    assert "无法得出这个流程的结果。请改用下方的" in screen


def test_a_carriage_return_stays_one_and_nul_is_left_out() -> None:
    # A browser's parser would read a raw CR as LF: the renderer writes it so that the text comes back as given.
    form = question_form("q", {"type": "yesno", "question": "a\r\nb\rc\x00d", "options": []}, "en")
    assert ">a&#13;\nb&#13;cd</legend>" in form


@pytest.mark.reliability("property")
@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_escaping_is_the_standard_librarys_with_nul_dropped_and_cr_kept(text: str) -> None:
    # markup.esc writes its own table so that the engine need not import `html` in the browser: it must keep
    # html.escape's output exactly, with the two browser-parser fixes on top.
    assert esc(text) == html.escape(text.replace("\x00", ""), quote=True).replace("\r", "&#13;")


@pytest.mark.reliability("property")
@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(exclude_categories=["Cs"])))
def test_a_data_address_is_encoded_as_encode_uri_component_does(text: str) -> None:
    # The calendar link's encoder replaces urllib.parse.quote with encodeURIComponent's kept set.
    assert uri_component(text) == urllib.parse.quote(text, safe="!~*'()")
    assert urllib.parse.unquote(uri_component(text)) == text


@pytest.mark.parametrize(("language", "typed", "marked"), [
    ("en", "2026-13-3", ["month"]), ("en", "2026-x-y", ["day", "month"]), ("en", "-11-3", ["year"]),
    ("zh", "2026-13-3", ["month"]), ("zh", "2026-x-y", ["month", "day"]),
    # Wrong as a whole: every part is marked, and the summary leads to the first the language writes.
    ("en", "2026-02-30", ["day", "month", "year"]), ("zh", "2026-02-30", ["year", "month", "day"]),
])
def test_a_refused_date_marks_only_the_parts_at_fault(language: str, typed: str, marked: list[str]) -> None:
    tree = _edition("tmall-store-complaint", language)
    answers = {"complaint_kind": "malicious", "proper_channels": "yes", "knows_received": "yes", "received": typed}
    screen = render_view(tree, step(tree, answers, TODAY), share_url="")
    invalid = re.findall(r'<input class="[^"]*rc-input--error[^"]*" id="rc-received-(\w+)"[^>]*aria-invalid="true"',
                         screen)
    assert invalid == marked
    assert len(re.findall(r'aria-invalid="true"', screen)) == len(marked)
    link = re.search(r'<a href="#rc-received-(\w+)" data-rc-field', screen)
    assert link is not None and link.group(1) == marked[0]
