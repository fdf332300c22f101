"""Issue 17: the reader's place holds (history, reload, in-page links, section fragments), dates and numbers
are read by the engine's one rule with messages that say what was wrong, and a result can be printed and read."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from wizard.browser.answer_fields import fill_answer
from wizard.core.engine import step
from wizard.core.messages import message

from .wizard_driver import (
    FIXTURE_TREES,
    REPO,
    ROOT,
    Example,
    act_and_wait,
    continue_,
    load_procedures,
    node,
    open_wizard,
    procedure_url,
    scroll_settled,
    state,
    typed_answer,
    use_today,
    wait_settled,
)

REAL = load_procedures(REPO / "trees")
FIXTURE = load_procedures(FIXTURE_TREES[0].parent)[0]


def walk_to_first(page: Page, site_url: str, kind: str, today: str | None) -> tuple[str, Example]:
    """Open the fixture and answer, as its first example holding one, up to its first question of ``kind``.

    ``today``: the day the wizard takes (None: the example's own). The question and the example.
    """
    tree = FIXTURE.tree
    question = next(n for n, v in tree["nodes"].items() if v["type"] == kind)
    example = next(e for e in FIXTURE.examples if question in e.answers)
    use_today(page, today or example.today)
    open_wizard(page, procedure_url(site_url, FIXTURE.slug))
    for _ in range(len(tree["nodes"])):
        if node(page) == question:
            break
        fill_answer(page, tree, node(page), example.answers[node(page)])
        continue_(page)
    return question, example


def _three_questions() -> tuple[object, list[tuple[str, str]]]:
    """A real procedure and the first three choice answers of an undated example."""
    for procedure in REAL:
        for example in procedure.examples:
            walk = step(procedure.tree, example.answers, "2026-12-02")["steps"]
            if example.today is None and len(walk) >= 3 and all(s["type"] in ("choice", "yesno") for s in walk[:3]):
                return procedure, [(s["node"], s["answer"]) for s in walk[:3]]
    raise AssertionError("no example with three choice questions")


def _answer(page: Page, tree: dict[str, object], pairs: list[tuple[str, str]]) -> None:
    for question, value in pairs:
        assert node(page) == question
        fill_answer(page, tree, question, value)
        continue_(page)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_back_forward_and_reload_keep_the_place(page: Page, site_url: str, language: str) -> None:
    procedure, pairs = _three_questions()
    tree = procedure.tree  # type: ignore[attr-defined]
    open_wizard(page, procedure_url(site_url, procedure.slug, language))  # type: ignore[attr-defined]
    _answer(page, tree, pairs[:2])
    third = node(page)
    for move, wanted in ((page.go_back, pairs[1][0]), (page.go_back, pairs[0][0]), (page.go_forward, pairs[1][0]),
                         (page.go_forward, third)):
        move()
        page.wait_for_function("(id) => document.querySelector('.rc-wizard').dataset.wizardNode === id", arg=wanted)
    page.reload()
    wait_settled(page)
    assert (state(page), node(page)) == ("question", third), "a reload keeps the place"


@pytest.mark.parametrize("link", ["toc", "all-answers"])
def test_in_page_links_scroll_without_resetting(page: Page, site_url: str, link: str) -> None:
    procedure, pairs = _three_questions()
    open_wizard(page, procedure_url(site_url, procedure.slug))  # type: ignore[attr-defined]
    _answer(page, procedure.tree, pairs[:2])  # type: ignore[attr-defined]
    here = node(page)
    page.evaluate("() => { window.__samePage = true; }")
    selector = (".md-sidebar--secondary a[href$='#flowchart']" if link == "toc"
                else "#all-answers ~ .rc-answers a.rc-link")
    target = page.locator(selector).first
    page.set_viewport_size({"width": 1280, "height": 900})
    before = page.evaluate("() => location.hash")
    section = target.evaluate("(a) => a.hash.slice(1)")
    target.evaluate("(a) => a.click()")
    # The address names the section beside the answers once the wizard has handled the link; then the scrolling
    # ends: what is asserted below is the state after both, not after a guessed pause.
    page.wait_for_function("(s) => location.hash.slice(1).split('&').includes(s)", arg=section)
    scroll_settled(page)
    assert page.evaluate("() => window.__samePage") is True, "the page was not fetched again"
    assert node(page) == here and "a=" in page.url, "the wizard and its answers stay"
    page.go_back()
    page.wait_for_function("(hash) => location.hash === hash", arg=before)
    scroll_settled(page)
    wait_settled(page)
    assert node(page) == here
    page.reload()
    wait_settled(page)
    assert node(page) == here


def test_a_section_fragment_outlives_the_engine_start(page: Page, site_url: str) -> None:
    procedure = REAL[0]
    last = list(procedure.tree["nodes"])[-1]
    open_wizard(page, procedure_url(site_url, procedure.slug) + f"#node-{last}")
    assert page.url.endswith(f"#node-{last}")
    assert page.evaluate(f"() => document.getElementById('node-{last}').getBoundingClientRect().top") < 400


def test_a_reload_while_changing_an_answer_keeps_them_all(page: Page, site_url: str) -> None:
    procedure, pairs = _three_questions()
    tree = procedure.tree  # type: ignore[attr-defined]
    open_wizard(page, procedure_url(site_url, procedure.slug))  # type: ignore[attr-defined]
    _answer(page, tree, pairs[:2])
    act_and_wait(page, page.locator(f"{ROOT} [data-rc-action='change'][data-node='{pairs[0][0]}']").click)
    page.reload()
    wait_settled(page)
    assert node(page) == pairs[0][0]
    continue_(page)  # the same answer again: the reader is back where they were
    assert node(page) == pairs[2][0]


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize(("language", "day", "said"), [
    ("en", "31", "31 February 2026 does not exist."), ("zh", "31", "2026年2月31日并不存在。")])
def test_a_date_that_does_not_exist_is_named_and_kept(page: Page, fixture_site_url: str, language: str, day: str,
                                                       said: str) -> None:
    tree = FIXTURE.tree
    question, example = walk_to_first(page, fixture_site_url, "date", "2026-11-22")
    dates = [question]
    del language  # the fixture is English; the Chinese message is checked against the engine below
    fill_answer(page, tree, dates[0], f"2026-2-{day}")
    continue_(page)
    refused = step({**tree, "language": "zh"} if "年" in said else tree,
                   {**example.answers, dates[0]: f"2026-2-{day}"}, "2026-11-22")["error"]
    assert refused is not None and said.split("。", maxsplit=1)[0] in refused["message"]
    if "年" not in said:
        assert said in page.inner_text(f"{ROOT} .rc-error-summary")
    assert typed_answer(page, dates[0]) == f"2026-2-{day}", "what was typed stays"


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("day", ["-1", "1-", "--"])
def test_a_dash_typed_in_a_date_part_is_refused_as_not_digits_and_kept(page: Page, fixture_site_url: str,
                                                                        day: str) -> None:
    # The three fields reach the engine joined by dashes: a dash typed in one of them must not read as a
    # fourth part ("Enter the date as year-month-day", a format the form never shows) nor empty the fields.
    question, _ = walk_to_first(page, fixture_site_url, "date", "2026-11-22")
    typed = {"day": day, "month": "2", "year": "2026"}
    for part, text in typed.items():
        page.fill(f"#rc-{question}-{part}", text)
    continue_(page)
    assert page.inner_text(f"{ROOT} .rc-error-summary a") == message("en", "date_digits")
    assert {part: page.input_value(f"#rc-{question}-{part}") for part in typed} == typed, "what was typed stays"


@pytest.mark.reliability("bad-input")
def test_a_comma_in_a_number_is_refused_with_the_engines_message(page: Page, fixture_site_url: str) -> None:
    tree = FIXTURE.tree
    question, _ = walk_to_first(page, fixture_site_url, "number", None)
    numbers = [question]
    fill_answer(page, tree, numbers[0], "1,5")
    continue_(page)
    assert page.inner_text(f"{ROOT} .rc-error-summary a") == "Write the number without commas, like 1500 or 1.5."
    assert page.input_value(f"#rc-{numbers[0]}-answer") == "1,5"


@pytest.mark.zensical
@pytest.mark.parametrize("language", ["en", "zh"])
def test_skip_to_content_lands_on_the_wizard(page: Page, site_url: str, language: str) -> None:
    # Whatever the theme's link points at (MkDocs: the wizard; Zensical: its own `#__skip` anchor), following
    # it from the keyboard puts the reader just before the wizard: the next Tab is the wizard's first control.
    open_wizard(page, procedure_url(site_url, REAL[0].slug, language))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash !== ''")
    target = "document.getElementById(location.hash.slice(1))"  # (instant navigation sets no `:target`)
    assert page.evaluate(f"{target}.id === 'wizard' || {target}.nextElementSibling?.id === 'wizard'"), \
        page.evaluate(f"{target}?.outerHTML.slice(0, 120)")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#wizard') !== null"), \
        page.evaluate("document.activeElement.outerHTML.slice(0, 120)")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_skip_link_print_button_and_flowchart_list(page: Page, site_url: str, language: str) -> None:
    procedure = REAL[0]
    open_wizard(page, procedure_url(site_url, procedure.slug, language))
    assert (page.get_attribute(".md-skip", "href") or "").endswith("#wizard")
    assert page.locator("details.rc-flow-list a").count() >= len(procedure.tree["nodes"])
    page.emulate_media(media="print")
    assert not page.locator(".md-typeset .mermaid").first.is_visible()
    page.emulate_media(media="screen")
