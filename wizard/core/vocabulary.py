"""Every word of the interface, in every language: one data file per language (standard library only).

A language is declared by its vocabulary, ``wizard/core/languages/<code>.toml``: its code and names, its
plural rules (CLDR), how it writes a date, and every word the engine, the pages, the condition phrases, the
browser wizard and the playground show, in sections named after who shows them. Adding a file adds a
language everywhere: the engine's messages, the site's editions (checked against ``mkdocs.yml``), the
translation files a tree may have. English is the source language: trees are written in it, and a word a
vocabulary lacks is shown in English (a test makes sure none lacks any).

Folders listed in the environment variable ``RECOURSE_VOCABULARY`` (separated like ``PATH``) are read after the
package's own, with the same format: a language can be tried, or a test language used, without touching the
package. The browser engine's wheel packs every file found (``wizard.browser.bundle``).
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from wizard.core.plurals import CATEGORIES, PluralRuleError, category, check_rule

PACKAGE_FOLDER = Path(__file__).with_name("languages")
EXTRA_FOLDERS_VARIABLE = "RECOURSE_VOCABULARY"
SOURCE_LANGUAGE = "en"
# Who shows the words of each section; keys are unique across sections, so a word is named by its key alone.
SECTIONS = ("shared", "engine", "page", "conditions", "wizard", "browser", "playground", "search")
# The words the browser scripts say themselves, and only those, carried by each page that has a wizard
# (``browser_words``): the wizard's screens are drawn in Python (``wizard.core.views``), in the worker.
BROWSER_SECTIONS = ("browser",)

_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")

Word = str | dict[str, str]  # a text, or its plural forms by CLDR category


class VocabularyError(ValueError):
    """A vocabulary file that cannot be used; the message names the file and what to change."""


@dataclass(frozen=True)
class Language:
    """One language's vocabulary, as read from its file."""

    code: str
    name: str  # in the language itself: 简体中文
    english_name: str  # for reviewers' reports: Chinese
    plural: dict[str, str]  # CLDR category -> rule; ``other`` is every number no rule selects
    date: str  # {day} {month} {year}
    months: tuple[str, ...]
    translator_note: str | None  # written at the top of each translation file into this language
    sections: dict[str, dict[str, Word]]
    words: dict[str, Word]  # every section's words by key
    path: Path


def folders() -> tuple[Path, ...]:
    """The folders vocabularies are read from: the package's, then ``RECOURSE_VOCABULARY``'s."""
    return _folders(_extra())


def _extra() -> str:
    return os.environ.get(EXTRA_FOLDERS_VARIABLE, "")


@functools.lru_cache(maxsize=8)
def _folders(extra: str) -> tuple[Path, ...]:
    return (PACKAGE_FOLDER, *(Path(part) for part in extra.split(os.pathsep) if part))


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise VocabularyError(f"{where} must be a text in quotes")
    return value


def _word(value: object, where: str) -> Word:
    if isinstance(value, dict):
        forms = {name: _text(form, f"{where}.{name}") for name, form in value.items()}
        unknown = sorted(set(forms) - set(CATEGORIES))
        if unknown or "other" not in forms:
            raise VocabularyError(f"{where} has plural forms {', '.join(forms)}: use {', '.join(CATEGORIES)}, "
                                  f"with `other` always present")
        return forms
    return _text(value, where)


def _read(path: Path) -> Language:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VocabularyError(f"{path}: cannot read this vocabulary: {exc}") from None
    header = data.get("language")
    if not isinstance(header, dict):
        raise VocabularyError(f"{path}: the file needs a [language] table (code, name, english_name, date, months)")
    code = _text(header.get("code"), f"{path}: language.code")
    if code != path.stem or not _CODE.match(code):
        raise VocabularyError(f"{path}: language.code must be the file's name, a language code like `fr` or `pt-BR`")
    months = header.get("months")
    if not isinstance(months, list) or len(months) != 12:
        raise VocabularyError(f"{path}: language.months must list the twelve months' names")
    plural = {name: _text(rule, f"{path}: language.plural.{name}") for name, rule in
              (header.get("plural") or {}).items()}
    for name, rule in plural.items():
        if name not in CATEGORIES or name == "other":
            raise VocabularyError(f"{path}: language.plural.{name}: name one of {', '.join(CATEGORIES[:-1])}")
        try:
            check_rule(rule)
        except PluralRuleError as exc:
            raise VocabularyError(f"{path}: language.plural.{name}: {exc}") from None
    sections: dict[str, dict[str, Word]] = {}
    words: dict[str, Word] = {}
    for section in SECTIONS:
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise VocabularyError(f"{path}: [{section}] must be a table of words")
        sections[section] = {key: _word(value, f"{path}: {section}.{key}") for key, value in table.items()}
        for key, value in sections[section].items():
            if key in words:
                raise VocabularyError(f"{path}: {section}.{key}: the key `{key}` is already used in another section")
            words[key] = value
    return Language(code=code, name=_text(header.get("name"), f"{path}: language.name"),
                    english_name=_text(header.get("english_name"), f"{path}: language.english_name"),
                    plural=plural, date=_text(header.get("date"), f"{path}: language.date"),
                    months=tuple(_text(month, f"{path}: language.months") for month in months),
                    translator_note=(None if header.get("translator_note") is None else
                                     _text(header["translator_note"], f"{path}: language.translator_note")),
                    sections=sections, words=words, path=path)


