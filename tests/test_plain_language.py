"""The plain-language check: thresholds from content.toml, long sentences and unexplained terms."""

from __future__ import annotations

from pathlib import Path

from wizard.checker import check_file
from wizard.plain_language import find_config, load_config, sentences

REPO = Path(__file__).resolve().parents[1]
KITCHEN = REPO / "tests" / "fixtures" / "trees" / "kitchen-sink.yaml"


def _project(tmp_path: Path, config: str, glossary: str, tree_text: str) -> Path:
    (tmp_path / "content.toml").write_text(config, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "glossary.md").write_text(glossary, encoding="utf-8")
    (tmp_path / "trees").mkdir()
    path = tmp_path / "trees" / "kitchen-sink.yaml"
    path.write_text(tree_text, encoding="utf-8")
    return path


def _warnings(path: Path) -> list[str]:
    return [d.format() for d in check_file(path, "tree.yaml").diagnostics if not d.is_error]


def test_sentences_split_on_full_stops_paragraphs_and_list_items() -> None:
    assert sentences("One two. Three four!\n\n- Five six\n- Seven") == ["One two.", "Three four!", "Five six", "Seven"]
    assert sentences("See [the rules](https://example.org/a.b) and `x.y` now.") == ["See the rules and  now."]


def test_long_sentences_are_warned_at_their_field(tmp_path: Path) -> None:
    path = _project(tmp_path, "[sentences]\nmax_words = 5\n", "# Glossary\n", KITCHEN.read_text(encoding="utf-8"))
    warnings = _warnings(path)
    assert "tree.yaml:40:15: warning: a sentence of 6 words (at most 5): \"Has the complaint been accepted?\"" \
        not in warnings  # five words: fine
    assert any(w.startswith("tree.yaml:3:10: warning: a sentence of 11 words (at most 5): \"Uses every node kind")
               for w in warnings), warnings


def test_terms_need_a_glossary_entry(tmp_path: Path) -> None:
    config = '[glossary]\nfile = "docs/glossary.md"\nterms = ["mediation", "rule book"]\n'
    path = _project(tmp_path, config, "# Glossary\n\n### Rule book {#rules}\n\nThe book.\n",
                    KITCHEN.read_text(encoding="utf-8"))
    warnings = _warnings(path)
    assert [w for w in warnings if "glossary" in w] == [
        "tree.yaml:72:18: warning: `mediation` is used but docs/glossary.md does not explain it. Add a heading "
        "`### mediation` to the glossary, or say it in plain words."]


def test_without_a_config_file_the_check_is_off(tmp_path: Path) -> None:
    path = tmp_path / "tree.yaml"
    path.write_text(KITCHEN.read_text(encoding="utf-8").replace("Mediation starts soon.", "word " * 80), "utf-8")
    assert find_config(tmp_path) is None
    assert not any("a sentence of" in w for w in _warnings(path))


def test_the_repository_config_reads_the_real_glossary() -> None:
    config_path = find_config(REPO / "trees")
    assert config_path == REPO / "content.toml"
    config = load_config(config_path)
    assert config.max_sentence_words >= 20
    assert "acceptance" in config.glossary and config.terms
