"""Graph analysis: loops, reachability, path counts and longest paths, on small and very large trees."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard import graph
from wizard.synthetic import ladder_tree

REPO = Path(__file__).resolve().parent.parent


def _choice(*targets: str) -> dict[str, Any]:
    return {"type": "choice", "options": {f"o{i}": {"next": t} for i, t in enumerate(targets)}}


def _diamond() -> dict[str, dict[str, Any]]:
    return {
        "a": _choice("b", "c"),
        "b": {"type": "number", "next": "d"},
        "c": {"type": "route", "branches": [{"if": "true", "next": "d"}], "else": {"next": "e"}},
        "d": _choice("e", "e", "f"),
        "e": {"type": "outcome"},
        "f": {"type": "outcome"},
    }


def test_paths_are_counted_per_option() -> None:
    links = graph.all_links(_diamond())
    # a→b→d (3 ways) + a→c→d (3 ways) + a→c→e (1 way)
    assert graph.count_paths("a", links) == 7


def test_longest_counts_questions_only() -> None:
    nodes = _diamond()
    longest = graph.longest_remaining(nodes, graph.all_links(nodes))
    assert longest == {"e": 0, "f": 0, "d": 1, "b": 2, "c": 1, "a": 3}


def test_longest_path_in_nodes() -> None:
    assert graph.longest_path_nodes("a", graph.all_links(_diamond())) == 4


def test_cycle_is_found_and_named() -> None:
    nodes = _diamond()
    nodes["d"] = _choice("e", "a")
    cycle = graph.find_cycle(graph.all_links(nodes))
    assert cycle is not None
    assert cycle[0] == cycle[-1]
    assert set(cycle) <= {"a", "b", "c", "d"}


def test_no_cycle_in_a_tree() -> None:
    assert graph.find_cycle(graph.all_links(_diamond())) is None


def test_reachable_in_order_met() -> None:
    nodes = _diamond()
    nodes["lost"] = {"type": "outcome"}
    assert set(graph.reachable("a", graph.all_links(nodes))) == {"a", "b", "c", "d", "e", "f"}


def test_must_pass_is_the_intersection_of_all_ways() -> None:
    passed = graph.must_pass("a", graph.all_links(_diamond()))
    assert passed["d"] == frozenset({"a"})
    assert passed["b"] == frozenset({"a"})
    assert passed["e"] == frozenset({"a"})


def _must_pass_by_sets(start: str, links: dict[str, list[graph.Link]]) -> dict[str, frozenset[str]]:
    """The first, simple algorithm (a set per node, intersected along every link): the oracle for the new one."""
    live = set(graph.reachable(start, links))
    before: dict[str, frozenset[str] | None] = dict.fromkeys(live, None)
    before[start] = frozenset()
    for nid in graph.topological_order(links):
        here = before.get(nid)
        if nid not in live or here is None:
            continue
        for link in links[nid]:
            known = before[link.target]
            before[link.target] = here | {nid} if known is None else known & (here | {nid})
    return {nid: value for nid, value in before.items() if value is not None}


@st.composite
def _forward_graphs(draw: st.DrawFn) -> tuple[str, dict[str, dict[str, Any]]]:
    """A graph whose links only go forward (no loop), with several ends, unreachable parts and repeated links."""
    size = draw(st.integers(1, 30))
    nodes: dict[str, dict[str, Any]] = {}
    for i in range(size):
        targets = draw(st.lists(st.integers(i + 1, size), max_size=4))
        nodes[f"n{i}"] = _choice(*(f"n{t}" for t in targets))
    nodes[f"n{size}"] = {"type": "outcome"}
    return f"n{draw(st.integers(0, min(2, size)))}", nodes


@pytest.mark.reliability("property")
@settings(max_examples=300, deadline=None)
@given(_forward_graphs())
def test_must_pass_agrees_with_the_set_algorithm(case: tuple[str, dict[str, dict[str, Any]]]) -> None:
    start, nodes = case
    links = graph.all_links(nodes)
    expected = _must_pass_by_sets(start, links)
    passed = graph.must_pass(start, links)
    assert set(passed) == set(expected)
    for nid, before in expected.items():
        assert passed[nid] == before
        assert set(passed[nid]) == before
        assert {other for other in nodes if other in passed[nid]} == before
        assert {"q"} - passed[nid] == {"q"}


def test_must_pass_of_a_long_chain_is_not_quadratic() -> None:
    # A chain of 50,000 questions: a copied set per node would hold 1.25 billion names.
    nodes: dict[str, dict[str, Any]] = {f"n{i}": {"type": "number", "next": f"n{i + 1}"} for i in range(50_000)}
    nodes["n50000"] = {"type": "outcome"}
    passed = graph.must_pass("n0", graph.all_links(nodes))
    assert len(passed["n50000"]) == 50_000
    assert "n0" in passed["n50000"] and "n49999" in passed["n50000"]
    assert "n50000" not in passed["n50000"] and "n2" not in passed["n1"]


def test_deep_chain_does_not_overflow_the_stack() -> None:
    nodes: dict[str, dict[str, Any]] = {f"n{i}": {"type": "number", "next": f"n{i + 1}"} for i in range(50_000)}
    nodes["n50000"] = {"type": "outcome"}
    links = graph.all_links(nodes)
    assert graph.find_cycle(links) is None
    assert graph.count_paths("n0", links) == 1
    assert graph.longest_remaining(nodes, links)["n0"] == 50_000


def test_paths_command_on_two_thousand_nodes(tmp_path: Path) -> None:
    tree = tmp_path / "ladder.yaml"
    tree.write_text(ladder_tree(2000), encoding="utf-8")
    begin = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "wizard", "paths", str(tree)], capture_output=True, text=True,
                          cwd=REPO, timeout=60, check=False)
    seconds = time.perf_counter() - begin
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["routes a reader can take: 100000 or more",
                                        f"routes if every rule could go every way: {2 ** 2000}",
                                        "longest path: 2001 nodes, 2000 questions"]
    assert seconds < 10  # generous: the acceptance target (under 1 s) is tracked by the benchmark
