"""The texts readers read, old and new, in every language (for ``wizard diff``).

Each version of a tree comes as its compiled English tree and one compiled tree per translation (the English
tree with ``wizard.translation.apply`` done). Texts are found by their place in the tree (a node, an option key,
a deadline id, a list position) so that old and new wording can be set side by side, and a translation that was
left as it was while its English changed is pointed out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from wizard import schema_walk
from wizard.core import vocabulary
from wizard.core.vocabulary import SOURCE_LANGUAGE

Place = tuple[str | int, ...]
ENGLISH = SOURCE_LANGUAGE


@dataclass(frozen=True)
class Rewording:
    """One text that reads differently: where, in which language, before and now (None: it was not there)."""

    place: Place
    language: str
    before: str | None
    now: str | None
    stale: bool = False  # a translation left unchanged while its English changed


def language_name(language: str) -> str:
    """The language as a reviewer reads its name: English, Chinese."""
    return vocabulary.english_name_of(language)


def texts(tree: Mapping[str, Any]) -> dict[Place, str]:
    """Every text a reader reads in a compiled tree, by its place."""
    return dict(_texts(tree, (), schema_walk.field_names(schema_walk.is_translated)))


def _texts(data: object, place: Place, translated: frozenset[str]) -> Iterator[tuple[Place, str]]:
    if isinstance(data, Mapping):
        for key, value in data.items():
            if key in translated and isinstance(value, str):
                yield (*place, key), value
            elif isinstance(value, (Mapping, list)) and key != "longest":
                yield from _texts(value, (*place, key), translated)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            # Options are known by their key and deadlines by their id, so that reordering them rewords nothing.
            name = item.get("key", item.get("id", index)) if isinstance(item, Mapping) else index
            yield from _texts(item, (*place, name), translated)


def rewordings(old: Mapping[str, Mapping[str, Any]], new: Mapping[str, Mapping[str, Any]]) -> list[Rewording]:
    """The texts that read differently, by language (``old`` and ``new`` map a language to its compiled tree).

    Texts that exist in one version only come with a node, option or deadline that was added or removed, and
    are left to the structural comparison.
    """
    found: list[Rewording] = []
    english_before, english_now = texts(old[ENGLISH]), texts(new[ENGLISH])
    for language in [ENGLISH, *sorted((old.keys() & new.keys()) - {ENGLISH})]:
        before, now = texts(old[language]), texts(new[language])
        for place, text in now.items():
            if place not in before:
                continue
            if language != ENGLISH and before[place] == english_before.get(place) \
                    and text == english_now.get(place):
                continue  # not translated yet: the English stands in, and its change is listed once, in English
            if before[place] != text:
                found.append(Rewording(place, language, before[place], text))
            elif language != ENGLISH and english_before.get(place) != english_now.get(place) \
                    and place in english_before:
                found.append(Rewording(place, language, text, text, stale=True))
    return found
