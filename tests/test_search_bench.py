"""The search bench measures what readers get: the right procedure's page first, on a site whose other pages do
not quote the bench's queries (a page that quotes a query wins it, or takes its words' best score)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def _bench() -> ModuleType:
    """scripts/bench_search.py, which is a script, not a module of the package."""
    spec = importlib.util.spec_from_file_location("bench_search", REPO / "scripts" / "bench_search.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_search", module)
    spec.loader.exec_module(module)
    return module


def test_only_a_procedure_page_first_counts() -> None:
    first = _bench().first_procedure
    site = "http://127.0.0.1:8000/"
    assert first([f"{site}zh/procedures/withdraw-complaint/"], "zh/") == "withdraw-complaint"
    assert first([f"{site}procedures/withdraw-complaint/", f"{site}about/"], "") == "withdraw-complaint"
    # A procedure's guide, a contributors' page that quotes a query, the other edition: not what the reader wanted.
    assert first([f"{site}zh/guides/withdraw-complaint/"], "zh/") is None
    assert first([f"{site}zh/performance/", f"{site}zh/procedures/withdraw-complaint/"], "zh/") is None
    assert first([f"{site}procedures/withdraw-complaint/"], "zh/") is None
    assert first([], "") is None


def test_no_page_quotes_a_query_of_the_bench() -> None:
    # Words a procedure's own tree uses (恶意投诉, 撤诉) are the procedure's words, not quotes of a query.
    trees = "\n".join(path.read_text(encoding="utf-8") for path in sorted((REPO / "trees").glob("*.yaml")))
    queries = [str(item["query"]) for items in _bench().load_queries().values() for item in items]
    quoted = [f"{page.relative_to(REPO)}: {query}" for page in sorted((REPO / "docs").rglob("*.md"))
              for text in [page.read_text(encoding="utf-8").lower()]
              for query in queries if query not in trees and query.lower() in text]
    assert not quoted, "describe a query's class instead of quoting it:\n" + "\n".join(quoted)


def test_one_named_set_runs_alone() -> None:
    bench = _bench()
    queries = {"en": [{"query": "a", "expect": "x"}, {"query": "b", "expect": "x", "set": "round-6"}],
               "zh": [{"query": "c", "expect": "x", "set": bench.NEWEST},
                      {"query": "d", "expect": "x", "set": "round-6"}]}
    assert bench.chosen_queries(queries, only="round-6") == {"en": [queries["en"][1]], "zh": [queries["zh"][1]]}
    assert bench.chosen_queries(queries, only="tuned") == {"en": [{"query": "a", "expect": "x"}], "zh": []}
    # Without a name: every set, or every set but the newest held-out one while tuning.
    assert bench.chosen_queries(queries) == queries
    assert [item["query"] for item in bench.chosen_queries(queries, tuned_only=True)["zh"]] == ["d"]
    assert bench.arguments(["--set", "round-6"]).only == "round-6"
    assert bench.arguments([]).only is None


@pytest.mark.reliability("bad-input")
def test_the_command_line_refuses_an_unknown_set(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _bench().arguments(["--set", "round-99"])
    assert "invalid choice: 'round-99'" in capsys.readouterr().err


@pytest.mark.reliability("bad-input")
def test_every_query_belongs_to_a_known_set(tmp_path: Path) -> None:
    bench = _bench()
    assert {bench.query_set(item) for items in bench.load_queries().values() for item in items} <= set(bench.SET_NAMES)
    misspelt = tmp_path / "queries.yaml"
    misspelt.write_text("en:\n  - {query: undo, expect: x, set: round6}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown query set round6"):
        bench.load_queries(misspelt)


def test_the_table_leaves_out_a_set_that_did_not_run() -> None:
    bench = _bench()
    empty = {"queries": 0, "top1": None}
    sets = {name: empty for name in bench.SET_NAMES} | {"round-6": {"queries": 4, "top1": 0.75}}
    table = bench.markdown_table({"en": {"sets": sets, "misses": []}, "zh": {"sets": sets, "misses": []}})
    assert "| held-out, 6th round, seen | 75% of 4 | 75% of 4 |" in table
    assert "tuned" not in table and "7th" not in table
