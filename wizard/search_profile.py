"""The site search's profile of each procedure: the features of its tree's texts, weighed, for the ranking.

The search (wizard/assets/search-rank.js) ranks what Pagefind finds for each word of a query. Words that no
page holds as typed (a typo, another form of the word, a Chinese word the indexer cut otherwise) find nothing,
and a word every page holds decides by chance. The profile reads the query otherwise: as features that
generalize (lower-cased words and their letter 4-grams; Chinese characters and pairs of characters), each
weighed for each procedure by how often the procedure's tree says it (TF) and how few procedures do (IDF), as
a TF-IDF classifier. It is made at build time from every text readers read of the compiled trees (the schema
walk finds them: a field added to the schema is in the profile with no other change), never from queries: a
new procedure gets a fair score without anyone writing queries for it. search-profile.js scores a query with
it, and search-rank.js adds that score to the pages of each procedure. The Chinese edition's profile also holds
how its characters read in pinyin (wizard/search_pinyin.py), for readers who type Chinese in pinyin.

The features are cut the same way in the browser (search-profile.js, ``featuresOf``); tests/test_search_profile.py
runs both on the same texts.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from wizard.schema_walk import is_translated, walk
from wizard.search_pinyin import readings, syllables

# The profile's file in each edition, from the edition's root (the search box names it: overrides/partials/search.html).
PROFILE_PATH = "search-profile.json"
FORMAT = 1
# The length of the letter n-grams of a word: a typo ("complant") or another form ("cancelled") still shares
# most of them with the word of the tree. 4 measured best of 3 to 5 (docs/performance.md, "Search quality").
GRAM = 4
# How much a text of the tree's own fields (title, summary, keywords) counts, in texts of its body: they say
# what the procedure is about, the body says much else too. Measured: 20 to 100 within a point, 3 and 10 lower.
HEAD_WEIGHT = 40.0
# An edition's profile holds the pinyin of its Chinese texts when they are written mostly in Chinese characters
# (its readers type pinyin): decided from the texts, not from a language's code. Not an edition written mostly in
# Latin letters, such as the English one: it holds little Chinese, and its queries' words ("he", "an", "men")
# are left as words.
_LATIN = re.compile(r"[A-Za-z]")
# Decimals kept of each weight: the file stays small, and no ranking turns on the third decimal.
DECIMALS = 2
# Words: runs of Latin letters and digits (after NFKC, which makes full-width letters and digits plain, and
# lower-casing). Chinese: runs of the ideographs' blocks (CJK Unified Ideographs and Extension A).
_WORD = re.compile(r"[0-9a-z]+")
_DIGITS = re.compile(r"[0-9]+")
_HAN = re.compile(r"[\u3400-\u9fff]+")


def features(text: str) -> list[str]:
    """The features of a text, as many times as it holds each: every word as ``_word_`` and, unless it is a
    number (12315 is not 12345), each ``GRAM`` letters of ``_word_``; every Chinese character and every pair of
    neighbouring characters (no segmenter: a pair is found whichever way a reader or the indexer cuts words)."""
    plain = unicodedata.normalize("NFKC", text).lower()
    found = [feature for word in _WORD.findall(plain) for feature in _word_features(word)]
    found.extend(feature for run in _HAN.findall(plain) for feature in _run_features(run))
    return found


# Remembered: a site's texts say the same words again and again (a build of 1,000 trees cuts each word once).
@functools.lru_cache(maxsize=1 << 16)
def _word_features(word: str) -> tuple[str, ...]:
    padded = f"_{word}_"
    if _DIGITS.fullmatch(word) or len(padded) <= GRAM:
        return (padded,)
    return (padded, *(padded[start:start + GRAM] for start in range(len(padded) - GRAM + 1)))


@functools.lru_cache(maxsize=1 << 16)
def _run_features(run: str) -> tuple[str, ...]:
    return (*run, *(run[start:start + 2] for start in range(len(run) - 1)))


def readings_of(text: str) -> list[tuple[str, str]]:
    """Each Chinese character of a text with its syllable, as read in its run (wizard.search_pinyin,
    ``readings``)."""
    plain = unicodedata.normalize("NFKC", text).lower()
    return [reading for run in _HAN.findall(plain) for reading in readings(run)]


def weighed_texts(tree: Mapping[str, Any]) -> Iterator[tuple[float, str]]:
    """Every text of a compiled tree that readers read (``Text.translated``), with how much it counts: the
    tree's own fields (title, summary, keywords) ``HEAD_WEIGHT``, every other (questions, options, outcomes,
    sources...) 1."""
    for found in walk(tree, within=is_translated):  # not into what holds no text (formulas, lists of ids)
        if isinstance(found.value, str) and is_translated(found.field.kind):
            yield (HEAD_WEIGHT if len(found.path) == 1 else 1.0), found.value


def profile(trees: Sequence[tuple[str, Mapping[str, Any]]]) -> dict[str, Any]:
    """The profile of an edition's procedures: ``trees`` is (procedure address, compiled tree) in one language.

    ``procedures``: the addresses (the pages' ``procedure`` filter, from the edition's root); ``features``: for
    each feature, the flat list ``[procedure index, weight, ...]`` of the procedures whose texts hold it, the
    weight ``(1 + ln tf) * ln(1 + n / df)`` (tf: its count in the procedure's texts, each text counted by
    ``weighed_texts``; df: the procedures that hold it, of n). A feature every procedure holds weighs least
    (ln 2, a third of one only one holds, ln(1 + n) for four procedures): measured against ln(n / df), which
    makes it 0, a little better. ``gram``: the n-grams' length, which the browser reads from here. ``cues``: each
    procedure's tree's ``cues`` as written ("" for none), which the browser finds in a query as they are
    (search-intent.js) beside weighing their features here with the tree's other texts.

    In an edition written mostly in Chinese characters, ``syllables`` holds every pinyin syllable, by which the
    browser splits a Latin query into syllables, and ``readings`` for each syllable the characters of the texts that
    read so (``readings_of``; a polyphonic character under each of its readings in the texts), sorted: the browser reads
    a syllable as its characters and a pair of syllables as the pairs of their characters, and weighs them with
    the characters' own features. Not pinyin features of their own: they would double the profile.
    """
    texts: set[str] = set()  # each text once: the readings are the same wherever it is said
    counts: list[dict[str, float]] = []
    for _, tree in trees:
        count: defaultdict[str, float] = defaultdict(float)
        for weight, text in weighed_texts(tree):
            for feature, times in Counter(features(text)).items():
                count[feature] += weight * times
            texts.add(text)
        counts.append(count)
    pinyin = _mostly_chinese(texts)
    holders: dict[str, list[int]] = {}
    for index, held in enumerate(counts):
        for feature in held:
            holders.setdefault(feature, []).append(index)
    total = len(counts)
    table: dict[str, list[float]] = {}
    for feature in sorted(holders):
        rarity = math.log(1 + total / len(holders[feature]))
        table[feature] = [value for index in holders[feature]
                          for value in (index, round((1 + math.log(counts[index][feature])) * rarity, DECIMALS))]
    built = {"format": FORMAT, "gram": GRAM, "procedures": [address for address, _ in trees], "features": table,
             "cues": [tree.get("cues") or "" for _, tree in trees]}
    if not pinyin:
        return built
    read: defaultdict[str, set[str]] = defaultdict(set)  # syllable -> the characters that read so
    for text in texts:
        for character, syllable in readings_of(text):
            read[syllable].add(character)
    return {**built, "syllables": list(syllables()),
            "readings": {syllable: "".join(sorted(read[syllable])) for syllable in sorted(read)}}


def _mostly_chinese(texts: set[str]) -> bool:
    """Whether texts hold more Chinese characters than Latin letters."""
    han = sum(len(run) for text in texts for run in _HAN.findall(text))
    return han > sum(len(_LATIN.findall(text)) for text in texts)


def profile_json(trees: Sequence[tuple[str, Mapping[str, Any]]]) -> str:
    """The profile of ``profile`` as the file of an edition: compact JSON, its Chinese as
    written; with pinyin when its texts are written mostly in Chinese characters."""
    return json.dumps(profile(trees), ensure_ascii=False, separators=(",", ":")) + "\n"
