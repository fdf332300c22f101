"""Tree text printed by the tools cannot act on a terminal, a workflow log or a pull request comment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wizard import semdiff
from wizard.compiler import compile_file
from wizard.core.engine import step
from wizard.diagnostics import ERROR, Diagnostic
from wizard.escaping import for_markdown, for_terminal, for_workflow_command
from wizard.terminal import describe_step

REPO = Path(__file__).resolve().parents[1]
KITCHEN = REPO / "tests" / "fixtures" / "trees" / "kitchen-sink.yaml"
# Retitle the terminal window, clear the screen, reorder the line, hide a word, ring, overwrite the line.
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u202eevil\u200b\x9b31m\rok\x00"
RAW = ("\x1b", "\x07", "\u202e", "\u200b", "\x9b", "\r", "\x00")


def test_terminal_escapes_show_each_character() -> None:
    assert for_terminal(HOSTILE) == "\\x1b]0;pwned\\x07\\x1b[2J\\u202eevil\\u200b\\x9b31m\\x0dok\\x00"
    assert for_terminal("中文　全角\tand\nlines") == "中文　全角\tand\nlines"
    assert for_terminal("a\nb\tc", one_line=True) == "a\\nb\\tc"
    assert for_terminal("👩\u200d⚕️ \U000e0041") == "👩\\u200d⚕️ \\U000e0041"


@pytest.mark.reliability("injection")
def test_diagnostics_print_no_control_character() -> None:
    diagnostic = Diagnostic(f"t{HOSTILE}.yaml", 3, 5, ERROR, f"unknown key `{HOSTILE}` in node `x`.",
                            "Fix it.\nerror: fake line")
    gnu = diagnostic.format()
    github = diagnostic.format_github()
    for raw in (*RAW, "\n"):
        assert raw not in gnu and raw not in github
    assert "unknown key `\\x1b]0;pwned\\x07" in gnu
    # The runner's own rules: %, CR, LF in the message; also : and , in the file property.
    assert for_workflow_command("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert for_workflow_command("a:b,c%", property_value=True) == "a%3Ab%2Cc%25"
    assert github.startswith("::error file=t\\x1b]0;pwned\\x07\\x1b[2J\\u202eevil\\u200b\\x9b31m%0Dok\\x00.yaml,")


@pytest.mark.reliability("injection")
def test_wizard_run_prints_no_control_character() -> None:
    tree = compile_file(KITCHEN).tree
    assert tree is not None
    first = tree["nodes"][tree["start"]]
    assert first["type"] == "choice"
    first["question"] = HOSTILE
    text = describe_step(step(tree, {}))
    assert "\\x1b]0;pwned" in text
    assert not any(raw in text for raw in RAW)


@pytest.mark.reliability("injection")
@pytest.mark.parametrize(
    "text",
    ["<img src=x onerror=alert(1)>", "@security-team look", "[click](https://evil.example/)", "a | b | c",
     "``code`` and `x`", "**bold** <!-- comment --> ![i](https://evil.example/i.png)", "`", "line\nbreak",
     "https://evil.example/auto", ":tada: #123 \\|"],
)
def test_markdown_shows_tree_text_verbatim(text: str) -> None:
    cell = for_markdown(text)
    fence = cell[: len(cell) - len(cell.lstrip("`"))]
    assert cell.endswith(fence) and "\n" not in cell
    inner = cell[len(fence):-len(fence)]
    # The code span holds no run of backticks as long as its fence, and no unescaped pipe that splits a cell.
    assert fence not in inner
    assert "|" not in inner.replace("\\|", "")
    assert inner.strip().replace("\\|", "|") == " ".join(text.split())


@pytest.mark.reliability("injection")
def test_diff_outputs_escape_tree_text(tmp_path: Path) -> None:
    tree = compile_file(KITCHEN).tree
    assert tree is not None
    tree["title"] = f"<img src=x onerror=alert(1)> @team | [a](https://evil.example/) {HOSTILE}"
    diffs = [semdiff.added_tree("new", tree)]
    report = semdiff.format_markdown(diffs)
    line = next(line for line in report.splitlines() if "@team" in line)
    assert line.startswith("- added: new procedure `<img") and line.endswith("`")
    assert "\\|" in line and not any(raw in report for raw in RAW)
    text = semdiff.format_text(diffs)
    assert "\\x1b]0;pwned" in text and not any(raw in text for raw in RAW)
    # The command itself, end to end: a file with such a title is refused, and nothing raw is printed.
    bad = tmp_path / "bad.yaml"
    bad.write_text(KITCHEN.read_text(encoding="utf-8").replace("title:", 'title: "\\e]0;x\\a" #', 1),
                   encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "wizard", "diff", "--format", "markdown", str(KITCHEN), str(bad)],
                          capture_output=True, text=True, cwd=REPO, check=False)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "U+001B (ESCAPE)" in done.stderr and "\x1b" not in done.stderr
