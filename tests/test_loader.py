"""The strict loader: values typed by the schema, positions, defaults and every field-level message."""

from __future__ import annotations

import typing
from pathlib import Path

from wizard import loader, schema
from wizard.loader import LoadedTree, describe, load_tree

MINIMAL = """title: Minimal
summary: The smallest valid tree.
audience: sellers
reviewed: 2026-11-01
sources:
  rules:
    title: Rules
start: ask
nodes:
  ask:
    type: yesno
    question: Is it so?
    options:
      yes: done
      no:
        label: "no"
        next: done
  done:
    type: outcome
    verdict: "no"
    explanation: |
      Line one.
    basis: [rules]
"""


def _load(tmp_path: Path, text: str, name: str = "tree.yaml") -> LoadedTree:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_tree(path, name)


def test_yaml_booleans_stay_text_where_text_is_expected(tmp_path: Path) -> None:
    loaded = _load(tmp_path, MINIMAL)
    assert loaded.diagnostics == []
    assert loaded.data is not None
    assert loaded.data["nodes"]["ask"]["options"]["no"]["label"] == "no"
    assert loaded.data["nodes"]["done"]["verdict"] == "no"
    assert loaded.data["reviewed"] == "2026-11-01"


def test_shorthand_and_defaults_are_filled(tmp_path: Path) -> None:
    loaded = _load(tmp_path, MINIMAL)
    assert loaded.data is not None
    assert loaded.data["nodes"]["ask"]["options"]["yes"] == {"label": None, "next": "done", "because": None,
                                                                  "basis": []}
    done = loaded.data["nodes"]["done"]
    assert done["tone"] == "info"
    assert done["next_steps"] == []
    assert done["explanation"] == "Line one."
    assert loaded.data["sources"]["rules"]["kind"] == "law"
    assert loaded.data["examples"] == []


def test_positions_point_at_values_and_keys(tmp_path: Path) -> None:
    loaded = _load(tmp_path, MINIMAL)
    assert loaded.position(("nodes", "ask", "options", "yes", "next")) == (14, 12)
    assert loaded.position(("nodes", "done"), key=True) == (18, 3)
    assert loaded.position(("nodes", "done", "nothing", "here")) == (19, 5)


def _messages(tmp_path: Path, text: str) -> list[str]:
    loaded = _load(tmp_path, text)
    return [d.format() for d in loaded.diagnostics]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = MINIMAL.replace("audience: sellers", "audience: seller").replace("reviewed: 2026-11-01", "reviewed: soon")
    text = text.replace("    question: Is it so?", "    question: Is it so?\n    hlep: x")
    assert _messages(tmp_path, text) == [
        "tree.yaml:3:11: error: `seller` is not allowed for `audience`. Did you mean `sellers`? "
        "Use one of: consumers, sellers.",
        "tree.yaml:4:11: error: `reviewed` must be a date, not `soon`. Write it as YYYY-MM-DD, like 2026-11-22.",
        "tree.yaml:13:5: error: unknown key `hlep` in node `ask`. Did you mean `help`? "
        "Allowed keys: type, question, help, options.",
    ]


def test_bad_node_id_suggests_a_valid_one(tmp_path: Path) -> None:
    text = MINIMAL.replace("  done:", "  Done-Now:").replace("yes: done", "yes: Done-Now")
    messages = _messages(tmp_path, text)
    assert "tree.yaml:18:3: error: `Done-Now` cannot be used as a node id: use lower-case letters, digits and " \
           "underscores, starting with a letter. For example `done_now`." in messages


def test_reserved_word_cannot_be_an_id(tmp_path: Path) -> None:
    text = MINIMAL.replace("  done:", "  today:").replace(": done", ": today").replace("next: done", "next: today")
    assert any("`today` is a reserved word" in m for m in _messages(tmp_path, text))


