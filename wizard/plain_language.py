"""The plain-language check: long sentences, and terms that readers may not know used without a glossary entry.

Its thresholds live in one file, ``content.toml`` at the root of the repository (found by looking up
from the tree's folder), so that editors and reviewers can tune them without touching code. Without that file
the check is off. Findings are warnings: ``wizard check --strict`` turns them into errors.

Each translation is checked by the rules of its language, ``[languages.<code>]`` in the same file: Chinese is
written without spaces, so its sentences are measured in characters (a run of Latin letters or digits, like
12315, counts as one), and its terms are found anywhere in a text, not only between spaces.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard import schema_walk
from wizard.core.vocabulary import SOURCE_LANGUAGE

CONFIG_NAME = "content.toml"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|(?<=[。！？；])\s*|\n\s*\n|\n\s*[-*]\s+")
# What one "character" of a sentence is when it is measured in characters: a run of Latin letters or digits
# (a word, a number) or any other character that is not a space.
_CHARACTER = re.compile(r"[A-Za-z0-9]+|\S")
# A link's text and address stop at the next bracket: otherwise every `[` of "[[[[…" would scan to the end of the
# text, and 20,000 of them cost seconds (each character is now looked at by at most two attempts).
_MARKDOWN_NOISE = re.compile(r"`[^`]*`|\[([^\[\]]*)\]\([^)\[\]]*\)|[*_#>]")
_HEADING = re.compile(r"^#{2,6}\s+(.+?)\s*(\{#[^}]*\})?\s*$", re.MULTILINE)


@dataclass(frozen=True)
class PlainLanguageConfig:
    """The thresholds: the longest sentence allowed, and the terms that need a glossary entry."""

    max_sentence_words: int
    glossary: frozenset[str]  # terms the glossary explains, lower-case
    terms: tuple[str, ...]  # terms that readers may not know
    glossary_file: str
    max_sentence_characters: int | None = None  # set for languages measured in characters (Chinese)


@dataclass(frozen=True)
class Finding:
    """One warning: where in the tree data, and what to do."""

    path: tuple[str | int, ...]
    message: str
    hint: str


def find_config(start: Path) -> Path | None:
    """The nearest ``content.toml`` in ``start`` or a folder above it."""
    return _find_config(str(start))


@functools.lru_cache(maxsize=64)
def _find_config(start: str) -> Path | None:
    # Checking a thousand trees of one folder looks the file up once.
    folder = Path(start)
    for candidate_folder in [folder, *folder.parents]:
        candidate = candidate_folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path, language: str = SOURCE_LANGUAGE) -> PlainLanguageConfig:
    """Read the thresholds and the glossary they name (relative to the config file) for ``language``.

    English is the main language (``[sentences]`` and ``[glossary]``); another language has its own table
    ``[languages.<code>]`` with ``max_characters``, ``glossary`` (the file) and ``terms``. None of it set means
    no check of that kind.
    """
    data = _read_toml(str(path), _mtime(path))
    if language != SOURCE_LANGUAGE:
        rules = data.get("languages", {}).get(language, {})
        glossary_file = str(rules.get("glossary", f"docs/{language}/glossary.md"))
        glossary_path = path.parent / glossary_file
        limit = rules.get("max_characters")
        return PlainLanguageConfig(
            max_sentence_words=0,
            glossary=_glossary_terms(str(glossary_path), _mtime(glossary_path)),
            terms=tuple(str(t) for t in rules.get("terms", [])),
            glossary_file=glossary_file,
            max_sentence_characters=int(limit) if limit is not None else None,
        )
    glossary_file = str(data.get("glossary", {}).get("file", "docs/glossary.md"))
    glossary_path = path.parent / glossary_file
    return PlainLanguageConfig(
        max_sentence_words=int(data.get("sentences", {}).get("max_words", 30)),
        glossary=_glossary_terms(str(glossary_path), _mtime(glossary_path)),
        terms=tuple(str(t) for t in data.get("glossary", {}).get("terms", [])),
        glossary_file=glossary_file,
    )


def read_config(path: Path) -> dict[str, Any]:
    """The content of ``content.toml`` as data (cached while the file is unchanged)."""
    return _read_toml(str(path), _mtime(path))


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


# Cached while the file is unchanged (its modification time is part of the key): checking a thousand trees
# reads each file once, and `mkdocs serve` still sees an edit at once.
@functools.lru_cache(maxsize=16)
def _read_toml(path: str, mtime: int) -> dict[str, Any]:
    del mtime
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=16)
def _glossary_terms(path: str, mtime: int) -> frozenset[str]:
    del mtime
    glossary = Path(path)
    text = glossary.read_text(encoding="utf-8") if glossary.is_file() else ""
    return frozenset(m.group(1).strip().lower() for m in _HEADING.finditer(text))


def sentences(text: str) -> list[str]:
    """The sentences of a text (list items and paragraphs count as their own sentences)."""
    plain = _MARKDOWN_NOISE.sub(lambda m: m.group(1) or "", text)
    parts = (re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", s).strip() for s in _SENTENCE_END.split(plain) if s)
    return [part for part in parts if part]


def word_count(sentence: str) -> int:
    """Words in a sentence; a run of Chinese characters counts as one word (names like 12315平台)."""
    return len(sentence.split())


def character_count(sentence: str) -> int:
    """Characters in a sentence, for languages without spaces; a Latin word or a number counts as one."""
    return len(_CHARACTER.findall(sentence))


def check_tree(data: dict[str, Any], config: PlainLanguageConfig) -> list[Finding]:
    """Every long sentence, and the first use of each term that the glossary does not explain."""
    return check_texts(_texts(data), config)


def check_texts(texts: Iterable[tuple[tuple[str | int, ...], str]], config: PlainLanguageConfig) -> list[Finding]:
    """The plain-language findings for (path, text) pairs: a tree's texts or a translation's."""
    findings: list[Finding] = []
    used_terms: set[str] = set()
    by_characters = config.max_sentence_characters is not None
    for path, text in texts:
        for sentence in sentences(text):
            findings.extend(_too_long(path, sentence, config))
        for term in config.terms:
            if term.lower() in used_terms or any(term.lower() in heading for heading in config.glossary):
                continue
            # Between spaces in English; anywhere in Chinese, whose words are not separated.
            pattern = re.escape(term) if by_characters else rf"(?<!\w){re.escape(term)}(?!\w)"
            if re.search(pattern, text, flags=re.IGNORECASE):
                used_terms.add(term.lower())
                findings.append(Finding(path, f"`{term}` is used but {config.glossary_file} does not explain it.",
                                        f"Add a heading `### {term}` to the glossary, or say it in plain words."))
    return findings


def _too_long(path: tuple[str | int, ...], sentence: str, config: PlainLanguageConfig) -> list[Finding]:
    if config.max_sentence_characters is not None:
        size, limit, unit = character_count(sentence), config.max_sentence_characters, "characters"
    else:
        size, limit, unit = word_count(sentence), config.max_sentence_words, "words"
    if size <= limit:
        return []
    return [Finding(path, f"a sentence of {size} {unit} (at most {limit}): \"{_shorten(sentence)}\".",
                    "Split it into shorter sentences.")]


def _texts(data: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, text) for every text in the tree data that readers read in sentences (``wizard.schema`` says which),
    in file order."""
    for found in schema_walk.walk(data):
        if schema_walk.is_prose(found.field.kind) and isinstance(found.value, str):
            yield found.path, found.value


def _shorten(sentence: str, limit: int = 60) -> str:
    return sentence if len(sentence) <= limit else sentence[:limit].rstrip() + "..."