@functools.lru_cache(maxsize=8)
def _load(extra: str) -> dict[str, Language]:
    # Cached by the environment variable's text: looking a word up costs a dictionary look-up, not a file read.
    found: dict[str, Language] = {}
    for folder in _folders(extra):
        for path in sorted(folder.glob("*.toml")):
            language = _read(path)
            if language.code in found:
                raise VocabularyError(f"{path}: the language {language.code} is already declared by "
                                      f"{found[language.code].path}")
            found[language.code] = language
    if SOURCE_LANGUAGE not in found:
        raise VocabularyError(f"{PACKAGE_FOLDER}: the source language's vocabulary {SOURCE_LANGUAGE}.toml is missing")
    return {SOURCE_LANGUAGE: found[SOURCE_LANGUAGE], **found}


def all_languages() -> dict[str, Language]:
    """Every declared language by code, the source language first (a shared table: read it, never change it)."""
    return _load(_extra())


def languages() -> tuple[str, ...]:
    """The codes of every declared language, the source language (English) first."""
    return tuple(all_languages())


def translations() -> tuple[str, ...]:
    """The languages trees are translated into: every declared language but the source."""
    return tuple(code for code in all_languages() if code != SOURCE_LANGUAGE)


def is_known(code: object) -> bool:
    """Whether ``code`` names a declared language."""
    return isinstance(code, str) and code in all_languages()


def language(code: str) -> Language:
    """The vocabulary of ``code``; the source language's for a language nobody declared."""
    loaded = all_languages()
    return loaded.get(code, loaded[SOURCE_LANGUAGE])


def _entry(code: str, key: str) -> Word:
    found = language(code).words.get(key)
    return found if found is not None else language(SOURCE_LANGUAGE).words[key]


def word(code: str, key: str, **values: object) -> str:
    """The word ``key`` in the language ``code``, filled with ``values``.

    A word with plural forms takes the form the language's rules choose for ``values["count"]`` (pass the
    count as it is shown: ``"1.5"``, not ``1.5`` rounded elsewhere).
    """
    entry = _entry(code, key)
    if isinstance(entry, dict):
        entry = entry.get(_category(_extra(), code, str(values["count"])), entry["other"])
    return entry.format(**values)


@functools.lru_cache(maxsize=256)
def _category(extra: str, code: str, count: str) -> str:
    loaded = _load(extra)
    return category(loaded.get(code, loaded[SOURCE_LANGUAGE]).plural, count)


def words(code: str, *sections: str) -> dict[str, str]:
    """The plain words (not those with plural forms) of ``sections`` (all when none is named), by key.

    The table is shared between callers (pages ask for it once per phrase): read it, never change it.
    """
    return _words(_extra(), code, sections or SECTIONS)


@functools.lru_cache(maxsize=64)
def _words(extra: str, code: str, sections: tuple[str, ...]) -> dict[str, str]:
    loaded = _load(extra)
    found: dict[str, str] = {}
    for source in (SOURCE_LANGUAGE, code):  # the source language first, so that a word it lacks is English
        vocabulary = loaded.get(source, loaded[SOURCE_LANGUAGE])
        for section in sections:
            found.update({key: value for key, value in vocabulary.sections[section].items()
                          if isinstance(value, str)})
    return found


def format_date(code: str, year: int, month: int, day: int) -> str:
    """Year, month (1 to 12) and day as the language writes a date, even one that does not exist (31 February)."""
    vocabulary = language(code)
    return vocabulary.date.format(year=year, month=vocabulary.months[month - 1], day=day)


def browser_words(code: str) -> dict[str, object]:
    """What the browser scripts need of a language: its code, date format and months (the printed day), and the
    ``[browser]`` words, which a test keeps equal to the keys the scripts look up."""
    vocabulary = language(code)
    return {"language": vocabulary.code, "date": vocabulary.date, "months": list(vocabulary.months),
            **words(code, *BROWSER_SECTIONS)}


def search_words(code: str) -> dict[str, object]:
    """What the header's search box needs of a language: its code (for the browser's CLDR plural rules) and the
    ``[search]`` words, a word with plural forms as its forms by category."""
    table = {**language(SOURCE_LANGUAGE).sections["search"], **language(code).sections["search"]}
    return {"language": language(code).code, **table}


def vocabulary_files() -> dict[str, bytes]:
    """Every declared language's file by its name (``zh.toml``), for the browser engine's wheel."""
    return {f"{code}.toml": loaded.path.read_bytes() for code, loaded in all_languages().items()}


def plural_forms_needed(code: str) -> tuple[str, ...]:
    """The plural categories a word with plural forms must have in ``code``: its rules' and ``other``."""
    return (*(name for name in CATEGORIES if name in language(code).plural), "other")


def placeholders(text: str) -> frozenset[str]:
    """The names between braces in a word (``{count} days`` -> ``count``)."""
    return frozenset(re.findall(r"\{(\w+)\}", text))


def word_table(code: str) -> Mapping[str, Word]:
    """Every word of ``code``'s own file, plain or plural, by key (nothing filled in from English)."""
    return language(code).words


def name_of(code: str) -> str:
    """A language's name in the language itself (``简体中文``), or its code if nobody declared it."""
    return all_languages()[code].name if is_known(code) else code


def english_name_of(code: str) -> str:
    """A language's name in English, for reviewers' reports (``Chinese``), or its code if nobody declared it."""
    return all_languages()[code].english_name if is_known(code) else code
