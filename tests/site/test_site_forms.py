"""No page of the built site can send a reader's answers anywhere: not a form, not without JavaScript."""

from __future__ import annotations

from site_helpers import BuiltSite, Element, parse_html

from wizard.site import policy

THEME_FORMS = {"md-search__form", "md-header__option"}


def _inside(element: Element, tag: str) -> bool:
    parent = element.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def _pages(site: BuiltSite) -> list[tuple[str, Element]]:
    return [(path.relative_to(site.site).as_posix(), parse_html(path.read_text(encoding="utf-8")))
            for path in sorted(site.site.rglob("*.html"))]


def test_no_form_on_any_page_can_send_anything(built_site: BuiltSite) -> None:
    pages = _pages(built_site)
    assert len(pages) > 3
    wizard_forms = 0
    for name, page in pages:
        for form in page.iter("form"):
            if form.classes() & THEME_FORMS:
                # The theme's search and colour switch run in the page; their forms have nowhere to go.
                assert "action" not in form.attrs and "method" not in form.attrs, name
                continue
            # The wizard's first question: inert in a template until the wizard's script puts it on the page,
            # and with no address of its own to send to.
            assert "rc-question" in form.classes() and _inside(form, "template"), f"{name}: {form.attrs}"
            assert "action" not in form.attrs and "method" not in form.attrs, name
            wizard_forms += 1
        # And what the real site's pages say they allow: no form may send anything, whatever a script does.
        # (The tiny project has no theme overrides, so no policy tag.)
        policies = [m.attrs["content"] for m in page.iter("meta")
                    if m.attrs.get("http-equiv") == "Content-Security-Policy"]
        assert policies == ([policy.meta_policy()] if built_site.name == "repo" else []), name
    assert wizard_forms >= 1


def test_the_first_question_of_every_procedure_is_answered_by_links_on_its_page(built_site: BuiltSite) -> None:
    procedures = [(name, page) for name, page in _pages(built_site) if page.by_id("wizard") is not None]
    assert procedures
    for name, page in procedures:
        ids = {e.attrs["id"] for e in page.iter() if "id" in e.attrs and not _inside(e, "template")}
        for links in page.find_all("div", "rc-question--links"):
            targets = [a.attrs["href"] for a in links.iter("a")]
            assert targets, name
            assert all(t.startswith("#") and t[1:] in ids for t in targets), f"{name}: {targets}"


def test_the_policy_forbids_sending_forms() -> None:
    assert "form-action 'none'" in policy.meta_policy() and "form-action 'none'" in policy.header_policy()