def test_wrong_shapes(tmp_path: Path) -> None:
    text = MINIMAL.replace("basis: [rules]", "basis: rules")
    assert _messages(tmp_path, text) == [
        "tree.yaml:23:12: error: node `done`, `basis` must be a list, not the value `rules`. "
        "Write it as a list: one item per line starting with `- `, or [a, b] on one line."
    ]


def test_choice_option_needs_a_label(tmp_path: Path) -> None:
    text = MINIMAL.replace("type: yesno", "type: choice")
    assert "tree.yaml:14:12: error: node `ask`, option `yes` needs `label`, so it cannot be written as a " \
           "single value. Write it as a mapping with `label`." in _messages(tmp_path, text)


def test_unknown_node_type(tmp_path: Path) -> None:
    text = MINIMAL.replace("type: yesno", "type: yes_no")
    assert _messages(tmp_path, text) == [
        "tree.yaml:11:11: error: `yes_no` is not a type of node `ask`. Did you mean `yesno`? "
        "Use one of: choice, yesno, checkbox, number, date, route, outcome."
    ]


def test_bad_file_name(tmp_path: Path) -> None:
    loaded = _load(tmp_path, MINIMAL, name="My Tree.yaml")
    assert [d.message for d in loaded.diagnostics] == ["the file name `My Tree` cannot be a page address."]


def test_links_must_be_https(tmp_path: Path) -> None:
    text = MINIMAL.replace("    title: Rules", "    title: Rules\n    link: javascript:alert(1)")
    assert _messages(tmp_path, text) == [
        "tree.yaml:8:11: error: source `rules`, `link` must be a web address starting with https://, "
        "not `javascript:alert(1)`."
    ]


def test_describe_paths() -> None:
    assert describe(("nodes", "a", "options", "yes", "next")) == "node `a`, option `yes`, `next`"
    assert describe(("examples", 0, "answers")) == "example 1, `answers`"
    assert describe(()) == "the file"


def test_every_kind_of_value_has_a_reader() -> None:
    # The loader reads each value through a table made once per kind of value (not a chain of tests at every
    # value): a kind added to the schema without its reader would fail here, not on an editor's file.
    kinds = set(typing.get_args(schema.Kind))
    assert set(loader._READERS) == kinds
    scalars = {kind for kind, reader in loader._READERS.items() if reader is loader._Walker.scalar}
    assert scalars == set(loader._SCALAR_READERS)
    assert not scalars & {schema.Obj, schema.Tagged, schema.Shorthand, schema.ListOf, schema.MapOf}


def test_defaults_follow_the_spec_and_are_never_shared() -> None:
    spec = schema.ObjectSpec("probe", "An object made for this test.", (
        schema.Field("items", schema.ListOf(schema.Text()), default=[]),
        schema.Field("word", schema.Text(), default="plain"),
        schema.Field("table", schema.MapOf(schema.Text()), default={}),
        schema.Field("needed", schema.Text(), required=True),
    ))
    first, second = spec.defaults(), spec.defaults()
    assert first == {"items": [], "word": "plain", "table": {}, "needed": None}
    assert list(first) == ["items", "word", "table", "needed"]
    first["items"].append("x")
    first["table"]["k"] = "v"
    assert second == {"items": [], "word": "plain", "table": {}, "needed": None}
    assert spec.defaults()["items"] == []
    assert [f.name for f in spec.required_fields] == ["needed"]


def test_an_id_refused_where_it_is_defined_stays_refused_after_a_reference(tmp_path: Path) -> None:
    # `date` may be named where an id only refers to something (an example's answer), never defined: the ids the
    # loader remembers as fine must not carry the first verdict over to the second place.
    text = MINIMAL.replace("start: ask", "start: date").replace("  ask:", "  date:")
    messages = _messages(tmp_path, text)
    assert [m for m in messages if "reserved word" in m] == [
        "tree.yaml:10:3: error: `date` is a reserved word of the formula language and cannot be used as a node "
        "id. Pick another name, like `date_answer`."]
