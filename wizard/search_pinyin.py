"""Pinyin for the site search's profile: the toneless pinyin of a Chinese text, and every pinyin syllable.

Readers without a Chinese input method (or in a hurry) type Chinese in pinyin, toneless ("chexiao tousu" for
撤销投诉). No page holds pinyin, so the profile (wizard/search_profile.py) holds it in their stead: each Chinese
text of the trees gets, beside its characters, the pinyin of its characters as features, made here at build time
with pypinyin, a build-time dependency only (never in wizard/core, never in the browser). The browser reads a
Latin query as pinyin when it splits into syllables (search-profile.js), from the inventory of syllables the
profile carries (``syllables``): one list, pypinyin's, never a second one written by hand.
"""

from __future__ import annotations

import functools
import itertools
import re

from pypinyin import Style, lazy_pinyin
from pypinyin.contrib.tone_convert import to_normal
from pypinyin.pinyin_dict import pinyin_dict

# What marks a pinyin feature: no word feature holds it (those are letters, digits and "_"), so the syllable
# "an" (安) never meets the English word "an" (``_an_``) nor a letter gram of it.
MARK = "'"
# The syllables a query is split into: plain letters with a vowel. Not the interjections without one (m, n, ng,
# hm, hng: 呣, 嗯), which would let stray consonants of English words or abbreviations read as pinyin, nor ê.
_SYLLABLE = re.compile(r"[a-z]*[aeiouv][a-z]*")


@functools.lru_cache(maxsize=1 << 14)
def pinyin_features(run: str) -> tuple[str, ...]:
    """The pinyin features of a run of Chinese characters: each syllable as ``'syllable`` and each pair of
    neighbouring syllables as ``'first'second`` (as the characters and the pairs of characters). Toneless, ü
    written v (as a reader types it); a polyphonic character read as pypinyin's phrase dictionary reads it in
    its run (行 in 银行 hang, in 行为 xing), one reading only. A character without pinyin yields none."""
    syllables = [syllable for syllable in lazy_pinyin(run, style=Style.NORMAL, errors="ignore") if syllable]
    return (*(MARK + syllable for syllable in syllables),
            *(f"{MARK}{first}{MARK}{second}" for first, second in itertools.pairwise(syllables)))


@functools.cache
def syllables() -> tuple[str, ...]:
    """Every toneless syllable with a vowel of pypinyin's dictionary of characters, sorted (about 420), ü
    written v: the syllables the browser splits a Latin query into."""
    toned = {reading for readings in pinyin_dict.values() for reading in readings.split(",")}
    return tuple(sorted(plain for plain in {to_normal(reading, v_to_u=False) for reading in toned}
                        if _SYLLABLE.fullmatch(plain)))
