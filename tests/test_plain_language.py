"""The plain-language check: thresholds from content.toml, long sentences and unexplained terms."""

from __future__ import annotations

from pathlib import Path

from wizard.checker import check_file
from wizard.compiler import compile_file
from wizard.plain_language import character_count, find_config, load_config, sentences

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


# Chinese: sentences measured in characters, terms found without spaces around them ---------------------------

ZH_CONFIG = (
    '[languages]\nrequired = ["zh"]\n\n[languages.zh]\nmax_characters = 12\nglossary = "docs/zh/glossary.md"\n'
    'terms = ["调解", "规则手册"]\n'
)


def _zh_project(tmp_path: Path, zh_text: str) -> Path:
    path = _project(tmp_path, ZH_CONFIG, "# Glossary\n", KITCHEN.read_text(encoding="utf-8"))
    (tmp_path / "docs" / "zh").mkdir()
    (tmp_path / "docs" / "zh" / "glossary.md").write_text("# 术语表\n\n### 规则手册（Rule book） {#rules}\n\n书。\n",
                                                         encoding="utf-8")
    path.with_name("kitchen-sink.zh.yaml").write_text(zh_text, encoding="utf-8")
    return path


def _zh_findings(path: Path) -> list[str]:
    return [d.format() for d in compile_file(path, display="tree.yaml").diagnostics]


def test_chinese_sentences_are_counted_in_characters_with_latin_words_as_one() -> None:
    assert character_count("请拨打12315热线。") == 7  # 请 拨 打 12315 热 线 。
    assert character_count("Taobao 的 App") == 3
    assert sentences("第一句。第二句！\n\n- 第三句") == ["第一句。", "第二句！", "第三句"]


def test_a_long_chinese_sentence_is_warned_in_the_translation_at_its_line(tmp_path: Path) -> None:
    long = "这一句有十三个汉字那么长呢。"
    zh = (KITCHEN.with_name("kitchen-sink.zh.yaml").read_text(encoding="utf-8")
          .replace("  zh: 使用每一种节点、每一种公式功能和每一个结果字段。", f"  zh: 短句。{long}"))
    findings = _zh_findings(_zh_project(tmp_path, zh))
    wanted = f"kitchen-sink.zh.yaml:12:7: warning: a sentence of 14 characters (at most 12): \"{long}\"."
    assert any(f.endswith(f"{wanted} Split it into shorter sentences.") for f in findings), findings
    assert not any("短句" in f for f in findings)


def test_a_chinese_term_needs_a_heading_in_the_chinese_glossary(tmp_path: Path) -> None:
    findings = _zh_findings(_zh_project(tmp_path, KITCHEN.with_name("kitchen-sink.zh.yaml").read_text("utf-8")))
    glossary = [f for f in findings if "glossary" in f]
    # 调解 (mediation) appears inside longer words (进入调解) and has no heading; 规则手册 has one.
    assert len(glossary) == 1 and "`调解` is used but docs/zh/glossary.md does not explain it." in glossary[0], findings
    assert "kitchen-sink.zh.yaml:" in glossary[0]


def test_a_missing_required_translation_is_an_error_once_the_tree_is_right(tmp_path: Path) -> None:
    path = _project(tmp_path, ZH_CONFIG, "# Glossary\n", KITCHEN.read_text(encoding="utf-8"))
    errors = [d.format() for d in compile_file(path, display="tree.yaml").errors]
    assert errors == ["tree.yaml:1:1: error: the 简体中文 translation (kitchen-sink.zh.yaml) is missing. Every "
                      "procedure needs one: `wizard translate tree.yaml` writes it, with each English text to "
                      "translate."]
    path.write_text(path.read_text(encoding="utf-8").replace("start: channel", "start: nowhere"), encoding="utf-8")
    errors = [d.format() for d in compile_file(path, display="tree.yaml").errors]
    assert errors and not any("translation" in e for e in errors), "the tree's own errors come first"


def test_the_repository_config_has_chinese_rules() -> None:
    config_path = find_config(REPO / "trees")
    assert config_path is not None
    config = load_config(config_path, "zh")
    assert config.max_sentence_characters and config.terms
    assert config.glossary_file == "docs/zh/glossary.md"
    missing = [term for term in config.terms if not any(term.lower() in heading for heading in config.glossary)]
    assert not missing, f"terms without a heading in the Chinese glossary: {missing}"
