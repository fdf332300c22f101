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
# At most this many pairs (left-over translation, untranslated text) are looked at, and at most RATIO_BUDGET of
# them measured in full (difflib's ratio is the slow part): a rename of half a large tree, or the translation of
# another tree, must not make `wizard translate` hang. Beyond, only equal English and the fields of renamed ids
# are matched (what is not matched is kept under `unused:`, never lost).
PAIR_BUDGET = 10_000
RATIO_BUDGET = 2_000

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
    likes = _likenesses(pool, targets, texts)
    renames = _renames(texts, matched, {(pool[key][0], new): like for (key, new), like in likes.items()})
    candidates: list[tuple[tuple[bool, bool, bool, float, int], int, PathKey]] = []
    for (key, new), like in likes.items():
        old, entry = pool[key]
        same = texts[new] in (entry.english, entry.made_from())
        renamed = _rename_of(old, new) in renames
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


def _likenesses(pool: Mapping[int, tuple[PathKey, Entry]], targets: list[PathKey],
                texts: Mapping[PathKey, str]) -> dict[tuple[int, PathKey], float]:
    """The likeness of the English of each pair worth comparing: every pair while there are at most
    ``PAIR_BUDGET``; beyond that (a file of another tree, a rename of half the tree) only the pairs with the same
    English and, up to the budget, those at the same field of another id, so that it never takes long."""
    if len(pool) * len(targets) <= PAIR_BUDGET:
        pairs: Iterable[tuple[int, PathKey]] = ((key, new) for key in pool for new in targets)
    else:
        pairs = _likely_pairs(pool, targets, texts)
    matchers: dict[PathKey, difflib.SequenceMatcher[str]] = {}
    likes: dict[tuple[int, PathKey], float] = {}
    budget = [RATIO_BUDGET]
    for key, new in pairs:
        entry = pool[key][1]
        if new not in matchers:  # the tree's text as the second sequence: difflib indexes it once
            matchers[new] = difflib.SequenceMatcher(None, "", texts[new], autojunk=False)
        englishes = {entry.english, entry.made_from()}
        likes[key, new] = 1.0 if texts[new] in englishes else max(
            _likeness(matchers[new], english, budget) for english in englishes)
    return likes


def _likely_pairs(pool: Mapping[int, tuple[PathKey, Entry]], targets: list[PathKey],
                  texts: Mapping[PathKey, str]) -> list[tuple[int, PathKey]]:
    """The pairs with the same English, then those whose paths differ in one id, up to twice the budget."""
    by_english: dict[str, list[PathKey]] = {}
    by_place: dict[tuple[int, PathKey, PathKey], list[PathKey]] = {}  # paths alike but for one part
    for new in targets:
        by_english.setdefault(texts[new], []).append(new)
        for i, part in enumerate(new):
            if isinstance(part, str):
                by_place.setdefault((i, new[:i], new[i + 1:]), []).append(new)
    found: dict[tuple[int, PathKey], None] = {}  # in order, once each
    for key, (_, entry) in pool.items():
        for english in {entry.english, entry.made_from()} - {None}:
            found.update(((key, new), None) for new in by_english.get(str(english), ()))
        if len(found) >= 2 * PAIR_BUDGET:
            return list(found)
    for key, (old, _) in pool.items():
        for i, part in enumerate(old):
            if isinstance(part, str):
                found.update(((key, new), None) for new in by_place.get((i, old[:i], old[i + 1:]), ())
                             if new[i] != part)
        if len(found) >= 2 * PAIR_BUDGET:
            break
    return list(found)


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


def _likeness(matcher: difflib.SequenceMatcher[str], english: str | None, budget: list[int]) -> float:
    """The likeness of ``english`` to the matcher's text (quick bounds first: most pairs are far apart); 0 once
    ``budget`` (full measures left, shared by the whole run) is spent."""
    if not english:
        return 0.0
    matcher.set_seq1(english)
    if budget[0] <= 0 or matcher.real_quick_ratio() < CLOSE or matcher.quick_ratio() < CLOSE:
        return 0.0
    budget[0] -= 1
    return matcher.ratio()


def _common(old: PathKey, new: PathKey) -> int:
    """How many leading parts two paths share (the nearer place wins a tie)."""
    count = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        count += 1
    return count
