"""Pinyin for the site search's profile: how each Chinese character of a text reads, and every pinyin syllable.

Readers without a Chinese input method (or in a hurry) type Chinese in pinyin, toneless ("chexiao tousu" for
撤销投诉). No page holds pinyin, so the Chinese edition's profile (wizard/search_profile.py) carries what the
browser needs to read a query typed in pinyin as the characters it stands for: the syllables (to split a Latin
query into them) and, for each syllable, the characters of the trees' texts that read so. Made here at build
time with pypinyin, a build-time dependency only (never in wizard/core, never in the browser).
"""

from __future__ import annotations

import functools
import re

# The syllables a query is split into: plain letters with a vowel. Not the interjections without one (m, n, ng,
# hm, hng: 呣, 嗯), which would let stray consonants of English words or abbreviations read as pinyin, nor ê.
_SYLLABLE = re.compile(r"[a-z]*[aeiouv][a-z]*")


@functools.lru_cache(maxsize=1 << 14)
def readings(run: str) -> tuple[tuple[str, str], ...]:
    """Each character of a run of Chinese characters with its toneless syllable, ü written v (as a reader
    types it): a polyphonic character as pypinyin's phrase dictionary reads it in its run (行 in 银行 hang, in
    行为 xing), one reading only. A character without a syllable of ``syllables`` is left out."""
    # Imported here, not with the module: pypinyin's phrase dictionary takes about 0.2 s and 40 MB to load, which
    # every build paid, though only an edition written mostly in Chinese characters reads pinyin.
    from pypinyin import Style, lazy_pinyin

    # A character without pinyin reads as "-" (one item each, so the readings stay beside their characters).
    read = lazy_pinyin(run, style=Style.NORMAL, errors=lambda _: "-")
    return tuple((character, syllable) for character, syllable in zip(run, read, strict=True)
                 if _SYLLABLE.fullmatch(syllable))


@functools.cache
def syllables() -> tuple[str, ...]:
    """Every toneless syllable with a vowel of pypinyin's dictionary of characters, sorted (about 420), ü
    written v: the syllables the browser splits a Latin query into."""
    from pypinyin.contrib.tone_convert import to_normal  # imported when used, as in ``readings``
    from pypinyin.pinyin_dict import pinyin_dict

    toned = {reading for readings in pinyin_dict.values() for reading in readings.split(",")}
    return tuple(sorted(plain for plain in {to_normal(reading, v_to_u=False) for reading in toned}
                        if _SYLLABLE.fullmatch(plain)))
