"""The whole site, audited in Chromium: every page in both palettes and every state the wizard reaches along
every example of every tree pass axe-core's WCAG 2.2 AA rules and its best practices (see axe_audit.py), and no
page breaks its Content-Security-Policy.

Pages are found in the built site, so a new page (or a new language) is audited without touching this file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from wizard.browser.answer_fields import fill_answer
from wizard.browser.search_driver import search

from .axe_audit import axe_violations, describe
from .wizard_driver import (
    LANGUAGES,
    REPO,
    ROOT,
    Procedure,
    continue_,
    edition_ids,
    editions,
    error_message,
    load_procedures,
    local_today,
    node,
    open_wizard,
    procedure_url,
    restart,
    state,
    use_today,
)

REAL = load_procedures(REPO / "trees")
# Every procedure in every language edition: the Chinese wizard has its own words, labels and hidden texts.
EDITIONS = editions(REPO / "trees")
# Records every Content-Security-Policy violation of a document, from before its first script runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}`
                              + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as paths relative to its root (``""`` is the home page)."""
    pages = sorted(str(p.parent.relative_to(site)) for p in site.rglob("index.html"))
    return [("" if path == "." else f"{path}/") for path in pages] + ["404.html"]


@pytest.fixture
def context_options(request: pytest.FixtureRequest) -> dict[str, object]:
    """The colour scheme under test (or the context's options); the page's CSP is bypassed so that axe can be
    injected."""
    param = getattr(request, "param", "light")
    return {"bypass_csp": True, **param} if isinstance(param, dict) else {"color_scheme": param, "bypass_csp": True}


def _settle(page: Page, path: str) -> None:
    """Wait until a procedure page's wizard has shown its first question (it replaces the static form)."""
    if path.startswith("procedures/"):
        page.wait_for_function("() => document.querySelector('.rc-wizard').dataset.wizardState !== 'loading'")
    if path.endswith("playground/"):  # its editors, problems and preview are in place once it is ready
        page.wait_for_function("() => document.querySelector('.rc-playground').dataset.playgroundState !== 'loading'",
                               timeout=120_000)


@pytest.mark.reliability("audit")
@pytest.mark.parametrize("context_options", ["light", "dark"], indirect=True)
def test_every_page_passes_axe(page: Page, site_dir: Path, site_url: str, context_options: dict[str, Any],
                               record_property: Callable[[str, object], None]) -> None:
    pages = site_pages(site_dir)
    assert any(p.startswith("procedures/") for p in pages), pages
    found = {}
    for path in pages:
        page.goto(site_url + path)
        _settle(page, path)
        scheme = "slate" if context_options["color_scheme"] == "dark" else "default"
        assert page.evaluate("() => document.body.dataset.mdColorScheme") == scheme
        violations = axe_violations(page)
        if violations:
            found[path or "home"] = describe(violations)
    assert not found, "axe found problems:\n" + "\n".join(f"{k}: {v}" for k, v in found.items())
    record_property("checks", len(pages))


def _audit_walks(page: Page, base: str, procedure: Procedure, language: str) -> dict[str, list[dict[str, Any]]]:
    """Walk every example of a tree, auditing each state the first time the walk meets it."""
    audited: dict[str, list[dict[str, Any]]] = {}

    def audit(name: str) -> None:
        if name not in audited:
            audited[name] = axe_violations(page, ROOT)

    examples = sorted(procedure.examples, key=lambda e: e.today or local_today())
    today = None
    for example in examples:
        if today != (example.today or local_today()):
            today = example.today or local_today()
            use_today(page, today)
            open_wizard(page, procedure_url(base, procedure.slug, language))
        if "error summary" not in audited:
            continue_(page)  # nothing chosen: the error summary
            assert error_message(page)
            audit("error summary")
        for _ in range(len(procedure.tree["nodes"]) + 1):
            if state(page) != "question":
                break
            current = node(page)
            audit(f"question {current}")
            fill_answer(page, procedure.tree, current, example.answers[current])
            continue_(page)
        assert state(page) == "outcome", (example.name, state(page))
        audit(f"outcome {node(page)}")
        if "answer changed" not in audited:
            page.click(f"{ROOT} [data-rc-action='back']")
            page.wait_for_function("() => document.querySelector('.rc-wizard').dataset.wizardState === 'question'")
            audit("answer changed")
            continue_(page)  # the answer is still chosen: back to the outcome
        restart(page)
    return audited


