"""Search quality of the procedures' profile alone: how often the procedure it scores best is the right one.

Offline (no site, no browser): the profiles are made from the compiled trees as the build makes them
(wizard/search_profile.py), and each query of bench/search-queries.yaml is scored by the browser's own code
(wizard/assets/search-profile.js, run in Node.js by scripts/search_profile.mjs). A tie for the best counts as
a miss. The table has the sets and columns of `make bench-search` (scripts/bench_search.py), which measures the
whole search (Pagefind's words and the profile) in the real search box.

    python scripts/bench_search_profile.py [--tuned-only | --set NAME]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench_search import NEWEST, SET_NAMES, SETS, chosen_queries, load_queries, markdown_table, query_set, rate

from wizard.core.vocabulary import SOURCE_LANGUAGE
from wizard.pipeline import build_folder
from wizard.search_profile import profile
from wizard.site.pages import procedure_url

REPO = Path(__file__).resolve().parents[1]
SCORER = REPO / "scripts" / "search_profile.mjs"
TIMEOUT_SECONDS = 120


def profiles(trees_dir: Path, languages: list[str]) -> dict[str, dict[str, Any]]:
    """The profile of each language's edition, from the trees of ``trees_dir`` (each tree's translation for a
    language other than the trees' own; a tree without one is not in that edition, as in the build)."""
    results = build_folder(trees_dir)
    editions: dict[str, dict[str, Any]] = {}
    for language in languages:
        trees = [(procedure_url(result.slug), tree) for result in results
                 for tree in [result.tree if language == SOURCE_LANGUAGE else result.translations.get(language)]
                 if tree is not None]
        editions[language] = profile(trees)
    return editions


def scores(known: dict[str, Any], queries: list[str]) -> list[dict[str, float]]:
    """The browser's scores of each query (procedure address -> score), from ``known``, the edition's profile."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as file:
        json.dump({"profile": known, "queries": queries}, file, ensure_ascii=False)
    try:
        done = subprocess.run(["node", str(SCORER), "scores", file.name], capture_output=True, text=True,
                              timeout=TIMEOUT_SECONDS, check=True)
    finally:
        Path(file.name).unlink()
    found: list[dict[str, float]] = json.loads(done.stdout)
    return found


def best(scored: dict[str, float]) -> str | None:
    """The one procedure scored best, or None when none is scored or two share the best score."""
    top = max(scored.values(), default=0.0)
    leaders = [address for address, score in scored.items() if score == top]
    return leaders[0] if top > 0 and len(leaders) == 1 else None


def bench_profile(trees_dir: Path, *, tuned_only: bool = False, only: str | None = None) -> dict[str, Any]:
    """Per language, each set's top-1 rate of the profile alone and the misses (the shape of bench_search's)."""
    queries = chosen_queries(load_queries(), only=only, tuned_only=tuned_only)
    editions = profiles(trees_dir, list(queries))
    results: dict[str, Any] = {}
    for language, items in queries.items():
        scored = scores(editions[language], [str(item["query"]) for item in items])
        rows = [{"query": str(item["query"]), "expect": item["expect"], "got": best(found), "set": query_set(item),
                 "first": best(found) == procedure_url(str(item["expect"]))}
                for item, found in zip(items, scored, strict=True)]
        results[language] = {"sets": {name: {"queries": len(chosen), "top1": rate(chosen)} for name, _ in SETS
                                      for chosen in [[row for row in rows if row["set"] == name]]},
                             "misses": [row for row in rows if not row["first"]]}
    return results


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line read: ``tuned_only`` and ``only`` (the one set to run, or None), as bench_search's."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--tuned-only", action="store_true", help=f"skip the newest held-out set, {NEWEST}")
    which.add_argument("--set", choices=SET_NAMES, dest="only", metavar="NAME",
                       help=f"run one set of queries alone: {', '.join(SET_NAMES)}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Score the chosen queries with the profile alone; print the table and the JSON."""
    args = arguments(argv)
    results = bench_profile(REPO / "trees", tuned_only=args.tuned_only, only=args.only)
    print(markdown_table(results))
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
