"""Carrying translations over to texts that moved, as gettext's ``msgmerge`` does: nothing a translator wrote is lost.

When an editor renames a node (or an option, or a source), or moves a text to another field, the translation
file still has the translation at the old place: *left over*. ``wizard translate`` offers each left-over
translation to the tree's texts that have none yet, best pair first:

1. the same English (the English the translation was made from, or the latest English it recorded) at the
   same field of a renamed id: carried over;
2. the same English anywhere else (a text moved between fields): carried over;
3. the same field of a renamed id, with other English (renamed and reworded): carried over, stale;
4. close English (``CLOSE``, as ``difflib`` measures it): carried over, stale.

A translation carried over keeps the English it was made from, so ``translation_entries.merge`` makes it
*translated* only when that is the text's English now, and *stale* (needs review, old and new English shown)
otherwise: carrying over never passes off a translation of other English as done. What nothing matches is
returned as unused, for ``wizard translate`` to keep in the file's ``unused:`` section.

An id counts as renamed (old id to new id) when the tree no longer has the old one, the translation has nothing
translated under the new one, and either one of their texts at the same field has the same or close English,
or they are the only such pair in that place (then the id must have fields of its own: a field that merely
changed its name is a renamed id only by its English).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from wizard.loader import PathKey
from wizard.translation_entries import Entry

CLOSE = 0.7  # likeness (difflib's ratio) from which two English texts are taken for one reworded text

Rename = tuple[PathKey, str, str]  # (the place, the old id, the new id)


@dataclass
class Carried:
    """What ``carry_over`` did: entries by the tree path they moved to, and what matched nothing."""

    entries: dict[PathKey, Entry] = field(default_factory=dict)
    unused: list[tuple[PathKey, Entry]] = field(default_factory=list)  # (where it was, the entry)


def carry_over(texts: Mapping[PathKey, str], matched: Mapping[PathKey, Entry],
               left_over: Iterable[tuple[PathKey, Entry]]) -> Carried:
    """Pair the translated ``left_over`` entries (where each was, the entry) with the texts of ``texts`` that
    ``matched`` leaves untranslated; the rest is unused. Two left-over entries may come from one place."""
    pool = dict(enumerate((path, entry) for path, entry in left_over if entry.text is not None))
    targets = [path for path in texts if path not in matched or matched[path].text is None]
    likes = {(key, new): _likeness((entry.english, entry.made_from()), texts[new])
             for key, (_, entry) in pool.items() for new in targets}
    renames = _renames(texts, matched, {(pool[key][0], new): like for (key, new), like in likes.items()})
    candidates: list[tuple[tuple[bool, bool, bool, float, int], int, PathKey]] = []
    for key, (old, entry) in pool.items():
        englishes = {entry.english, entry.made_from()}
        for new in targets:
            same = texts[new] in englishes
            renamed = _rename_of(old, new) in renames
            like = likes[key, new]
            if same or renamed or like >= CLOSE:
                candidates.append(((renamed and same, same, renamed, like, _common(old, new)), key, new))
    candidates.sort(key=lambda c: c[0], reverse=True)
    result = Carried()
    for _, key, new in candidates:
        if key in pool and new not in result.entries:
            entry = pool.pop(key)[1]
            # A plain text (no English recorded) carried to another place is not known to translate its English.
            result.entries[new] = entry if entry.made_from() is not None else Entry(None, entry.text, "")
    result.unused = list(pool.values())
    return result


def _renames(texts: Mapping[PathKey, str], matched: Mapping[PathKey, Entry],
             likes: Mapping[tuple[PathKey, PathKey], float]) -> set[Rename]:
    """The ids taken for renamed: (place, old id, new id), each old and new id in at most one pair.

    ``likes`` holds the likeness of each left-over translation's English to each untranslated text's.
    """
    in_tree = _prefixes(texts)
    translated = _prefixes(p for p, e in matched.items() if e.text is not None)
    alike: dict[Rename, int] = {}  # texts at the same field with the same or close English
    fields: dict[Rename, int] = {}  # texts at the same field below the id (not the id a field's name)
    for (old, new), like in likes.items():
        rename = _rename_of(old, new)
        if rename is None or (*rename[0], rename[1]) in in_tree or (*rename[0], rename[2]) in translated:
            continue
        alike[rename] = alike.get(rename, 0) + (like >= CLOSE)
        fields[rename] = fields.get(rename, 0) + (len(old) > len(rename[0]) + 1)
    places: dict[PathKey, int] = {}
    for place, _, _ in fields:
        places[place] = places.get(place, 0) + 1
    chosen: set[Rename] = set()
    used: set[tuple[PathKey, str, bool]] = set()  # (place, id, whether it is the new one)
    for rename in sorted(fields, key=lambda r: (-alike[r], -fields[r], repr(r))):
        place, old_id, new_id = rename
        evidence = alike[rename] > 0 or (fields[rename] > 0 and places[place] == 1)  # or the only pair there
        if evidence and (place, old_id, False) not in used and (place, new_id, True) not in used:
            chosen.add(rename)
            used |= {(place, old_id, False), (place, new_id, True)}
    return chosen


def _rename_of(old: PathKey, new: PathKey) -> Rename | None:
    """The one id by which two paths differ (same length, same parts elsewhere), or None."""
    if len(old) != len(new):
        return None
    differ = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    if len(differ) != 1:
        return None
    i = differ[0]
    a, b = old[i], new[i]
    return (old[:i], a, b) if isinstance(a, str) and isinstance(b, str) else None


def _prefixes(paths: Iterable[PathKey]) -> set[PathKey]:
    return {path[:i] for path in paths for i in range(1, len(path) + 1)}


def _likeness(englishes: Iterable[str | None], text: str) -> float:
    """The best likeness of ``text`` to any of ``englishes`` (quick bounds first: most pairs are far apart)."""
    best = 0.0
    for english in englishes:
        if not english:
            continue
        matcher = difflib.SequenceMatcher(None, english, text, autojunk=False)
        if matcher.real_quick_ratio() >= CLOSE and matcher.quick_ratio() >= CLOSE:
            best = max(best, matcher.ratio())
    return best


def _common(old: PathKey, new: PathKey) -> int:
    """How many leading parts two paths share (the nearer place wins a tie)."""
    count = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        count += 1
    return count
