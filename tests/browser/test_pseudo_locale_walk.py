"""The pseudo-locale edition in a real browser: every view the wizard's script draws shows only its words.

A site is built with the pseudo-locale as its second edition (tests/pseudo_locale.py: a vocabulary file and
translation files, nothing else), and every example of every tree is walked in it. The script draws the
views with the words the page carries and the engine (on Pyodide, from the wheel with the pseudo vocabulary)
gives; any text in the wizard with plain English letters did not come from the vocabulary or a translation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page
from pseudo_locale import CODE, make_project, pseudo, unmarked, write_vocabulary

from wizard.browser.answer_fields import fill_answer
from wizard.core import vocabulary
from wizard.serve import serve_in_thread

from .conftest import FIXTURE_MKDOCS_YML, build_site, point_sitemap_at
from .wizard_driver import (
    REPO,
    ROOT,
    Procedure,
    continue_,
    error_message,
    load_procedures,
    node,
    open_wizard,
    state,
    use_today,
)

EDITION_YML = f"""\
INHERIT: mkdocs.yml
docs_dir: docs/{CODE}
exclude_docs: ""
plugins:
  - wizard:
      language: {CODE}
      shared_assets: ../
"""
MAIN_YML = FIXTURE_MKDOCS_YML.replace("plugins:\n  - wizard\n", f"""\
exclude_docs: {CODE}/
plugins:
  - wizard:
      editions:
        {CODE}: mkdocs.{CODE}.yml
""")


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[Procedure]]]:
    """The project's trees built into a site whose second edition is the pseudo-locale; its URL and trees."""
    folder = tmp_path_factory.mktemp("pseudo-site")
    with pytest.MonkeyPatch.context() as patch:
        write_vocabulary(folder / "languages")
        patch.setenv(vocabulary.EXTRA_FOLDERS_VARIABLE, str(folder / "languages"))
        project = folder / "project"
        make_project(REPO, project)
        (project / "docs" / CODE).mkdir(parents=True)
        (project / "docs" / "index.md").write_text("# Home\n\nProcedures.\n", encoding="utf-8")
        (project / "docs" / CODE / "index.md").write_text(f"# {pseudo('Home')}\n", encoding="utf-8")
        (project / "mkdocs.yml").write_text(MAIN_YML, encoding="utf-8")
        (project / f"mkdocs.{CODE}.yml").write_text(EDITION_YML, encoding="utf-8")
        (project / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
        site = build_site(project, project / "site")
        procedures = load_procedures(project / "trees", CODE)
    server, url = serve_in_thread(site, "127.0.0.1")
    point_sitemap_at(site, url)
    try:
        yield url, procedures
    finally:
        server.shutdown()
        server.server_close()


def _shown(page: Page) -> list[str]:
    """Every text of the wizard a reader sees or hears: its text, and the labels and titles read aloud."""
    texts: list[str] = page.eval_on_selector(ROOT, """(root) => {
        const found = root.innerText.split("\\n");
        for (const element of root.querySelectorAll("[aria-label], [title], [placeholder]")) {
          for (const name of ["aria-label", "title", "placeholder"]) found.push(element.getAttribute(name) || "");
        }
        return found.map((text) => text.trim()).filter(Boolean);
    }""")
    return texts


def test_every_view_of_every_example_shows_only_pseudo_locale_words(
        page: Page, pseudo_site: tuple[str, list[Procedure]], record_property: Callable[[str, object], None]) -> None:
    url, procedures = pseudo_site
    found: dict[str, list[str]] = {}
    views = 0
    for procedure in procedures:
        for example in procedure.examples:
            use_today(page, example.today)
            open_wizard(page, f"{url}{CODE}/procedures/{procedure.slug}/")
            for _ in range(len(procedure.tree["nodes"]) + 1):
                views += 1
                wrong = unmarked(_shown(page))
                if wrong:
                    found[f"{procedure.slug}: {example.name}: {state(page)} {node(page)}"] = wrong
                if state(page) != "question":
                    break
                current = node(page)
                fill_answer(page, procedure.tree, current, example.answers[current])
                continue_(page)
                assert error_message(page) is None
            assert state(page) == "outcome" and node(page) == example.outcome
    record_property("checks", views)
    assert views > 20
    assert found == {}


def test_a_refused_answer_shows_the_engines_pseudo_locale_message_and_english_would_fail(page: Page,
                                                                  pseudo_site: tuple[str, list[Procedure]]) -> None:
    url, procedures = pseudo_site
    procedure = next(p for p in procedures if any(n["type"] in ("choice", "yesno") for n in p.tree["nodes"].values()))
    open_wizard(page, f"{url}{CODE}/procedures/{procedure.slug}/")
    continue_(page)  # nothing chosen
    problem = error_message(page)
    assert problem is not None and unmarked([problem]) == []
    first = procedure.tree["nodes"][procedure.tree["start"]]["type"]
    assert pseudo(vocabulary.word("en", "select_option" if first == "choice" else "select_yes_no")) in problem
    # The same view in the English edition is caught: the check can fail.
    open_wizard(page, f"{url}procedures/{procedure.slug}/")
    continue_(page)
    assert "There is a problem" in unmarked(_shown(page))
