"""`make bench`: browser, Lighthouse, build and check benchmarks, printed as a table and written to JSON.

Writes bench/results.json and replaces the table between ``<!-- bench:start -->`` and ``<!-- bench:end -->``
in docs/performance.md and its Chinese edition. Not part of `make test`. Every ratio is against a baseline
measured in the same run.

    python scripts/bench.py [--runs N] [--quick]     (--quick: 2 browser runs, builds at 10 and 100 trees only)
    python scripts/bench.py --only adversarial       (only the adversarial inputs: their table and JSON key)
    python scripts/bench.py --only phone             (only the slow-phone series: its table and JSON key)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_adversarial import bench_adversarial
from bench_adversarial import markdown_table as adversarial_table
from bench_browser import bench_browser, build_site, lighthouse
from bench_build import as_json, bench_build, bench_check
from bench_phone import bench_phone
from bench_phone import markdown_table as phone_table
from bench_playground import bench_playground
from bench_search import bench_search
from bench_search import markdown_table as search_table

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "performance.md"
# The same table in every language edition of the page (the numbers need no translation).
DOCS = (DOC, REPO / "docs" / "zh" / "performance.md")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
# The adversarial inputs have their own table, so that `--only adversarial` rewrites it alone.
ADVERSARIAL_MARKERS = ("<!-- bench-adversarial:start -->", "<!-- bench-adversarial:end -->")
PHONE_MARKERS = ("<!-- bench-phone:start -->", "<!-- bench-phone:end -->")
TREE_PAGE = "withdraw-complaint"


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} ms"


def _size(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value / 1024:,.1f} KB" if value < 1024 * 1024 else f"{value / 1024 / 1024:,.1f} MB"


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _started(series: dict[str, Any]) -> str:
    """How the engine started in a series of visits: from the kept snapshot, from scratch, or both."""
    names = {"snapshot": "from the kept snapshot", "scratch": "from scratch"}
    return " and ".join(names.get(kind, kind) for kind in series.get("started_from") or []) or "start unknown"


def markdown_table(results: dict[str, Any]) -> str:
    """The results as the Markdown tables of docs/performance.md."""
    b = results["browser"]
    cold, warm, bare_c, bare_w, answers = b["wizard_cold"], b["wizard_warm"], b["bare_cold"], b["bare_warm"], b[
        "answers"]
    mobile = b.get("wizard_mobile") or {}
    rows = [
        ("first question painted (cold / warm)",
         f"{_ms(cold.get('question_painted_ms'))} / {_ms(warm.get('question_painted_ms'))}",
         f"plain page's heading painted {_ms(b.get('plain_page_content_painted_ms'))} "
         f"(its FCP, the header bar: {_ms(b['plain_page_fcp_ms'])})", "≤ 100 ms, ≤ plain page"),
        ("first question seen by a script (cold / warm)",
         f"{_ms(cold['first_question_ms'])} / {_ms(warm['first_question_ms'])}", "", "–"),
        ("engine ready, cold", _ms(cold["engine_ready_ms"]), f"bare {_ms(bare_c['engine_ready_ms'])}, ratio "
         f"{_ratio(b['engine_ratio_cold'])}", "ratio ≤ 1.10"),
        (f"engine ready, warm ({_started(warm)})", _ms(warm["engine_ready_ms"]),
         f"bare {_ms(bare_w['engine_ready_ms'])}, ratio {_ratio(b['engine_ratio_warm'])}", "< 1 s, ratio ≤ 1.10"),
        ("on a mobile connection (9 Mbit/s, +60 ms), cold: first question painted / engine ready / longest task",
         f"{_ms(mobile.get('question_painted_ms'))} / {_ms(mobile.get('engine_ready_ms'))} / "
         f"{_ms(mobile.get('longest_task_ms'))}",
         f"plain page's heading painted {_ms(b.get('plain_page_mobile_content_painted_ms'))}, its longest task "
         f"{_ms(b.get('plain_page_mobile_longest_task_ms'))}; bare engine "
         f"{_ms((b.get('bare_mobile') or {}).get('engine_ready_ms'))}, ratio {_ratio(b.get('engine_ratio_mobile'))}",
         "–"),
        (f"Continue → next view painted ({answers['count']} answers)",
         f"p50 {_ms(answers['p50_ms'])}, p95 {_ms(answers['p95_ms'])}", "", "p95 < 16 ms"),
        ("longest main-thread task", _ms(max(cold["longest_task_ms"], warm["longest_task_ms"],
                                             answers["longest_task_ms"])),
         f"plain page {_ms(b.get('plain_page_longest_task_ms'))}, "
         f"bare {_ms(max(bare_c['longest_task_ms'], bare_w['longest_task_ms']))}", "≤ 50 ms"),
        ("bytes transferred (cold / warm; then the offline copy, after the engine)",
         f"{_size(cold['bytes'])} / {_size(warm['bytes'])}; {_size(cold.get('offline_bytes', 0))}",
         f"bare {_size(bare_c['bytes'])} / {_size(bare_w['bytes'])}", "warm < 50 KB"),
        ("memory: page + worker (UA-specific) / main JS heap held (after a collection)",
         f"{_size(answers['ua_memory_bytes'])} / {_size(answers['js_heap_bytes'])}",
         f"bare {_size(bare_c['ua_memory_bytes'])} / {_size(bare_c['js_heap_bytes'])}", "–"),
    ]
    lines = ["| measure | ours | baseline | target |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {a} | {b_} | {c} | {d} |" for a, b_, c, d in rows]
    for key in ("lighthouse", "lighthouse_zh"):
        light = results.get(key, {})
        if "scores" in light:
            scores = ", ".join(f"{name} {score}" for name, score in light["scores"].items())
            lines.append(f"| Lighthouse, mobile, {light['url']} | {scores} | | perf ≥ 95, others 100 |")
        elif light:
            lines.append("| Lighthouse | failed to run | | |")
    lines += ["", "| trees | our build | plain Markdown | ratio | our peak memory | plain peak memory |",
              "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in results["build"]:
        lines.append(f"| {row['trees']:,} | {row['ours_seconds']:.2f} s | {row['baseline_seconds']:.2f} s | "
                     f"{row['ratio']:.2f} | {row['ours_peak_mib']:.0f} MiB | {row['baseline_peak_mib']:.0f} MiB |")
    check = results["check"]
    if "search" in results:
        lines += ["", search_table(results["search"])]
    lines += ["", f"`wizard check` of {check['trees']:,} trees: {check['seconds']:.2f} s (target: under 2 s).", "",
              f"Measured {results['date']} on {results['machine']} in {results['seconds']:.0f} s; "
              f"{b['wizard_cold']['runs']} cold and warm runs each (medians)."]
    return "\n".join(lines)


def update_doc(table: str, doc: Path = DOC, markers: tuple[str, str] = (START, END)) -> bool:
    """Put ``table`` between the markers of docs/performance.md; False when the markers are missing."""
    start, end = markers
    text = doc.read_text(encoding="utf-8")
    if start not in text or end not in text:
        return False
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    doc.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")
    return True


def _write(results: dict[str, Any], tables: list[tuple[str, tuple[str, str]]], write_docs: bool) -> None:
    """Write the JSON and put each table between its markers in every edition of the page."""
    out = REPO / "bench" / "results.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}")
    for doc in DOCS if write_docs else ():
        if all([update_doc(table, doc, markers) for table, markers in tables]):
            print(f"updated {doc.relative_to(REPO)}")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmarks, print the table, write the JSON and the doc's table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold and warm browser runs each (default 5)")
    parser.add_argument("--quick", action="store_true", help="fewer runs, builds at 10 and 100 trees only")
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/performance.md")
    parser.add_argument("--only", choices=("adversarial", "phone", "playground"),
                        help="run only this part (adversarial, phone: the rest of the JSON is kept; playground: "
                             "print it)")
    args = parser.parse_args(argv)
    if args.only == "playground":
        with tempfile.TemporaryDirectory() as folder:
            build_site(Path(folder) / "site")
            print(json.dumps(bench_playground(Path(folder) / "site"), indent=2))
        return
    begin = time.perf_counter()
    machine = {"machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
                          f"Python {platform.python_version()}",
               "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    if args.only in ("adversarial", "phone"):
        previous = REPO / "bench" / "results.json"
        kept: dict[str, Any] = json.loads(previous.read_text(encoding="utf-8")) if previous.is_file() else {}
        if args.only == "adversarial":
            kept["adversarial"] = {**bench_adversarial(), **machine}
            table, markers = adversarial_table(kept["adversarial"]), ADVERSARIAL_MARKERS
        else:
            with tempfile.TemporaryDirectory() as folder:
                build_site(Path(folder) / "site")
                kept["phone"] = {**bench_phone(Path(folder) / "site", runs=1 if args.quick else 3),
                                 **machine}
            table, markers = phone_table(kept["phone"]), PHONE_MARKERS
        print(table)
        _write(kept, [(table, markers)], not args.no_doc)
        return
    results: dict[str, Any] = dict(machine)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        results["site_build_seconds"] = build_site(site)
        results["browser"] = bench_browser(site, TREE_PAGE, runs=2 if args.quick else args.runs,
                                           network_runs=1 if args.quick else 3)
        print("browser done", file=sys.stderr)
        results["phone"] = {**bench_phone(site, runs=1 if args.quick else 3), **machine}
        print("slow phone done", file=sys.stderr)
        results["playground"] = bench_playground(site)
        results["lighthouse"] = lighthouse(site, TREE_PAGE, Path(folder) / "lighthouse.json")
        results["lighthouse_zh"] = lighthouse(site, TREE_PAGE, Path(folder) / "lighthouse-zh.json", "zh/")
        print("lighthouse done", file=sys.stderr)
        results["search"] = bench_search(site)
        print("search done", file=sys.stderr)
    results["build"] = as_json(bench_build([10, 100] if args.quick else [10, 100, 1000], runs=3))
    results["check"] = bench_check(1000, runs=3)
    results["adversarial"] = {**bench_adversarial(), **machine}
    results["seconds"] = time.perf_counter() - begin
    table = markdown_table(results)
    adversarial = adversarial_table(results["adversarial"])
    phone = phone_table(results["phone"])
    print(table, phone, adversarial, sep="\n\n")
    _write(results, [(table, (START, END)), (phone, PHONE_MARKERS), (adversarial, ADVERSARIAL_MARKERS)],
           not args.no_doc)


if __name__ == "__main__":
    main()
