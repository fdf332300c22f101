"""A project: the folder of ``content.toml``, its languages and its content rules, read once and passed down.

Every stage of compiling a tree (``wizard.pipeline``) needs some of it: the checker the English plain-language
rules and glossary, translation the required languages, their names and each one's rules. They get it from the
one ``Project`` made for a run (a command, a site build, a playground check), rather than look ``content.toml``
up again from each tree's path.

Without a ``content.toml`` above the trees, a project has no content rules (the plain-language check is off) and
requires no translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard import plain_language
from wizard.core import vocabulary
from wizard.core.vocabulary import SOURCE_LANGUAGE
from wizard.plain_language import PlainLanguageConfig

MAIN_LANGUAGE = SOURCE_LANGUAGE  # the language of the tree files themselves


@dataclass(frozen=True)
class Project:
    """What a run knows about the project: read once, then only passed down."""

    config_file: Path | None  # content.toml, or None when there is none
    settings: Mapping[str, Any] = field(default_factory=dict)  # its content
    language_names: Mapping[str, str] = field(default_factory=dict)  # code -> the language's own name
    styles: Mapping[str, PlainLanguageConfig] = field(default_factory=dict)  # language -> its content rules

    @classmethod
    def find(cls, start: Path) -> Project:
        """The project of a tree file or folder: the nearest ``content.toml`` in its folder or above it."""
        return projects_of([start])[0]

    @classmethod
    def read(cls, config_file: Path | None) -> Project:
        """The project whose settings are ``config_file`` (None: no content rules), with every declared
        language's rules and glossary read now."""
        # The languages' own names, from their vocabularies (the one declaration of the languages).
        names = {code: vocabulary.name_of(code) for code in vocabulary.languages()}
        if config_file is None:
            return cls(None, {}, names)
        settings = plain_language.read_config(config_file)
        declared = settings.get("languages", {})
        languages = dict.fromkeys([MAIN_LANGUAGE, *(str(code) for code in declared.get("required", [])),
                                   *(code for code, rules in declared.items() if isinstance(rules, Mapping))])
        styles = {language: plain_language.load_config(config_file, language) for language in languages}
        return cls(config_file, settings, names, styles)

    @property
    def root(self) -> Path | None:
        """The project's root folder (where ``content.toml`` is), or None."""
        return self.config_file.parent if self.config_file is not None else None

    @property
    def required_languages(self) -> list[str]:
        """The languages every tree must be translated into: ``[languages] required``."""
        return [str(code) for code in self.settings.get("languages", {}).get("required", [])]

    def style(self, language: str = MAIN_LANGUAGE) -> PlainLanguageConfig | None:
        """The plain-language rules of ``language`` (None: not checked, as without ``content.toml``)."""
        return self.styles.get(language)

    def language_name(self, language: str) -> str:
        """A language's own name for messages (简体中文), or its code when it has none."""
        return self.language_names.get(language, language)


def projects_of(paths: Iterable[Path]) -> list[Project]:
    """The project of each tree file or folder, read once for all the paths under the same ``content.toml``."""
    read: dict[Path | None, Project] = {}
    found = []
    for path in paths:
        folder = path.resolve()
        config_file = plain_language.find_config(folder if folder.is_dir() else folder.parent)
        if config_file not in read:
            read[config_file] = Project.read(config_file)
        found.append(read[config_file])
    return found
