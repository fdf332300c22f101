"""No script from content: a site built from a tree full of injection attempts runs none of them.

Every payload in tests/fixtures/hostile/hostile.yaml sets ``window.__pwned`` or opens a dialog if it ever runs.
The page is read, its flowchart drawn, the wizard walked to the outcome and opened from hostile shared links,
first with the page's Content-Security-Policy bypassed (the escaping must hold on its own) and then under it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Dialog, Page

from .conftest import FIXTURE_MKDOCS_YML, REPO, _serve, build_site
from .wizard_driver import continue_, fill_answer, load_procedures, node, open_wizard, procedure_url, state, use_today

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
PROCEDURE = load_procedures(HOSTILE)[0]
PAYLOADS = len(re.findall(r"__pwned|alert\(", (HOSTILE / "hostile.yaml").read_text(encoding="utf-8")))
# Shared links a stranger could send: answers that are markup, and a fragment that is not ours at all.
FRAGMENTS = [
    "#a=" + quote("first=<img src=x onerror=\"window.__pwned='fragment'\">&second=yes"),
    "#a=" + quote("first=a&second=\"><script>window.__pwned='fragment2'</script>"),
    "#a=" + quote("__proto__=a&constructor=b&first=a"),
    "#<img src=x onerror=\"window.__pwned='hash'\">",
    "#a=%E0%A4%A",  # broken percent-encoding
]
# What the page may never contain, whatever the content: handlers, script URLs, frames and plug-ins.
DANGEROUS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      const value = (el.getAttribute(attr) || '').replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (attr.startsWith('on')) found.push(`${el.tagName} ${attr}`);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(attr)
          && (value.startsWith('javascript:') || value.startsWith('data:text/html') || value.startsWith('vbscript:')))
        found.push(`${el.tagName} ${attr}=${value.slice(0, 40)}`);
    }
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE'].includes(el.tagName)) found.push(el.tagName);
    if (el.tagName === 'SCRIPT' && !(el.src && new URL(el.src).origin === location.origin)
        && el.type !== 'application/json') found.push('inline script');
    if (el.tagName === 'META' && (el.httpEquiv || '').toLowerCase() === 'refresh') found.push('meta refresh');
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site (with the real theme overrides) whose only procedure is the hostile tree."""
    project = tmp_path_factory.mktemp("hostile-project")
    (project / "docs").mkdir()
    (project / "trees").mkdir()
    (project / "docs" / "index.md").write_text("# Hostile\n\nOne procedure.\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(FIXTURE_MKDOCS_YML, encoding="utf-8")
    shutil.copyfile(HOSTILE / "hostile.yaml", project / "trees" / "hostile.yaml")
    (project / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    yield from _serve(build_site(project, project / "site"))


@pytest.fixture(params=["policy bypassed", "under the policy"])
def context_options(request: pytest.FixtureRequest) -> dict[str, object]:
    """Once with the page's Content-Security-Policy switched off: escaping must not rely on it."""
    return {"bypass_csp": request.param == "policy bypassed"}


def _nothing_ran(page: Page, dialogs: list[str], where: str) -> None:
    # Give handlers that fire on load, error or a timer their chance first.
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None, f"{where}: {page.evaluate('() => window.__pwned')} ran"
    assert not dialogs, f"{where}: a dialog opened: {dialogs}"
    assert page.evaluate(DANGEROUS) == [], where


@pytest.mark.reliability("injection")
def test_no_payload_runs(page: Page, hostile_site_url: str, context_options: dict[str, object],
                         record_property: Callable[[str, object], None]) -> None:
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    use_today(page, "2026-11-22")
    url = procedure_url(hostile_site_url, PROCEDURE.slug)
    open_wizard(page, url)
    # The flowchart is drawn from the labels too, once it comes into view.
    page.locator("#flowchart").scroll_into_view_if_needed()
    page.wait_for_function("() => window.mermaid && typeof window.mermaid.run === 'function'", timeout=30_000)
    page.wait_for_load_state("networkidle")
    _nothing_ran(page, dialogs, "the page")
    assert "<script>window.__pwned='title'</script>" in page.inner_text("h1"), "the title is shown as text"
    example = PROCEDURE.examples[0]
    for _ in range(len(PROCEDURE.tree["nodes"])):
        if state(page) != "question":
            break
        fill_answer(page, PROCEDURE.tree, node(page), example.answers[node(page)])
        continue_(page)
        _nothing_ran(page, dialogs, f"after answering {node(page)}")
    assert state(page) == "outcome"
    page.hover(".rc-wizard")
    for fragment in FRAGMENTS:
        page.goto("about:blank")
        open_wizard(page, url + fragment)
        _nothing_ran(page, dialogs, f"the shared link {fragment}")
        assert state(page) in ("question", "outcome")
    record_property("checks", PAYLOADS + len(FRAGMENTS))
    if not context_options["bypass_csp"]:
        return  # under the policy, even planting a handler is a reported violation
    # The detector itself sees a planted handler and script link (so an empty list above means something).
    planted = page.evaluate("""() => {
      const b = document.createElement('b'); b.setAttribute('onclick', 'x'); document.body.append(b);
      const a = document.createElement('a'); a.href = ' JavaScript:x'; document.body.append(a);
      return true; }""")
    assert planted and page.evaluate(DANGEROUS) == ["B onclick", "A href=javascript:x"]
