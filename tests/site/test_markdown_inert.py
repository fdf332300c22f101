"""The renderer alone keeps a text inside its place on the page, whatever the text holds (defence in depth:
the checker refuses these constructs first), and renders in linear time."""

from __future__ import annotations

import time

import pytest

from wizard.markdown_render import render_markdown

STRUCTURE = [
    "# Pay here\n\nText",
    "###### Small",
    "#hashtag at the start of a line",
    "Title\n=====",
    "Title\n-----",
    "Title\n-",
    "Above\n\n---\n\nBelow",
    "* * *",
    "Some text\n\n[r]: https://example.org/",
    "<h1>raw</h1>",
    "<div>\n<h2>raw block</h2>\n</div>",
]


@pytest.mark.reliability("injection")
@pytest.mark.parametrize("source", STRUCTURE)
def test_no_heading_rule_or_hidden_line(source: str) -> None:
    html = render_markdown(source)
    for tag in ("<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<hr", "<div"):
        assert tag not in html, html
    # Every word of the source is still shown: nothing is swallowed as a reference definition.
    for word in ("Pay", "Small", "hashtag", "Title", "Below", "https://example.org/", "raw"):
        if word in source:
            assert word in html


def test_headings_are_paragraph_text() -> None:
    assert render_markdown("# Pay here") == "<p># Pay here</p>"
    assert render_markdown("Title\n=====") == "<p>Title\n=====</p>"


def test_tables_and_fences_stay_text() -> None:
    html = render_markdown("| a | b |\n| - | - |\n| 1 | 2 |")
    assert "<table" not in html and "| a | b |" in html
    assert "<pre" not in render_markdown("```\ncode\n```\n\nafter")


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("See [the rules](https://12315.cn/) now", '<p>See <a href="https://12315.cn/">the rules</a> now</p>'),
        ("[a](https://x.org/wiki/A_(b))", '<p><a href="https://x.org/wiki/A_(b)">a</a></p>'),
        ("[open [bracket] and [a](https://x.org/)", '<p>[open [bracket] and <a href="https://x.org/">a</a></p>'),
        ("`[not a link](x)` and `[`", "<p><code>[not a link](x)</code> and <code>[</code></p>"),
        ("\\[escaped](x) and \\\\[y](https://x.org/)",
         '<p>[escaped](x) and \\<a href="https://x.org/">y</a></p>'),
        ("![alt](https://x.org/a.png)", "<p><span>alt</span></p>"),
        ("a \ufdd0 b [", "<p>a \ufffd b [</p>"),
    ],
)
def test_brackets_render_as_before(source: str, html: str) -> None:
    assert render_markdown(source) == html


def _seconds(text: str) -> float:
    begin = time.perf_counter()
    render_markdown(text)
    return time.perf_counter() - begin


BRACKET_HEAVY = {
    "open brackets": "[",
    "words and brackets": "a [b ",
    "images": "![",
    "unclosed links": "[a](",
    "escaped brackets": "\\\\[",
    "quoted addresses": '[a](x"y) ',
    "nested": "[[a](b)",
}


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("unit", BRACKET_HEAVY.values(), ids=BRACKET_HEAVY.keys())
def test_bracket_heavy_text_does_not_hang(unit: str) -> None:
    # 19 KB of "[" took over 30 s before (quadratic); a generous bound against an ordinary text of the size.
    size = 19_000
    hostile = unit * (size // len(unit))
    ordinary = "word " * (size // 5)
    assert _seconds(hostile) < 10 * _seconds(ordinary) + 2
