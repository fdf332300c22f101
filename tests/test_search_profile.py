"""The procedures' profile for the site search (wizard/search_profile.py): what it reads of the trees, how it
weighs it, and that the browser (wizard/assets/search-profile.js) cuts a text into the same features."""

from __future__ import annotations

import copy
import itertools
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from wizard.compiler import compile_file
from wizard.search_pinyin import syllables
from wizard.search_profile import GRAM, features, profile, readings_of, weighed_texts

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "search_profile.mjs"


def _tree(slug: str = "withdraw-complaint", language: str = "en") -> dict[str, Any]:
    result = compile_file(REPO / "trees" / f"{slug}.yaml")
    compiled = result.tree if language == "en" else result.translations.get(language)
    assert compiled is not None
    return copy.deepcopy(dict(compiled))


def _weights(built: dict[str, Any], feature: str) -> dict[str, float]:
    """The weight of ``feature`` for each procedure that holds it, by address."""
    found = built["features"].get(feature, [])
    return {built["procedures"][int(index)]: weight for index, weight in zip(found[::2], found[1::2], strict=True)}


def test_words_are_cut_into_letter_grams_and_chinese_into_characters_and_pairs() -> None:
    assert features("Cancelled") == ["_cancelled_", "_can", "canc", "ance", "ncel", "cell", "elle", "lled", "led_"]
    assert features("12315 my") == ["_12315_", "_my_"], "a number and a word of GRAM padded letters: no grams"
    assert features("撤回投诉") == ["撤", "回", "投", "诉", "撤回", "回投", "投诉"]
    # Full-width digits and letters (a Chinese input method) read as plain ones; a pair never spans a word.
    assert features("１２３１５ 撤回，投诉") == ["_12315_", "撤", "回", "撤回", "投", "诉", "投诉"]
    assert GRAM == 4


def test_each_chinese_character_gets_its_toneless_syllable_as_read_in_its_phrase() -> None:
    assert readings_of("撤销投诉") == [("撤", "che"), ("销", "xiao"), ("投", "tou"), ("诉", "su")]
    # Polyphonic characters as pypinyin's phrases read them; ü as v; Latin is no Chinese.
    assert readings_of("银行，行为 he 12315") == [("银", "yin"), ("行", "hang"), ("行", "xing"), ("为", "wei")]
    assert readings_of("绿") == [("绿", "lv")]
    assert readings_of("嗯") == [], "an interjection without a vowel: no syllable a query splits into"
    assert readings_of("投㐂诉") == [("投", "tou"), ("诉", "su")], "a character without pinyin: none"


def test_the_syllables_are_pypinyins_with_a_vowel() -> None:
    inventory = syllables()
    assert {"a", "an", "xian", "zhuang", "lve", "nve", "er"} <= set(inventory)
    assert not {"m", "n", "ng", "hm", "hng", "ê", "lue", "xi'an"} & set(inventory)
    assert list(inventory) == sorted(set(inventory)) and 400 < len(inventory) < 450


def test_only_the_chinese_edition_holds_pinyin() -> None:
    tree = _tree("withdraw-complaint", "zh")
    chinese = profile([("a/", tree)])
    # Decided by the texts, not the language's code: the English texts are mostly Latin letters.
    english = profile([("a/", _tree("withdraw-complaint"))])
    assert chinese["syllables"] == list(syllables()) and "syllables" not in english and "readings" not in english
    said = {feature for _, text in weighed_texts(tree) for feature in features(text)}
    assert set(chinese["features"]) == said, "pinyin adds no feature: the browser reads it as characters"
    assert "撤" in chinese["readings"]["che"] and "诉" in chinese["readings"]["su"]
    held = {character for character in chinese["features"] if len(character) == 1 and not character.isascii()}
    assert set("".join(chinese["readings"].values())) == held, "every character the profile holds, and only they"
    assert all(list(read) == sorted(set(read)) for read in chinese["readings"].values())


