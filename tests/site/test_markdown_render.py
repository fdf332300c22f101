"""The safe Markdown renderer: tree text can never inject HTML, scripts or requests to other hosts."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from wizard.markdown_render import add_html, is_safe_url, render_markdown


def test_markdown_is_rendered() -> None:
    assert render_markdown("Under *Integrity* **now**") == "<p>Under <em>Integrity</em> <strong>now</strong></p>"


def test_raw_html_is_shown_as_text() -> None:
    html = render_markdown('Hi <script>alert(1)</script> <b onclick="x">b</b>\n\n<div>\nblock\n</div>')
    assert "<script" not in html and "<b" not in html and "<div" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;div&gt;" in html


@pytest.mark.parametrize(
    "source",
    [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox)",
    ],
)
def test_dangerous_links_become_text(source: str) -> None:
    html = render_markdown(source)
    assert "<a" not in html
    assert "<span>x</span>" in html


def test_reference_links_stay_text() -> None:
    # Reference definitions are not read at all now (they hid their line): the dangerous target is plain text.
    html = render_markdown("[x][r]\n\n[r]: javascript:alert(1)")
    assert "<a" not in html
    assert html == "<p>[x][r]</p>\n<p>[r]: javascript:alert(1)</p>"


@pytest.mark.parametrize(
    ("source", "href"),
    [
        ("[x](https://12315.cn/)", "https://12315.cn/"),
        ("[x](http://example.org/a?b=1)", "http://example.org/a?b=1"),
        ("[x](../guides/withdraw/)", "../guides/withdraw/"),
        ("[x](#all-answers)", "#all-answers"),
        ("<https://example.org/>", "https://example.org/"),
    ],
)
def test_safe_links_are_kept(source: str, href: str) -> None:
    assert f'href="{href.replace("&", "&amp;")}"' in render_markdown(source)


def test_mail_links_are_kept() -> None:
    html = render_markdown("<help@example.org>")
    assert "<a href=" in html  # Markdown obfuscates the address with entities; it is still a mailto link


def test_images_become_their_description() -> None:
    html = render_markdown("See ![the complaint form](https://tracker.example/pixel.png)")
    assert "<img" not in html and "tracker.example" not in html
    assert "the complaint form" in html


def test_is_safe_url() -> None:
    assert is_safe_url("https://a.b/") and is_safe_url("mailto:x@y.z") and is_safe_url("page/") and is_safe_url("")
    assert not is_safe_url(" javascript:x") and not is_safe_url("&#x6A;avascript:x") and not is_safe_url("file:///etc")


def test_add_html_adds_rendered_fields_beside_markdown_ones(tree: dict[str, Any]) -> None:
    result = add_html(tree)
    nodes = result["nodes"]
    assert "<em>Integrity management</em>" in nodes["penalty_kind"]["help_html"]
    assert "<span>bad</span>" in nodes["penalty_kind"]["help_html"]
    assert nodes["amount"]["help_html"] is None
    assert (
        nodes["appeal_now"]["explanation_html"] == "<p>Send your appeal <strong>before</strong> the window closes.</p>"
    )
    assert nodes["maybe_late"]["explanation_html"] == "<p>It depends on &lt;i&gt;when&lt;/i&gt; the store was told.</p>"
    steps = nodes["appeal_now"]["next_steps"]
    assert (
        steps[1]["text_html"] == '<p>Submit the appeal from the <a href="https://example.com/c">complaint page</a>.</p>'
    )
    assert "help_html" not in nodes["window"] and "explanation_html" not in nodes["amount"]
    assert nodes["appeal_now"]["deadlines"][0]["passed_html"] is None


def test_add_html_renders_what_to_do_once_a_deadline_passed(tree: dict[str, Any]) -> None:
    tree["nodes"]["appeal_now"]["deadlines"][0]["passed"] = "Appeal **anyway** <script>x</script>"
    (deadline,) = add_html(tree)["nodes"]["appeal_now"]["deadlines"]
    assert deadline["passed_html"] == "<p>Appeal <strong>anyway</strong> &lt;script&gt;x&lt;/script&gt;</p>"


def test_add_html_leaves_the_input_alone(tree: dict[str, Any]) -> None:
    before = copy.deepcopy(tree)
    add_html(tree)
    assert tree == before


def test_rendered_once_reuses_a_text_and_renders_a_changed_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside ``rendered_once`` a text goes through Python-Markdown once; another text, however close, is rendered
    for itself, and nothing is kept after the block."""
    from wizard import markdown_render

    calls: list[str] = []
    real = markdown_render._render

    def counted(text: str) -> str:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(markdown_render, "_render", counted)
    with markdown_render.rendered_once():
        first = render_markdown("See *this*")
        again = render_markdown("See *this*")
        changed = render_markdown("See **this**")
    assert first == again == "<p>See <em>this</em></p>"
    assert changed == "<p>See <strong>this</strong></p>"
    assert calls == ["See *this*", "See **this**"]
    assert render_markdown("See *this*") == first
    assert calls == ["See *this*", "See **this**", "See *this*"]  # outside the block: rendered again
