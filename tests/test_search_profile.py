"""The procedures' profile for the site search (wizard/search_profile.py): what it reads of the trees, how it
weighs it, and that the browser (wizard/assets/search-profile.js) cuts a text into the same features."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from wizard.compiler import compile_file
from wizard.search_profile import GRAM, features, profile, weighed_texts

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "search_profile.mjs"


def _tree(slug: str = "withdraw-complaint") -> dict[str, Any]:
    compiled = compile_file(REPO / "trees" / f"{slug}.yaml").tree
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
