"""Languages are declared once, by their vocabularies (wizard/core/languages/<code>.toml); the rest must agree.

The site's editions (mkdocs.yml and each edition's config), the translations every tree must have
(content.toml), the hand-written pages (docs/<code>/) and the code itself are checked against that one
declaration, so that a language is added by data and configuration only.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from wizard.core import vocabulary

REPO = Path(__file__).resolve().parents[1]


class _ConfigLoader(yaml.SafeLoader):
    """Reads MkDocs configs, whose `!ENV` and `!!python/name` tags are MkDocs' own."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _config(name: str) -> dict[str, Any]:
    data = yaml.load((REPO / name).read_text(encoding="utf-8"), Loader=_ConfigLoader)
    assert isinstance(data, dict)
    return data


def _wizard_plugin(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and "wizard" in entry:
            return dict(entry["wizard"] or {})
    return {}


def test_the_site_has_one_edition_per_declared_language() -> None:
    main = _config("mkdocs.yml")
    editions = _wizard_plugin(main).get("editions", {})
    assert set(editions) == set(vocabulary.translations())
    assert _wizard_plugin(main).get("language", vocabulary.SOURCE_LANGUAGE) == vocabulary.SOURCE_LANGUAGE
    for code, file_name in editions.items():
        edition = _config(file_name)
        assert edition["theme"]["language"] == code, file_name
        assert _wizard_plugin(edition)["language"] == code, file_name
        assert edition["docs_dir"] == f"docs/{code}", file_name


def test_every_declared_language_is_required_of_every_tree_and_has_its_pages() -> None:
    content = tomllib.loads((REPO / "content.toml").read_text(encoding="utf-8"))
    assert content["languages"]["required"] == list(vocabulary.translations())
    english_pages = sorted(path.name for path in (REPO / "docs").glob("*.md"))
    for code in vocabulary.translations():
        assert sorted(path.name for path in (REPO / "docs" / code).glob("*.md")) == english_pages, code
        for tree in (REPO / "trees").glob("*.yaml"):
            if tree.name.count(".") == 1:
                assert tree.with_name(f"{tree.stem}.{code}.yaml").is_file(), (tree.name, code)


def test_no_code_names_a_language_but_the_source() -> None:
    # A language's code in the code (`if language == "zh"`) is a second declaration that the data cannot see.
    found = []
    codes = "|".join(re.escape(code) for code in vocabulary.translations())
    pattern = re.compile(rf"""["']({codes})["']""")
    for path in sorted((REPO / "wizard").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert found == []


def test_the_names_of_the_languages_come_from_their_vocabularies() -> None:
    assert vocabulary.name_of("zh") == "简体中文"
    assert vocabulary.english_name_of("zh") == "Chinese"
    assert vocabulary.name_of("xx") == "xx"  # an undeclared code is shown as it is
