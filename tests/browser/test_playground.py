"""The playground page through its public contract, in real Chromium: edit, see problems, preview, propose.

Contract (docs/architecture.md, "The playground"): the root carries ``data-playground-state``
(``loading``, then ``ready``); each editor carries ``data-playground-source`` and takes focus, select-all and
typed or pasted text; problems are in ``[data-playground-diagnostics]``, one element per problem with
``data-line`` and ``data-column``; the preview is the wizard (``.rc-wizard`` with ``data-wizard-state``).
What the page shows is compared with the same pipeline run here (``wizard.playground.check_edit``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, Route

from wizard import playground
from wizard.browser import playground_bundle
from wizard.browser.playground_driver import checks_done, downloaded_tree, replace_text, wait_for_check

from .wizard_driver import REPO, ROOT, drive, load_procedures, state, wait_settled

SLUG = "withdraw-complaint"
TREE = (REPO / "trees" / f"{SLUG}.yaml").read_text(encoding="utf-8")
TRANSLATION = (REPO / "trees" / f"{SLUG}.zh.yaml").read_text(encoding="utf-8")
PLAYGROUND = ".rc-playground"
LOAD_TIMEOUT_MS = 120_000  # Pyodide and the checker start from scratch in a fresh browser context


def _expected(tmp_path: Path, tree: str) -> list[dict[str, object]]:
    """What ``wizard check`` says about this tree text (the same pipeline the page runs)."""
    workspace = playground.Workspace(tmp_path)
    playground.install_content(workspace, playground_bundle.content_files(REPO / "trees", ["zh"]))
    return list(playground.check_edit(workspace, SLUG, "zh", tree, TRANSLATION)["diagnostics"])


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(f"{PLAYGROUND}[data-playground-state='ready']", timeout=LOAD_TIMEOUT_MS)


def _diagnostics(page: Page) -> list[tuple[int, int, str]]:
    return [(int(item.get_attribute("data-line") or 0), int(item.get_attribute("data-column") or 0),
             item.get_attribute("data-file") or "")
            for item in page.locator("[data-playground-diagnostics] > *").all()]


def test_a_mistake_is_shown_where_it_is_then_the_fixed_tree_runs_to_an_outcome(
        page: Page, site_url: str, tmp_path: Path) -> None:
    _open(page, f"{site_url}playground/?tree={SLUG}")
    assert page.input_value("#rc-playground-tree") == SLUG
    wait_settled(page)  # the published tree is previewed from the start
    assert state(page) == "question"

    broken = TREE.replace("type: choice", "type: choise", 1)
    expected = _expected(tmp_path, broken)
    assert expected, "the mistake must be one the checker reports"
    before = checks_done(page)
    replace_text(page, "tree", broken)
    wait_for_check(page, before)
    shown = _diagnostics(page)
    assert shown == [(d["line"], d["column"], d["file"]) for d in expected]
    # Its place link moves the cursor there (scrolled into view), where the editor's gutter marks it.
    page.click("[data-playground-diagnostics] > * button")
    page.wait_for_selector(f"{PLAYGROUND} .cm-lint-marker-error")
    assert page.evaluate("document.activeElement.getAttribute('data-playground-source')") == "tree"
    assert page.locator(f"{ROOT}").count() == 0, "no preview of a tree with errors"

    # Fixed, with a question reworded: no problems, the wizard runs the edited tree, the diff names the change.
    question = re.search(r"question: (.+)", TREE)
    assert question is not None
    reworded = TREE.replace(question.group(0), f"question: {question.group(1)} (reworded)", 1)
    before = checks_done(page)
    replace_text(page, "tree", reworded)
    wait_for_check(page, before)
    # The one problem left is the translator's: the Chinese text of the reworded question is now stale.
    left = _diagnostics(page)
    assert len(left) == 1 and left[0][2].endswith(".zh.yaml"), left
    wait_settled(page)
    assert state(page) == "question"
    procedure = next(p for p in load_procedures(REPO / "trees") if p.slug == SLUG)
    example = procedure.examples[0]
    drive(page, procedure.tree, example.answers)
    assert state(page) == "outcome"
    total = len(procedure.examples)
    examples = page.locator("[data-playground-examples] [data-total]")
    assert examples.get_attribute("data-total") == str(total)
    assert examples.get_attribute("data-passed") == str(total)
    page.wait_for_selector("[data-playground-diff][data-diff-checks]")  # the difference follows the problems
    diff = page.inner_text("[data-playground-diff]")
    assert "(reworded)" in diff or "reworded" in diff, diff


@pytest.mark.reliability("bad-input")
def test_the_chinese_page_checks_the_translation_and_previews_in_chinese(page: Page, site_url: str) -> None:
    _open(page, f"{site_url}zh/playground/?tree={SLUG}")
    wait_settled(page)
    first_question = page.inner_text(f"{ROOT} legend, {ROOT} .rc-legend")
    assert re.search(r"[\u4e00-\u9fff]", first_question), "the preview speaks Chinese on the Chinese page"
    assert "试用编辑" in page.inner_text("h1")
    # An unknown key in the translation: shown in the translation's file, at its line.
    broken = TRANSLATION.replace("title:", "titel:", 1)
    line = TRANSLATION[: TRANSLATION.index("title:")].count("\n") + 1
    before = checks_done(page)
    replace_text(page, "translation", broken)
    wait_for_check(page, before)
    shown = _diagnostics(page)
    assert any(row == line and file.endswith(".zh.yaml") for row, _, file in shown), shown


def test_tab_leaves_the_editor(page: Page, site_url: str) -> None:
    _open(page, f"{site_url}playground/")
    page.focus("[data-playground-source='tree']")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('data-playground-source')")
    assert focused != "tree", "Tab must move focus out of the editor, not indent"


def test_procedure_pages_load_nothing_of_the_playground(site_dir: Path) -> None:
    for page_file in [*site_dir.glob("procedures/*/index.html"), *site_dir.glob("zh/procedures/*/index.html")]:
        html = page_file.read_text(encoding="utf-8")
        assert "playground" not in html.lower(), f"{page_file} mentions the playground"
    wizard_js = (site_dir / "assets" / "wizard" / "wizard.js").read_text(encoding="utf-8")
    assert "assets/playground" not in wizard_js, "the readers' script names no playground file"



def test_starting_again_asks_before_replacing_edits(page: Page, site_url: str) -> None:
    _open(page, f"{site_url}playground/?tree={SLUG}")
    edited = "# my edit\n" + TREE
    before = checks_done(page)
    replace_text(page, "tree", edited)
    wait_for_check(page, before)
    assert downloaded_tree(page, SLUG) == edited
    asked: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click(".rc-playground__load")
    assert asked, "the page asks before dropping edits"
    assert downloaded_tree(page, SLUG) == edited, "dismissed: the edit is kept"
    page.once("dialog", lambda dialog: dialog.accept())
    before = checks_done(page)
    page.click(".rc-playground__load")
    wait_for_check(page, before)
    assert downloaded_tree(page, SLUG) == TREE


_RECORD_ORDER = """() => {
  // What the page shows, in order: each check's problems (the summary's count of checks) and each difference.
  window.__shown = [];
  const summary = document.querySelector('[data-playground-summary]');
  const diff = document.querySelector('[data-playground-diff]');
  new MutationObserver(() => window.__shown.push({ what: 'problems', at: performance.now(),
    diff: diff.textContent, busy: diff.getAttribute('aria-busy') })).observe(summary,
    { attributes: true, attributeFilter: ['data-checks'] });
  new MutationObserver(() => {
    if (diff.hasAttribute('data-diff-checks')) window.__shown.push({ what: 'diff', at: performance.now() });
  }).observe(diff, { attributes: true, attributeFilter: ['data-diff-checks'] });
}"""
SLOW_DIFF_MS = 1500


@pytest.mark.reliability("fault")
@pytest.mark.parametrize("diff", ["slow", "stops"])
def test_the_problems_are_shown_before_the_difference_is_computed(page: Page, site_url: str, diff: str) -> None:
    # The worker's difference is made slow (or to fail): the problems and the preview of the edit must be on
    # screen without waiting for it, the difference must follow, and a failed one must leave the problems shown.
    def slow_worker(route: Route) -> None:
        script = route.fetch().text()
        assert "JSON.parse(python.diff())" in script
        stall = (f"(() => {{ const end = Date.now() + {SLOW_DIFF_MS}; while (Date.now() < end); "
                 "return JSON.parse(python.diff()); })()" if diff == "slow" else "JSON.parse('{' + python.diff())")
        route.fulfill(body=script.replace("JSON.parse(python.diff())", stall), content_type="text/javascript")

    page.context.route("**/playground-worker.js*", slow_worker)
    _open(page, f"{site_url}playground/?tree={SLUG}")
    page.wait_for_selector("[data-playground-diff][data-diff-checks]")  # the first check's, of the published texts
    page.evaluate(_RECORD_ORDER)
    question = re.search(r"question: (.+)", TREE)
    assert question is not None
    before = checks_done(page)
    replace_text(page, "tree", TREE.replace(question.group(0), f"question: {question.group(1)} (reworded)", 1))
    wait_for_check(page, before)
    page.wait_for_selector("[data-playground-diff][data-diff-checks]")
    shown = page.evaluate("() => window.__shown")
    assert [event["what"] for event in shown] == ["problems", "diff"], shown
    problems, difference = shown
    assert problems["busy"] == "true" and "published version" in problems["diff"]  # the difference was pending
    if diff == "slow":
        assert difference["at"] - problems["at"] >= SLOW_DIFF_MS * 0.9  # the problems did not wait for it
        assert "reworded" in page.inner_text("[data-playground-diff]")
    else:
        assert "stopped" in page.inner_text("[data-playground-diff]")
        assert page.locator("[data-playground-summary]").get_attribute("data-check-failed") is None
    wait_settled(page)
    assert state(page) == "question"  # the preview runs the edited tree either way
