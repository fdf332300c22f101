"""The flowchart source: every node and edge, safe labels, no ids shown, outcomes styled by tone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from site_helpers import compiled_tree

from wizard.site.mermaid import (
    EDGE_LINE,
    EDGE_LINES,
    NODE_LINE,
    NODE_LINES,
    TONE_STYLES,
    flowchart,
    label_lines,
    mermaid_text,
)

LABEL = re.compile(r'"([^"]*)"')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Say "hi"', "Say #quot;hi#quot;"),
        ("<b>bold</b> & co", "#lt;b#gt;bold#lt;/b#gt; #amp; co"),
        ("#1 `code`", "#35;1 #96;code#96;"),
        ("[a] {b} (c) | d; e", "[a] {b} (c) | d; e"),
        ("two\nlines\r\n  and\ttabs", "two lines and tabs"),
        ("ﬂ°¶ß", "#64258;°#182;ß"),
        ("中文 ok", "中文 ok"),
    ],
)
def test_mermaid_text_escapes_what_mermaid_would_read(text: str, expected: str) -> None:
    assert mermaid_text(text) == expected


def _statements(source: str) -> list[str]:
    """The statements after the header, without the accessible title and description."""
    return [line.strip() for line in source.splitlines()[2:] if not line.strip().startswith("acc")]


def test_every_node_appears_once_with_its_shape(tree: dict[str, Any]) -> None:
    source = flowchart(tree)
    assert source.splitlines()[1] == "flowchart TD"
    shapes = [s for s in _statements(source) if re.match(r"^n\d+[\[{(]", s)]
    assert len(shapes) == len(tree["nodes"])
    kinds = {"[": 0, "{{": 0, "([": 0}
    for statement in shapes:
        body = statement.split(maxsplit=1)[0].lstrip("n0123456789")
        kinds["([" if body.startswith("([") else "{{" if body.startswith("{{") else "["] += 1
    assert kinds == {"[": 4, "{{": 1, "([": 4}
    # The start is the first node and is marked.
    assert shapes[0].startswith('n0["What kind of<br>penalty')
    assert "class n0 start" in source


def test_every_edge_appears(tree: dict[str, Any]) -> None:
    edges = [s for s in _statements(flowchart(tree)) if "-->" in s]
    expected = 3 + 1 + 1 + 2 + 3  # choice, number, date, yesno, route with else
    assert len(edges) == expected
    assert sum(1 for e in edges if '|"Otherwise"|' in e) == 1


def test_node_ids_are_never_shown(tree: dict[str, Any]) -> None:
    source = flowchart(tree)
    outside_labels = LABEL.sub('""', source)
    for node_id in tree["nodes"]:
        assert not re.search(rf"\b{node_id}\b", outside_labels)
    for statement in _statements(outside_labels):
        if "-->" in statement:
            first, *_, last = statement.split()
            assert re.fullmatch(r"n\d+", first) and re.fullmatch(r"n\d+", last)


def test_a_node_called_end_does_not_break_the_chart(tree: dict[str, Any]) -> None:
    tree["nodes"]["end"] = tree["nodes"].pop("too_late")
    for node in tree["nodes"].values():
        for way in [*node.get("options", []), *node.get("branches", []), node.get("else") or {}]:
            if way.get("next") == "too_late":
                way["next"] = "end"
    source = flowchart(tree)
    assert not re.search(r"\bend\b", source)


@pytest.mark.parametrize(
    ("text", "width", "most", "lines"),
    [
        ("By calling the 12315 hotline", 16, 2, ["By calling the", "12315 hotline"]),
        ("Short", 16, 2, ["Short"]),
        ("", 16, 2, [""]),
        ("one two three four five six seven", 9, 2, ["one two", "three…"]),
        ("a  spaced\n\tline", 40, 2, ["a spaced line"]),
    ],
)
def test_label_lines(text: str, width: int, most: int, lines: list[str]) -> None:
    assert label_lines(text, width, most) == lines


def test_labels_are_short_lines_and_quoted(tree: dict[str, Any]) -> None:
    tree["nodes"]["amount"]["question"] = "How much " + "really " * 30 + "was it?"
    source = flowchart(tree)
    for statement in _statements(source):
        if statement.startswith(("classDef", "class ")):
            continue
        for label in LABEL.findall(statement):
            width, most = (EDGE_LINE, EDGE_LINES) if "-->" in statement else (NODE_LINE, NODE_LINES)
            lines = label.split("<br>")
            assert len(lines) <= most, label
            for line in lines:
                assert len(re.sub(r"#\w+;", "x", line)) <= width, label
                assert "<" not in line and ">" not in line and "\n" not in line
    assert '"How much really<br>really really<br>' in source and "…" in source


def test_similar_options_stay_apart_on_the_chart(tree: dict[str, Any]) -> None:
    options = tree["nodes"]["penalty_kind"]["options"]
    options[0]["label"], options[2]["label"] = "By calling the 12315 hotline", "By calling the 12345 hotline"
    edges = [s for s in _statements(flowchart(tree)) if s.startswith("n0 -->")]
    assert '|"By calling the<br>12315 hotline"|' in edges[0] and '|"By calling the<br>12345 hotline"|' in edges[2]


def test_the_chart_has_an_accessible_name(tree: dict[str, Any]) -> None:
    tree["title"] = "Can I still\nappeal?"
    lines = flowchart(tree).splitlines()
    assert lines[2] == "  accTitle: Flowchart of Can I still appeal?"
    assert lines[3].startswith("  accDescr: ") and "All answers" in lines[3]


def test_hostile_label_stays_inside_its_quotes(tree: dict[str, Any]) -> None:
    source = flowchart(tree)
    (edge,) = [s for s in _statements(source) if s.startswith("n0 -->") and "Say" in s]
    assert edge.count('"') == 2
    assert "#quot;hi#quot;" in edge and "#lt;script" in edge
    assert re.sub("<br>", "", edge).count("<") == 0


def test_outcomes_are_styled_by_tone(tree: dict[str, Any]) -> None:
    source = flowchart(tree)
    for tone in TONE_STYLES:
        assert f"classDef tone_{tone} " in source
    styled = dict(re.findall(r"class (n\d+) (tone_\w+)", source))
    assert sorted(styled.values()) == ["tone_info", "tone_maybe", "tone_no", "tone_yes"]


def test_layout_keeps_text_readable_on_phones(tree: dict[str, Any]) -> None:
    first = flowchart(tree).splitlines()[0]
    assert first.startswith("%%{init: ") and '"useMaxWidth": false' in first


# Every way a text could try to become Mermaid syntax (directives, comments, click and style lines, classes,
# markdown strings, quotes, entity codes, line breaks, keywords) and the invisible characters around them.
MERMAID_PAYLOADS = [
    '%%{init: {"theme": "forest", "themeVariables": {"primaryColor": "#ff0000"}}}%%',
    "%%{ init : { 'flowchart': { 'htmlLabels': false } } }%% x",
    "50%% off %%\nclick n0 call alert(1)\nstyle n0 fill:#f00",
    '"]\n  classDef evil fill:#f00\n  class n0 evil\n  n9["x',
    'a"]:::evil\nend\nsubgraph x',
    "`**bold** markdown string`",
    "#lt;script#gt; #quot; #35; #9; ﬂ°°35¶ß",
    "line\rbreak\u2028and\u2029more\x1b[2J\u202eright\u200bto left",
    "end",
]


def _hostile_tree(tree: dict[str, Any], payload: str) -> dict[str, Any]:
    """Every text the chart shows set to the payload (numbered so that labels differ)."""
    tree["title"] = payload
    for number, node in enumerate(tree["nodes"].values()):
        for key in ("question", "verdict", "title"):
            if key in node:
                node[key] = f"{number} {payload}"
        for option in node.get("options", []):
            option["label"] = payload
        for branch in node.get("branches", []):
            branch["because"] = payload
    return tree


STATEMENT = re.compile(
    r'n\d+(?:\["[^"\n]*"\]|\(\["[^"\n]*"\]\)|\{\{"[^"\n]*"\}\})'  # a node and its quoted label
    r'|n\d+ -->(?:\|"[^"\n]*"\|)? n\d+'  # an edge, with or without a quoted label
    r"|classDef (?:tone_(?:yes|no|maybe|info)|start) [a-z0-9:#,\-]+|class n\d+ (?:tone_(?:yes|no|maybe|info)|start)"
)


@pytest.mark.reliability("injection")
@pytest.mark.parametrize("payload", MERMAID_PAYLOADS)
def test_tree_text_is_only_ever_a_label(tree: dict[str, Any], payload: str) -> None:
    source = flowchart(_hostile_tree(tree, payload))
    lines = source.splitlines()
    # The project's settings are the first line and the only directive; no text adds a line of its own.
    assert lines[0].startswith("%%{init: ") and source.count("%%") == 2
    assert lines[1] == "flowchart TD"
    assert lines[2].startswith("  accTitle: ") and lines[3].startswith("  accDescr: ")
    for statement in _statements(source):
        assert STATEMENT.fullmatch(statement), statement
    assert sum(1 for s in _statements(source) if re.match(r"n\d+[\[({]", s)) == len(tree["nodes"])
    for label in LABEL.findall("\n".join(_statements(source))):
        assert not set(label.replace("<br>", "")) & set("%`\"<>\n\r\u2028\u2029\x1b\u202e\u200b"), label


def test_accessible_title_cannot_form_a_directive() -> None:
    tree = _hostile_tree(compiled_tree(), MERMAID_PAYLOADS[0])
    title_line = flowchart(tree).splitlines()[2]
    assert "%" not in title_line and "％％{init" in title_line


# Mermaid (12) drops the last ";" of a line that matches one of these before it decodes entity codes.
MERMAID_STYLE_REWRITE = re.compile(r"style.*:\S*#.*;|classDef.*:\S*#.*;")


@pytest.mark.reliability("injection")
def test_label_text_is_not_rewritten_as_a_style_line(tree: dict[str, Any]) -> None:
    source = flowchart(_hostile_tree(tree, "style n0 fill:#ff00aa; classDef x color:#f00;"))
    labels = [s for s in _statements(source) if not s.startswith(("classDef ", "class "))]
    assert labels and not [label for label in labels if MERMAID_STYLE_REWRITE.search(label)]
    assert "fill#58;#35;ff00aa;" in source
