"""The JSON Schema for editors agrees with the loader: it accepts every good tree and rejects field-level mistakes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from wizard.editor_schema import (
    SCHEMA_PATH,
    TRANSLATION_SCHEMA_PATH,
    schema_text,
    translation_schema,
    translation_schema_text,
    tree_schema,
)

REPO = Path(__file__).resolve().parents[1]
BAD = REPO / "tests" / "corpus" / "bad"
# Trees only: a translation file (`<slug>.zh.yaml`) holds texts, not a tree, and is checked against its tree.
TREES = sorted(path for path in (REPO / "trees").glob("*.yaml") if "." not in path.stem)
GOOD = [*TREES, REPO / "tests" / "fixtures" / "trees" / "kitchen-sink.yaml"]
# The bad trees whose mistake sits in one field: the schema can see these. Graph mistakes (loops, missing
# nodes, unreachable nodes, conditions, sources) need the whole tree and are the checker's alone.
FIELD_LEVEL = ["bad-enum", "empty", "impossible-date", "list-root", "missing-question", "unknown-key", "yesno-keys"]

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def _yaml_1_2(node: yaml.Node | None) -> Any:
    """Data as editors' YAML 1.2 tools see it: `no` and `2026-11-22` are text, unlike PyYAML's YAML 1.1."""
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        return {_yaml_1_2(k): _yaml_1_2(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_yaml_1_2(item) for item in node.value]
    text = node.value
    if isinstance(node, yaml.ScalarNode) and node.style is not None:  # quoted or block text
        return text
    if text in ("true", "false"):
        return text == "true"
    if text in ("", "~", "null"):
        return None
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def _errors(path: Path) -> list[str]:
    data = _yaml_1_2(yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader))
    validator = jsonschema.Draft202012Validator(tree_schema(), format_checker=jsonschema.FormatChecker())
    return [error.message for error in validator.iter_errors(data)]


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(tree_schema())


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_every_good_tree_validates(path: Path) -> None:
    assert _errors(path) == []


@pytest.mark.parametrize("name", FIELD_LEVEL)
def test_the_schema_rejects_what_the_loader_rejects(name: str) -> None:
    assert _errors(BAD / f"{name}.yaml"), f"the schema accepts {name}.yaml, which the loader rejects"


def test_the_kept_copy_is_up_to_date() -> None:
    assert (REPO / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text(), "run `wizard schema > " \
        f"{SCHEMA_PATH}`"
    done = subprocess.run([sys.executable, "-m", "wizard", "schema", "--check", SCHEMA_PATH], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_every_tree_points_its_editor_at_the_schema() -> None:
    assert TREES
    for path in TREES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../docs/schema/tree.schema.json", path.name


def test_the_schema_documents_every_key() -> None:
    # Editors see these descriptions on hover: a key without one is a gap in the help.
    schema = json.loads(schema_text())
    for name, definition in schema["$defs"].items():
        for key, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{key} has no description"


# Translation files ----------------------------------------------------------------------------------------------

TRANSLATIONS = [*sorted((REPO / "trees").glob("*.zh.yaml")),
                REPO / "tests" / "fixtures" / "trees" / "kitchen-sink.zh.yaml"]


def _translation_errors(text: str) -> list[str]:
    data = _yaml_1_2(yaml.compose(text, Loader=yaml.SafeLoader))
    validator = jsonschema.Draft202012Validator(translation_schema())
    return [error.message for error in validator.iter_errors(data)]


def test_the_translation_schema_is_valid_and_its_kept_copy_current() -> None:
    jsonschema.Draft202012Validator.check_schema(translation_schema())
    assert (REPO / TRANSLATION_SCHEMA_PATH).read_text(encoding="utf-8") == translation_schema_text()
    done = subprocess.run([sys.executable, "-m", "wizard", "schema", "--translation", "--check",
                           TRANSLATION_SCHEMA_PATH], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.stem)
def test_every_translation_validates_and_points_at_the_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _translation_errors(text) == []
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=") and \
        text.splitlines()[0].endswith("docs/schema/translation.schema.json")


@pytest.mark.parametrize(("old", "new"), [
    ("    unit:\n", "    next: received\n    unit:\n"),  # structure belongs to the tree file
    ("      zh: 元\n", "      zhh: 元\n"),  # a misspelt part of a text
    ("      en: yuan\n", ""),  # a text that does not say which English it translates
])
def test_the_translation_schema_rejects_what_the_loader_rejects(old: str, new: str) -> None:
    text = TRANSLATIONS[-1].read_text(encoding="utf-8")
    assert old in text
    assert _translation_errors(text.replace(old, new, 1))