def test_an_edition_without_chinese_never_loads_pinyin() -> None:
    # The phrase dictionary takes a fifth of a second and tens of MB: a build of English trees must not pay it.
    script = ("import sys; from pathlib import Path; from wizard.compiler import compile_file; "
              "from wizard.search_profile import profile; "
              "profile([('a/', compile_file(Path('trees/withdraw-complaint.yaml')).tree)]); "
              "print('pypinyin' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    assert done.stdout.strip() == "False", done.stderr


def test_every_text_readers_read_is_in_the_profile_and_nothing_else() -> None:
    tree = _tree()
    first = tree["nodes"][tree["start"]]
    first["options"][0]["label"] = "Quokka"  # a text readers read, deep in a node
    first["help"] = "**Wombat** help"  # Markdown: its words count, its markup is no word
    tree["start"] = "zyzzyva"  # a node id: not a text
    built = profile([("procedures/withdraw-complaint/", tree)])
    assert _weights(built, "_quokka_") and _weights(built, "_wombat_")
    assert not _weights(built, "_zyzzyva_")
    texts = [text for _, text in weighed_texts(tree)]
    assert tree["title"] in texts and tree["sources"]["measures_art11"]["note"] in texts


def test_the_trees_own_fields_weigh_more_than_its_body() -> None:
    first, second = _tree("withdraw-complaint"), _tree("complaint-contents")
    first["keywords"] = "quokka"
    second["nodes"][second["start"]]["question"] = "quokka"
    built = profile([("a/", first), ("b/", second)])
    weights = _weights(built, "_quokka_")
    assert weights["a/"] > 3 * weights["b/"], weights


def test_a_feature_every_procedure_holds_weighs_least() -> None:
    trees = [_tree(slug) for slug in ("withdraw-complaint", "complaint-contents", "tmall-store-complaint")]
    for tree, word in zip(trees, ("wombat", "wombat", "numbat"), strict=True):
        tree["nodes"][tree["start"]]["question"] = f"quokka {word}"
    built = profile([(f"{index}/", tree) for index, tree in enumerate(trees)])
    # Each once in a body text: the one of one procedure weighs most, the one of every procedure least, though
    # not nothing (measured: a little better than nothing, docs/performance.md).
    quokka = _weights(built, "_quokka_")
    assert set(quokka) == {"0/", "1/", "2/"}
    assert _weights(built, "_numbat_")["2/"] > _weights(built, "_wombat_")["0/"] > quokka["0/"] > 0
    assert built["procedures"] == ["0/", "1/", "2/"] and built["gram"] == GRAM


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_browser_cuts_a_text_into_the_same_features(tmp_path: Path) -> None:
    texts = ["Cancel my COMPLAINT, I'm done!", "complant adress", "投诉怎么cancel？12315", "撤銷投訴",
             "ＴＡＯＢＡＯ店铺", "café naïve résumé", "a b c", "", "𠀀投诉 emoji 🙂 x2 3d 䶵㐀",
             *[text for _, text in weighed_texts(_tree())]]
    given = tmp_path / "texts.json"
    given.write_text(json.dumps({"gram": GRAM, "texts": texts}, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(["node", str(SCRIPT), "features", str(given)], capture_output=True, text=True,
                          timeout=60, check=True)
    assert json.loads(done.stdout) == [features(text) for text in texts]


def _pinyin_typed(text: str, spaced: bool) -> str:
    """How a reader types a text's Chinese in pinyin: each run of characters its toneless syllables, spaced or
    joined, the runs apart (a comma: no pair spans two runs, as in the build)."""
    runs = [[syllable for _, syllable in readings_of(run)] for run in _han_runs(text)]
    return " , ".join((" " if spaced else "").join(run) for run in runs)


def _han_runs(text: str) -> list[str]:
    """The runs of Chinese characters of a text, as the build cuts them."""
    return re.findall(r"[\u3400-\u9fff]+", text)


def _node(tmp_path: Path, command: str, given: dict[str, Any]) -> Any:
    path = tmp_path / f"{command}.json"
    path.write_text(json.dumps(given, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(["node", str(SCRIPT), command, str(path)], capture_output=True, text=True, timeout=60,
                          check=True)
    return json.loads(done.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_browser_reads_pinyin_typed_for_a_text_as_the_build_reads_the_text(tmp_path: Path) -> None:
    # Typed joined, a text splits as the longest syllables first: these split back as their characters read.
    joined = ["撤销投诉", "天猫店铺被投诉怎么办", "淘宝骚扰扣分", "投诉书要写什么", "绿色，略微", "银行的行为"]
    tree = _tree("withdraw-complaint", "zh")
    spaced = [text for _, text in weighed_texts(tree) if _han_runs(text)]
    assert len(spaced) > 10
    han = [*joined, *spaced]
    typed = [*(_pinyin_typed(text, spaced=False) for text in joined),
             *(_pinyin_typed(text, spaced=True) for text in spaced)]
    # The browser cuts the pinyin into each syllable and each pair of neighbouring syllables of a run, as the
    # build read the characters.
    cut = _node(tmp_path, "features", {"gram": GRAM, "texts": typed, "syllables": list(syllables())})
    expected = []
    for text in han:
        runs = [[syllable for _, syllable in readings_of(run)] for run in _han_runs(text)]
        expected.append(Counter([*(f"'{one}" for run in runs for one in run),
                                 *(f"'{one}'{two}" for run in runs for one, two in itertools.pairwise(run))]))
    assert [Counter(feature for feature in found if feature.startswith("'")) for found in cut] == expected
    # And the profile leads that pinyin back to every character and pair of characters of the text.
    titled = [(f"{index}/", {**tree, "title": text}) for index, text in enumerate(joined)]
    built = profile([("a/", tree), *titled])
    reached = _node(tmp_path, "reach", {"profile": built, "queries": typed})
    for text, found in zip(han, reached, strict=True):
        chinese = {feature for feature in features(text) if re.fullmatch(r"[\u3400-\u9fff]+", feature)}
        assert chinese <= set(found), (text, chinese - set(found))