@pytest.mark.reliability("audit")
@pytest.mark.parametrize(("language", "procedure"), EDITIONS, ids=edition_ids(EDITIONS))
@pytest.mark.parametrize("context_options", ["light", "dark"], indirect=True)
def test_every_wizard_state_passes_axe(page: Page, site_url: str, language: str, procedure: Procedure,
                                       context_options: dict[str, Any],
                                       record_property: Callable[[str, object], None]) -> None:
    audited = _audit_walks(page, site_url, procedure, language)
    found = [f"{where}: {describe(v)}" for where, v in audited.items() if v]
    assert not found, "axe found problems:\n" + "\n".join(found)
    record_property("checks", len(audited))


@pytest.mark.reliability("audit")
@pytest.mark.parametrize("context_options", [{"viewport": {"width": 360, "height": 740}}], indirect=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_flowchart_at_360_pixels_passes_axe(page: Page, site_url: str, language: str,
                                                  context_options: dict[str, Any],
                                                  record_property: Callable[[str, object], None]) -> None:
    """A phone's width, each chart drawn: a chart wider than the screen scrolls in a frame the keyboard reaches."""
    found = {}
    procedures = [procedure for lang, procedure in EDITIONS if lang == language]
    for procedure in procedures:
        open_wizard(page, procedure_url(site_url, procedure.slug, language))
        page.locator(".rc-chart").scroll_into_view_if_needed()
        page.locator("div.mermaid").first.wait_for(state="attached", timeout=30_000)
        page.wait_for_function("() => document.querySelector('.rc-chart').scrollWidth > 360")
        if violations := axe_violations(page):
            found[procedure.slug] = describe(violations)
    assert not found, "axe found problems:\n" + "\n".join(f"{k}: {v}" for k, v in found.items())
    record_property("checks", len(procedures))


@pytest.mark.reliability("audit")
@pytest.mark.parametrize(("edition", "query"), [("", "complaint"), ("", "qwxzv"), ("zh/", "投诉"), ("zh/", "qwxzv")])
def test_the_search_box_and_its_results_pass_axe(page: Page, site_url: str, edition: str, query: str) -> None:
    """The header's search open, with results (or the message that none match), in both editions."""
    page.goto(site_url + edition)
    found = search(page, query)
    assert bool(found) == (query != "qwxzv")
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.reliability("audit")
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("context_options", ["light", {"viewport": {"width": 360, "height": 740}}], indirect=True,
                         ids=["desktop", "phone"])
def test_date_fields_with_an_error_pass_axe(page: Page, site_url: str, language: str,
                                            context_options: dict[str, Any]) -> None:
    """The day, month and year fields, refused ("31 February does not exist") and named in the error summary; on
    a phone too, where Continue sits right under the fields (axe's target-size finds a field it covers)."""
    for lang, procedure in EDITIONS:
        dates = [n for n, v in procedure.tree["nodes"].items() if v["type"] == "date"]
        examples = [e for e in procedure.examples if dates and dates[0] in e.answers]
        if lang == language and examples:
            break
    else:
        pytest.fail(f"no {language} example answers a date question", pytrace=False)
    example = examples[0]
    use_today(page, example.today)
    open_wizard(page, procedure_url(site_url, procedure.slug, language))
    for _ in range(len(procedure.tree["nodes"])):
        if node(page) == dates[0]:
            break
        fill_answer(page, procedure.tree, node(page), example.answers[node(page)])
        continue_(page)
    fill_answer(page, procedure.tree, dates[0], "2026-2-31")
    continue_(page)
    assert error_message(page), "the date is refused"
    violations = axe_violations(page, ROOT)
    assert not violations, describe(violations)


@pytest.mark.zensical
def test_no_page_breaks_the_content_security_policy(page: Page, site_dir: Path, site_url: str,
                                                    record_property: Callable[[str, object], None]) -> None:
    """Every page under its own policy (not bypassed), and a full walk of every tree: no violation at all."""
    page.add_init_script(RECORD_VIOLATIONS)
    pages = site_pages(site_dir)
    violations = {}
    for path in pages:
        page.goto(site_url + path)
        _settle(page, path)
        policy = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content") or ""
        assert "script-src 'self' 'wasm-unsafe-eval'" in policy, f"{path}: no policy in the page"
        assert page.locator("script:not([src]):not([type='application/json'])").count() == 0, path
        if found := page.evaluate("() => window.__cspViolations"):
            violations[path] = found
    for procedure in REAL:
        example = procedure.examples[0]
        use_today(page, example.today)
        open_wizard(page, procedure_url(site_url, procedure.slug))
        for _ in range(len(procedure.tree["nodes"]) + 1):
            if state(page) != "question":
                break
            fill_answer(page, procedure.tree, node(page), example.answers[node(page)])
            continue_(page)
        assert state(page) == "outcome"
        if found := page.evaluate("() => window.__cspViolations"):
            violations[procedure.slug + " walk"] = found
    assert not violations, violations
    record_property("checks", len(pages) + len(REAL))
