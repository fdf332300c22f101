"""A tree's `keywords`: an optional text, checked like every other text, translated, and shown on its page."""

from __future__ import annotations

from pathlib import Path

import pytest
from kitchen_sink import kitchen_sink_with

from wizard.compiler import compile_file
from wizard.site.page import KEYWORDS_WEIGHT, render_page

ENGLISH = "keywords: cancel, undo, revoke\n"
CHINESE = "keywords:\n  en: cancel, undo, revoke\n  zh: 撤销、取消\n"


def _errors(tree: Path) -> list[str]:
    return [d.message for d in compile_file(tree, display="tree.yaml").diagnostics if d.is_error]


def test_keywords_are_compiled_translated_and_shown_weighted(tmp_path: Path) -> None:
    result = compile_file(kitchen_sink_with(tmp_path, ENGLISH, CHINESE), display="tree.yaml")
    assert result.tree is not None and not [d for d in result.diagnostics if d.is_error]
    assert result.tree["keywords"] == "cancel, undo, revoke"
    chinese = result.translations["zh"]
    assert chinese["keywords"] == "撤销、取消"
    page = render_page(chinese)
    assert f'<dd data-pagefind-weight="{KEYWORDS_WEIGHT}">撤销、取消</dd>' in page
    assert "<dt data-pagefind-ignore>也可以搜索</dt>" in page


def test_without_keywords_the_page_has_no_keywords_line(tmp_path: Path) -> None:
    result = compile_file(kitchen_sink_with(tmp_path, None, None), display="tree.yaml")
    assert result.tree is not None and result.tree["keywords"] is None
    assert "Also searched as" not in render_page(result.tree)


@pytest.mark.reliability("bad-input")
def test_a_translation_must_give_the_keywords_of_the_tree(tmp_path: Path) -> None:
    # An untranslated text is counted once for the file (a warning; `--strict` makes it an error).
    result = compile_file(kitchen_sink_with(tmp_path, ENGLISH, None), display="tree.yaml")
    messages = [d.message for d in result.diagnostics]
    assert any("not translated" in message and "`keywords`" in message for message in messages), messages


@pytest.mark.reliability("bad-input")
def test_a_translation_cannot_add_keywords_the_tree_does_not_have(tmp_path: Path) -> None:
    # Since translations are never dropped (wizard.translation_carry), a text the tree does not have is a warning,
    # which fails a strict build; the Chinese edition still gets no keywords from it.
    result = compile_file(kitchen_sink_with(tmp_path, None, CHINESE), display="tree.yaml")
    warnings = [d.message for d in result.diagnostics if not d.is_error]
    assert any("`keywords` is not in the tree" in warning for warning in warnings), warnings
    assert result.tree is not None and "keywords" not in {k for k, v in result.translations["zh"].items() if v}


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("line", ["keywords:\n  en: cancel, undo, revoke\n  zh: \"撤销\\u202E取消\"\n",
                                  "keywords:\n  en: cancel, undo, revoke\n  zh: \"  \"\n"])
def test_translated_keywords_follow_the_text_rules(tmp_path: Path, line: str) -> None:
    errors = _errors(kitchen_sink_with(tmp_path, ENGLISH, line))
    assert any("keywords" in error for error in errors), errors


@pytest.mark.reliability("bad-input")
def test_keywords_are_text_not_a_list(tmp_path: Path) -> None:
    errors = _errors(kitchen_sink_with(tmp_path, "keywords: [cancel, undo]\n", None))
    assert any("keywords" in error for error in errors), errors
