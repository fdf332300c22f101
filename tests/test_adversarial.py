"""Inputs built to be costly: every one is checked in linear time, and repeated problems are counted, not listed.

The speed targets themselves (2 s, 300 MB for any file under the size limit) are in `make bench`
(scripts/bench_adversarial.py); the bounds here only say that nothing hangs.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard import plain_language, yamlread
from wizard.compiler import compile_file
from wizard.diagnostics import ERROR, Diagnostic, cap_repeats
from wizard.loader import MAX_CANDIDATES_TRIED, did_you_mean, suggestion_budget
from wizard.synthetic import bracket_tree, dangling_links_tree, fill, ladder_tree, long_chain_tree, unknown_keys_tree

REPO = Path(__file__).resolve().parent.parent
NEAR_LIMIT = 990_000


def _check(path: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    begin = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "wizard", "check", str(path)], capture_output=True, text=True,
                          cwd=path.parent, timeout=120, check=False)
    return done, time.perf_counter() - begin


def test_repeats_of_one_kind_are_counted_after_the_first_twenty() -> None:
    found = [Diagnostic("t.yaml", line, 5, ERROR, f"unknown key `extra_{line}` in node `done`.", "Allowed: a.")
             for line in range(1, 101)]
    found.append(Diagnostic("t.yaml", 200, 1, ERROR, "node `a` leads to `b`, which is not a node of this tree."))
    capped = cap_repeats(found)
    assert [d.line for d in capped] == [*range(1, 22), 200]
    summary = capped[20]
    assert summary.format() == ("t.yaml:21:5: error: and 80 more errors like this: unknown key `…` in node `…`. "
                                "Only the first 20 of each kind are shown; fix those and check again.")
    assert summary.count == 80
    assert sum(d.count for d in capped) == len(found)


def test_other_files_and_severities_are_other_kinds() -> None:
    found = [Diagnostic(name, line, 1, severity, f"node `n{line}` cannot be reached.")
             for name in ("a.yaml", "b.yaml") for severity in ("error", "warning") for line in range(1, 26)]
    capped = cap_repeats(found)
    assert len(capped) == 4 * 21
    assert {d.count for d in capped if d.message.startswith("and ")} == {5}


@pytest.mark.reliability("bad-input")
def test_ninety_thousand_unknown_keys_print_one_screen(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text(fill(unknown_keys_tree, NEAR_LIMIT), encoding="utf-8")
    done, seconds = _check(path)
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert len(lines) == 21
    more = int(lines[-1].split("and ")[1].split(" more")[0].replace(",", ""))
    assert more > 40_000
    assert lines[-1].endswith("more errors like this: unknown key `…` in node `…`. Only the first 20 of each kind "
                              "are shown; fix those and check again.")
    # The count says how many there are, not how many lines were printed.
    assert f"checked 1 file(s): {20 + more} error(s)" in done.stderr
    assert "Traceback" not in done.stderr
    assert seconds < 60  # does not hang; the target (2 s) is in the benchmark


@pytest.mark.parametrize("generate", [long_chain_tree, dangling_links_tree, bracket_tree, ladder_tree],
                         ids=["chain", "dangling", "brackets", "long-example"])
def test_costly_inputs_near_the_size_limit_are_checked(tmp_path: Path, generate: object) -> None:
    assert callable(generate)
    (tmp_path / "content.toml").write_text("[sentences]\nmax_words = 30\n", encoding="utf-8")
    path = tmp_path / "costly.yaml"
    path.write_text(fill(generate, NEAR_LIMIT), encoding="utf-8")
    done, seconds = _check(path)
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert done.stderr.startswith("checked 1 file(s): ")
    assert len(done.stdout.splitlines()) <= 3 * 21  # at most three kinds of problem, each capped
    assert seconds < 60


def test_dangling_links_keep_their_guesses_among_thousands_of_nodes(tmp_path: Path) -> None:
    path = tmp_path / "dangling.yaml"
    path.write_text(dangling_links_tree(4000), encoding="utf-8")
    lines = [d.format() for d in compile_file(path, display="d.yaml").diagnostics if d.is_error]
    # Node i's `no` leads to `stp_<i·7919 mod 4000>x`: the guess is the node of that number.
    assert lines[1] == ("d.yaml:22:11: error: node `step_1` leads to `stp_3919x`, which is not a node of this tree. "
                        "Did you mean `step_3919`?")
    assert lines[-1].startswith("d.yaml:") and "and 3,980 more errors like this: node `…` leads to `…`" in lines[-1]


def test_did_you_mean_is_difflib_on_short_lists_and_bounded_on_long_ones() -> None:
    words = [f"word_{i}" for i in range(MAX_CANDIDATES_TRIED)]
    assert did_you_mean("wrod_17", words) == "word_17"
    many = [f"node_{i:05d}" for i in range(50_000)]
    assert did_you_mean("node_04321x", many) == "node_04321"
    assert did_you_mean("zzzzzzzzzz", many) is None
    with suggestion_budget(MAX_CANDIDATES_TRIED):
        assert did_you_mean("node_12345", many) == "node_12345"
        assert did_you_mean("node_12346", many) is None  # the file's budget is spent: no more guesses


@pytest.mark.parametrize("piece", ["[", "[a](", "](", "`[", "[[x] ", "\n- ", ". ", "1. "])
def test_sentences_of_bracket_heavy_texts_take_linear_time(piece: str) -> None:
    text = (piece * 20_000)[:20_000]
    begin = time.perf_counter()
    found = plain_language.sentences(text)
    assert time.perf_counter() - begin < 5  # quadratic took seconds per text; linear takes milliseconds
    assert sum(len(s) for s in found) <= len(text)


def test_markdown_links_still_count_as_their_text() -> None:
    assert plain_language.sentences("See [the rules](https://example.org/a(b)) now.") == ["See the rules) now."]
    assert plain_language.sentences("A [b] c `[x` d.") == ["A [b] c  d."]


def _first_too_deep_by_recursion(node: yaml.Node, depth: int = 1) -> yaml.Node | None:
    """The rule in its plainest form: the first collection, in document order, deeper than MAX_DEPTH."""
    if isinstance(node, yaml.ScalarNode):
        return None
    if depth > yamlread.MAX_DEPTH:
        return node
    children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else node.value
    return next((found for child in children if (found := _first_too_deep_by_recursion(child, depth + 1))), None)


def _nested(data: st.DataObject, depth: int) -> str:
    """A flow collection about ``depth`` levels deep: mappings and lists mixed, one deep item among shallow ones
    at each level (anywhere among them)."""
    if depth <= 0:
        return "x"
    items = [_nested(data, data.draw(st.integers(0, 1))) for _ in range(data.draw(st.integers(0, 2)))]
    items.insert(data.draw(st.integers(0, len(items))), _nested(data, depth - 1))
    if data.draw(st.booleans()):
        return "[" + ", ".join(items) + "]"
    return "{" + ", ".join(f"k{i}: {item}" for i, item in enumerate(items)) + "}"


@pytest.mark.reliability("property")
@settings(max_examples=25, deadline=None)
@given(st.data())
def test_the_first_collection_too_deep_is_the_first_in_the_file(data: st.DataObject) -> None:
    # Read level by level for speed: the collection reported must be the one a walk in file order finds first.
    # Depths around the limit (the file itself is the first level): some lines too deep, some not.
    lines = [f"k{n}: {_nested(data, data.draw(st.integers(36, 42)))}" for n in range(data.draw(st.integers(1, 4)))]
    root = yaml.compose("\n".join(lines), Loader=yamlread._Loader)
    assert root is not None
    assert yamlread._first_too_deep(root) is _first_too_deep_by_recursion(root)
