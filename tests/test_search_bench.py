"""The search bench measures what readers get: the right procedure's page first, on a site whose other pages do
not quote the bench's queries (a page that quotes a query wins it, or takes its words' best score)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

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
