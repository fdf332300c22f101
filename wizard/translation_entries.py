"""The texts of a translation as entries that remember their English, matched to the tree without losing work.

Each translated text records the English it was made from (``en:`` in the file, ``msgid`` in a PO file), so a
text whose English changed since is *stale*, and ``wizard translate`` can show the old and the new English. We
keep the English itself, not a digest of it: a digest notices a change but cannot show what changed, and the
translator wants the source beside each translation anyway.

List items (next steps, deadlines, branches, and any list of texts the schema gains) have no id of their own, so
a translation's items are matched to the tree's by the English they recorded, in order, as ``diff`` matches
lines: adding, removing or moving one item never shifts the translations of the others onto the wrong English, and
an item that moved (a reordered list) keeps its translation, done. Items whose English changed are paired in place
(and so are stale), never dropped. Outside lists, texts of one node that swapped places (two options' labels) take
their translations along the same way (``_follow_english``): an exact English match wins over the place.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from wizard.core.vocabulary import SOURCE_LANGUAGE
from wizard.loader import PathKey

# How a translated text is written in the file: the English it translates, the translation under the language's
# code, and, while the translation is stale, the older English it was made from.
SOURCE_KEY = SOURCE_LANGUAGE  # the key of the English text a translation translates
PREVIOUS_KEY = "previous_en"
# The file's last section: translations of texts the tree no longer has (nothing matched them), each with the
# place it was at, kept until the translator deletes them (``wizard.translation_carry``).
UNUSED_KEY = "unused"
WAS_KEY = "was"

DONE = "translated"
STALE = "stale"
UNTRANSLATED = "not translated"
UNRECORDED = "not recorded"  # a translation written as a plain text: which English it translates is unknown

# Below this likeness, items of a changed stretch of unequal length are not paired: it is another text.
_SAME_ITEM = 0.5


@dataclass(frozen=True)
class Entry:
    """One translated text: the English it was made from, the translation, and where it is written."""

    english: str | None  # the English recorded beside the translation; None when not recorded (a plain text)
    text: str | None  # the translation; None while not translated yet
    previous: str | None = None  # while stale after `wizard translate`: the older English the text translates
    position: tuple[int, int] = (1, 1)  # line and column in the file it was read from

    def status(self, english: str) -> str:
        """Whether this entry translates ``english`` (the tree's current text): one of the statuses above."""
        if self.text is None:
            return UNTRANSLATED
        if self.english is None:
            return UNRECORDED
        if self.previous is not None or self.english != english:
            return STALE
        return DONE

    def made_from(self) -> str | None:
        """The English the translation was made from (empty when a tool marked it stale without saying)."""
        return self.previous if self.previous is not None else self.english


def resolve(found: Mapping[PathKey, Entry], tree_texts: Mapping[PathKey, str]
            ) -> tuple[dict[PathKey, Entry], dict[PathKey, Entry]]:
    """Match entries (paths as written in the file) to the tree's texts; returns (matched, left over).

    Outside lists a path names the same text in both. In a list, the file's items are aligned with the tree's
    by their recorded English (see the module's docstring). Left over are texts the tree no longer has.
    """
    matched: dict[PathKey, Entry] = {}
    leftover: dict[PathKey, Entry] = {}
    found_lists: dict[PathKey, dict[int, dict[PathKey, Entry]]] = {}
    for path, entry in found.items():
        cut = _first_index(path)
        if cut is None:
            (matched if path in tree_texts else leftover)[path] = entry
        else:
            found_lists.setdefault(path[:cut], {}).setdefault(int(path[cut]), {})[path[cut + 1:]] = entry
    tree_lists: dict[PathKey, dict[int, dict[PathKey, str]]] = {}
    for path, english in tree_texts.items():
        cut = _first_index(path)
        if cut is not None:
            tree_lists.setdefault(path[:cut], {}).setdefault(int(path[cut]), {})[path[cut + 1:]] = english
    for list_path, items in found_lists.items():
        old = sorted(items)
        new = sorted(tree_lists.get(list_path, {}))
        pairs = align([_signature({k: e.english for k, e in items[i].items()}) for i in old],
                      [_signature(tree_lists[list_path][j]) for j in new])
        paired = dict(pairs)
        for position, index in enumerate(old):
            for rest, entry in items[index].items():
                if position in paired:
                    tree_path = (*list_path, new[paired[position]], *rest)
                    if tree_path in tree_texts:
                        matched[tree_path] = entry
                        continue
                leftover[(*list_path, index, *rest)] = entry
    return _follow_english(matched, tree_texts), leftover


def _follow_english(matched: Mapping[PathKey, Entry], tree_texts: Mapping[PathKey, str]) -> dict[PathKey, Entry]:
    """``matched`` with each stale translation outside lists moved to the text of the same node (or of the tree's
    top) whose English it was made from, where that text has no translation of its own English: two options'
    labels that swapped, or a question and its help, keep their translations, done, instead of both going stale.
    A translation pushed out of its place that has no other goes to the place the other came from (stale there, as
    it was), or, when that place is taken too, the move is not made: nothing is ever left without a place."""
    def scope(path: PathKey) -> PathKey:
        return path[:2] if len(path) > 2 else ()

    def own(path: PathKey) -> bool:  # translated, from its English (or from English not recorded: left alone)
        entry = matched.get(path)
        return entry is not None and entry.text is not None and entry.made_from() in (None, tree_texts[path])

    open_places: dict[tuple[PathKey, str], list[PathKey]] = {}
    for path, english in tree_texts.items():
        if _first_index(path) is None and not own(path):
            open_places.setdefault((scope(path), english), []).append(path)
    homes: dict[PathKey, PathKey] = {}  # a stale translation's place, and the place of its English
    for path, entry in matched.items():
        places = open_places.get((scope(path), entry.made_from() or ""), []) if entry.text is not None else []
        if places and _first_index(path) is None and not own(path):
            homes[path] = places.pop(0)
    moving: set[PathKey] = set()
    swapped: set[PathKey] = set()  # moves whose new place's translation, going nowhere else, takes their place
    claimed = set(homes.values())
    while True:  # a move is made when its new place is free, or its translation moves too (swaps: a cycle)
        before = len(moving)
        for path, home in homes.items():
            if path in moving:
                continue
            if home not in matched or matched[home].text is None or home in moving or _cycle(path, homes, moving):
                moving.add(path)
            elif home not in homes and path not in claimed:
                moving.add(path)
                swapped.add(path)
        if len(moving) == before:
            break
    result = {path: entry for path, entry in matched.items() if path not in moving}
    for path in swapped:
        result[path] = matched[homes[path]]  # stale here as it was there: kept in sight of the translator
    for path in moving:
        entry = matched[path]
        result[homes[path]] = Entry(tree_texts[homes[path]], entry.text, None, entry.position)
    return result


def _cycle(start: PathKey, homes: Mapping[PathKey, PathKey], moving: set[PathKey]) -> bool:
    """Whether following each translation to its new place from ``start`` comes back to ``start``."""
    seen = {start}
    place = homes[start]
    while place in homes and place not in moving:
        if place == start:
            return True
        if place in seen:
            return False
        seen.add(place)
        place = homes[place]
    return False


def align(old: list[tuple[str, ...]], new: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Pairs (old index, new index) of list items: equal items first (in order, then any that moved: a reordered
    list keeps each translation with its English), then the changed ones in place in each stretch between."""
    pairs: list[tuple[int, int]] = []
    stretches: list[tuple[list[int], list[int]]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
        else:
            stretches.append((list(range(i1, i2)), list(range(j1, j2))))
    free: dict[tuple[str, ...], list[int]] = {}  # items of the new list not paired yet, by their English
    for _, news in stretches:
        for j in news:
            free.setdefault(new[j], []).append(j)
    moved: dict[int, int] = {}
    for olds, _ in stretches:
        for i in olds:
            if free.get(old[i]):
                moved[i] = free[old[i]].pop(0)
    pairs.extend(moved.items())
    taken = set(moved.values())
    for olds, news in stretches:
        rest_old = [i for i in olds if i not in moved]
        rest_new = [j for j in news if j not in taken]
        if len(rest_old) == len(rest_new):
            pairs.extend(zip(rest_old, rest_new, strict=True))  # reworded in place: stale, kept
        elif rest_old and rest_new:
            pairs.extend((rest_old[a], rest_new[b]) for a, b in _likest([old[i] for i in rest_old],
                                                                        [new[j] for j in rest_new]))
    return sorted(pairs)


def _likest(old: list[tuple[str, ...]], new: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """The order-keeping pairing of two short stretches that pairs the most alike items (dynamic programming)."""
    like = [[difflib.SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() for b in new] for a in old]
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(1, len(old) + 1):
        for j in range(1, len(new) + 1):
            gain = like[i - 1][j - 1] if like[i - 1][j - 1] >= _SAME_ITEM else 0.0
            best[i][j] = max(best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + gain)
    pairs: list[tuple[int, int]] = []
    i, j = len(old), len(new)
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _signature(texts: Mapping[PathKey, str | None]) -> tuple[str, ...]:
    """What identifies a list item: its English texts, by field, in a fixed order."""
    return tuple(f"{'.'.join(map(str, rest))}={english or ''}" for rest, english in sorted(
        texts.items(), key=lambda item: repr(item[0])))


def _first_index(path: PathKey) -> int | None:
    return next((i for i, part in enumerate(path) if isinstance(part, int)), None)


def merge(tree_texts: Mapping[PathKey, str], found: Mapping[PathKey, Entry]) -> dict[PathKey, Entry]:
    """The entries after ``wizard translate``: one per text of the tree, in its order; no translation is lost.

    A new text gets an empty entry; a translation whose English changed keeps its text and records the English
    it was made from as ``previous`` (stale until the translator updates it); a plain text is taken to translate
    the current English (which is how files written before the English was recorded are brought over).
    """
    result: dict[PathKey, Entry] = {}
    for path, english in tree_texts.items():
        old = found.get(path)
        if old is None or old.text is None:
            result[path] = Entry(english, None)
            continue
        made_from = old.made_from()
        if made_from is None:
            made_from = english
        result[path] = Entry(english, old.text, None if made_from == english else made_from)
    return result


@dataclass
class Combined:
    """What ``combine`` made: the entries, and the incoming translations older than the file's (by path)."""

    entries: dict[PathKey, Entry]
    older: list[tuple[PathKey, Entry]]


def combine(base: Mapping[PathKey, Entry], incoming: Mapping[PathKey, Entry],
            tree_texts: Mapping[PathKey, str]) -> Combined:
    """``base`` updated with ``incoming`` (an imported PO file): an incoming translation wins, but an empty one
    never replaces a translation, and a stale one never replaces a translation of the current English (it is
    returned as ``older``, for the caller to keep and to say so)."""
    result = Combined(dict(base), [])
    for path, read in incoming.items():
        old = result.entries.get(path)
        if read.text is None and old is not None:
            continue
        entry = read
        if read.previous == "" and old is not None and old.made_from() not in (None, read.english):
            # Marked stale without the English it was made from (PO tools do not give it back): the file knew it.
            entry = Entry(read.english, read.text, old.made_from(), read.position)
        if (old is not None and old.text is not None and entry.text != old.text and path in tree_texts
                and entry.status(tree_texts[path]) == STALE and old.status(tree_texts[path]) in (DONE, UNRECORDED)):
            result.older.append((path, entry))
            continue
        result.entries[path] = entry
    return result


def document(entries: Mapping[PathKey, Entry], language: str,
             unused: Iterable[tuple[PathKey, Entry]] = ()) -> dict[str, Any]:
    """The translation file's content: entries nested like the tree, each ``en`` (+ ``previous_en``) and text,
    then the ``unused`` ones (where each was, the entry) in a list under ``unused:``."""
    result: dict[str, Any] = {}
    for path, entry in entries.items():
        _place(result, path, _value(entry, language))
    kept = [{WAS_KEY: context_of(path), **_value(entry, language)} for path, entry in unused]
    if kept:
        result[UNUSED_KEY] = kept
    return result


def _value(entry: Entry, language: str) -> dict[str, str | None]:
    value: dict[str, str | None] = {SOURCE_KEY: entry.english}
    if entry.previous is not None:
        value[PREVIOUS_KEY] = entry.previous
    value[language] = entry.text
    return value


def context_of(path: PathKey) -> str:
    """A text's path, dotted (``nodes.done.next_steps.2.text``): ids never contain a dot, list places are
    numbers. The ``msgctxt`` of a PO file and the ``was:`` of an unused translation."""
    return ".".join(str(part) for part in path)


def path_of(context: str) -> PathKey:
    """The path a dotted context names (node ids start with a letter, so a number is a place in a list)."""
    return tuple(int(part) if part.isdigit() else part for part in context.split("."))


def _place(root: dict[str, Any], path: PathKey, value: dict[str, str | None]) -> None:
    target: Any = root
    for index, part in enumerate(path):
        last = index == len(path) - 1
        nested_list = not last and isinstance(path[index + 1], int)
        if isinstance(target, list):
            item = int(part)
            while len(target) <= item:
                target.append({})  # an item without texts (a branch without `because`) keeps its place
            if last:
                target[item] = value
            elif nested_list and target[item] == {}:
                target[item] = []
            target = target[item]
        else:
            target = target.setdefault(str(part), value if last else [] if nested_list else {})
