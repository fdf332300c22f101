"""The text rules: which characters and Markdown blocks a text may not hold, in trees and translations alike."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from wizard.compiler import compile_file
from wizard.text_rules import (
    BLANK_SYMBOLS,
    INVISIBLE_LETTERS,
    character_class,
    check_characters,
    check_markdown_blocks,
    check_text,
    is_blank,
)

FIXTURES = Path(__file__).parent / "fixtures" / "trees"
TREES = Path(__file__).resolve().parents[1] / "trees"


@pytest.mark.parametrize(
    ("text", "offset", "named"),
    [
        ("a\rb", 1, "U+000D (CARRIAGE RETURN)"),
        ("\x00", 0, "U+0000 (NULL)"),
        ("x\x1b[2J", 1, "U+001B (ESCAPE)"),
        ("c1 \x9b", 3, "U+009B (CONTROL SEQUENCE INTRODUCER)"),
        ("abc\u202edef", 3, "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("\u2066isolate", 0, "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("zero\u200bwidth", 4, "U+200B (ZERO WIDTH SPACE)"),
        ("soft\u00adhyphen", 4, "U+00AD (SOFT HYPHEN)"),
        ("word\u2060joiner", 4, "U+2060 (WORD JOINER)"),
        ("tag \U000e0041", 4, "U+E0041 (TAG LATIN CAPITAL LETTER A)"),
        ("a\u200db", 1, "U+200D (ZERO WIDTH JOINER)"),
        ("line\u2028sep", 4, "U+2028 (LINE SEPARATOR)"),
        ("\ufeffbom", 0, "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
    ],
)
def test_refused_characters_are_named(text: str, offset: int, named: str) -> None:
    found = check_characters(text)
    assert found is not None and found.offset == offset and named in found.message


@pytest.mark.parametrize(
    "text",
    ["你好，世界。“引号”《书名》、；：？！…—", "全角\u3000空格", "tab\tand\nline", "non\u00a0breaking",
     "emoji 👩\u200d⚕️ and 👨🏽\u200d💻 family 👨\u200d👩\u200d👧", "é (e\u0301)", "①②③ ㈠"],
)
def test_ordinary_text_is_allowed(text: str) -> None:
    assert check_characters(text) is None and not is_blank(text)


_ORDINARY = "Pay 300 yuan, 退款。\t"


@pytest.mark.reliability("bad-input")
def test_every_refused_code_point_is_found_behind_ordinary_text() -> None:
    """The check takes a fast way for texts it can vouch for at once; no refused character may slip through it."""
    missed = []
    for point in range(0x110000):
        char = chr(point)
        if character_class(char) is not None and char != "\u200d":  # the joiner is allowed between two emoji
            finding = check_characters(f"{_ORDINARY}{char}\n")
            if finding is None or finding.offset != len(_ORDINARY):
                missed.append(f"U+{point:04X}")
    assert missed == []


@pytest.mark.reliability("property")
def test_every_code_point_in_one_line_text_is_judged_by_its_class() -> None:
    """A one-line text skips the copy without tab and line feed: in such a text every refused code point is found
    at its own place, and the allowed ones (taken a few thousand at a time) are all let through."""
    prefix = _ORDINARY.rstrip("\t")
    chars = [chr(point) for point in range(0x110000)]
    refused = [char for char in chars if character_class(char) is not None]
    allowed = "".join(char for char in chars if character_class(char) is None)
    missed = [char for char in refused if (found := check_characters(prefix + char)) is None
              or found.offset != len(prefix)]
    blocked = [allowed[i:i + 4096] for i in range(0, len(allowed), 4096)
               if check_characters(prefix + allowed[i:i + 4096].replace("\n", "").replace("\t", "")) is not None]
    assert missed == [] and blocked == [] and len(refused) > 2000


@pytest.mark.reliability("property")
def test_blank_is_decided_by_every_character_whatever_comes_first() -> None:
    """A text starting with a letter or digit is not blank at once, unless that letter draws nothing (a Hangul
    filler): each letter and digit, alone or before a visible letter, gets the per-character answer."""
    wrong = []
    for char in (chr(point) for point in range(0x110000)):
        if not char.isalnum():  # only letters and digits take the fast way
            continue
        drawn = not (char.isspace() or char in BLANK_SYMBOLS or char in INVISIBLE_LETTERS
                     or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"))
        if is_blank(char) == drawn or is_blank(char + "a"):
            wrong.append(f"U+{ord(char):04X}")
    assert wrong == [] and is_blank("\u3164") and not is_blank("\u3164a")


@pytest.mark.parametrize("text", ["\u3164", "\u2800\u3000", "\u115f\u1160 \u00a0"])
def test_invisible_only_text_is_blank(text: str) -> None:
    assert is_blank(text)


@pytest.mark.parametrize(
    ("text", "line_start"),
    [("# Title", 0), ("Text\n\n  ## Sub", 6), ("#hashtag", 0), ("Text\n===", 5), ("Text\n-", 5),
     ("a\n\n---", 3), ("_ _ _", 0), ("see [x][r]\n\n[r]: https://x.org", 12)],
)
def test_page_changing_blocks_are_found_at_their_line(text: str, line_start: int) -> None:
    found = check_markdown_blocks(text)
    assert found is not None and found.offset == line_start + len(text[line_start:]) - len(
        text[line_start:].lstrip(" "))


@pytest.mark.parametrize("text", ["A *list*:\n\n- one\n- two", "C# and F# # not at the start", "1. a\n2. b",
                                  "Cost: 5 - 3 = 2", "| a | b |", "<h1>shown as text</h1>", "[a](https://x.org)"])
def test_ordinary_markdown_is_allowed(text: str) -> None:
    assert check_text(text, markdown=True) is None


def test_plain_fields_may_start_with_a_hash() -> None:
    assert check_text("#1 choice", markdown=False) is None


def test_the_project_trees_follow_the_rules() -> None:
    # Chinese translations included: full-width punctuation and spaces are ordinary text.
    for path in (p for p in TREES.glob("*.yaml") if "." not in p.stem):  # each with its translations
        result = compile_file(path)
        assert not result.errors, [d.format() for d in result.errors]


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  zh: 万用测试流程", '  zh: "万用\\u202E测试流程"',
         "kitchen-sink.zh.yaml:9:10: error: the translation of `title` contains U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("      zh: 你可以撤回投诉。", "      zh: |\n        你可以撤回投诉。\n        # 在这里付款",
         "error: the translation of node `can_withdraw`, `explanation` has a line starting with `#`"),
        ("  zh: 万用测试流程", '  zh: "\\u2800"', "error: the translation of `title` has no visible character."),
    ],
)
def test_translations_follow_the_same_rules(tmp_path: Path, old: str, new: str, expected: str) -> None:
    trees = tmp_path / "trees"
    trees.mkdir()
    shutil.copy(FIXTURES / "kitchen-sink.yaml", trees / "kitchen-sink.yaml")
    zh = (FIXTURES / "kitchen-sink.zh.yaml").read_text(encoding="utf-8")
    assert old in zh
    (trees / "kitchen-sink.zh.yaml").write_text(zh.replace(old, new, 1), encoding="utf-8")
    errors = [d.format() for d in compile_file(trees / "kitchen-sink.yaml").diagnostics if d.is_error]
    assert any(expected in error for error in errors), errors
