"""Adversarial inputs: `wizard check` of generated files built to be costly, against an ordinary tree of the same
size, and a site build with a 1 MB tree against one without it.

Every file is just under the size limit (`wizard.yamlread.MAX_FILE_BYTES`). Each check runs in a fresh process
that reports its own peak memory, as in bench_build. Targets: check ≤ 2 s and ≤ 300 MB.

    python scripts/bench_adversarial.py      (prints the table and the JSON; `make bench` runs it too)
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import _CONFIG, REPO, run_measured

from wizard import synthetic
from wizard.yamlread import MAX_FILE_BYTES

TARGET_SECONDS = 2.0
TARGET_MIB = 300.0
SITE_TIMEOUT = 300.0  # a site build that takes longer is recorded as such, not waited for
# Just under the limit: the largest file the checker accepts to read.
SIZE = MAX_FILE_BYTES - 1_000
INPUTS: dict[str, Callable[[int], str]] = {
    "ordinary tree (baseline)": synthetic.ordinary_tree,
    "long chain of questions": synthetic.long_chain_tree,
    "many links to missing nodes": synthetic.dangling_links_tree,
    "many unknown keys": synthetic.unknown_keys_tree,
    "bracket-heavy texts": synthetic.bracket_tree,
    "one example answering every question": synthetic.ladder_tree,
}
# The plain-language check runs only under a content.toml; these rules make it scan every text.
_CONTENT = '[sentences]\nmax_words = 30\n\n[glossary]\nfile = "glossary.md"\nterms = ["appeal", "12315"]\n'


def bench_checks(runs: int = 3) -> list[dict[str, Any]]:
    """For each input, median seconds, peak MiB and output size of `wizard check FILE` (fresh process each)."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content.toml").write_text(_CONTENT, encoding="utf-8")
        for index, (name, generate) in enumerate(INPUTS.items()):
            path = root / f"input-{index}.yaml"
            path.write_text(synthetic.fill(generate, SIZE), encoding="utf-8")
            measured = [run_measured("wizard", ["check", str(path)], root) for _ in range(runs)]
            if any("Traceback" in done.stderr for done in measured):
                raise RuntimeError(f"wizard check crashed on {name}:\n{measured[0].stderr[-2000:]}")
            last = measured[-1]
            print(f"check: {name}: {statistics.median(done.seconds for done in measured):.2f} s", file=sys.stderr)
            rows.append({"input": name, "bytes": path.stat().st_size,
                         "seconds": statistics.median(done.seconds for done in measured),
                         "peak_mib": max(done.peak_mib for done in measured),
                         "output_lines": last.stdout.count("\n"), "output_bytes": len(last.stdout.encode()),
                         "exit": last.returncode})
    return rows


def _site(root: Path, extra: str | None) -> Path:
    """A small site of 10 generated trees, plus one ``extra`` tree text when given."""
    project = root / ("with" if extra else "without")
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Bench\n\nGenerated procedures.\n", encoding="utf-8")
    (project / "node_modules").symlink_to(REPO / "node_modules")
    (project / "trees").mkdir()
    for seed in range(10):
        (project / "trees" / f"generated-{seed:02d}.yaml").write_text(synthetic.mixed_tree(seed, 30),
                                                                      encoding="utf-8")
    if extra is not None:
        (project / "trees" / "large.yaml").write_text(extra, encoding="utf-8")
    (project / "mkdocs.yml").write_text(_CONFIG.format(plugins="  - wizard"), encoding="utf-8")
    return project


def bench_site(runs: int = 1) -> list[dict[str, Any]]:
    """Seconds and peak MiB of a site build without a large tree, with a 1 MB ordinary one, and with 1 MB of
    bracket-heavy texts (the page renders every text)."""
    cases: dict[str, str | None] = {
        "10 trees": None,
        "10 trees + a 1 MB ordinary tree": synthetic.fill(synthetic.ordinary_tree, SIZE),
        "10 trees + a 1 MB tree of bracket-heavy texts": synthetic.fill(synthetic.bracket_tree, SIZE),
    }
    rows: list[dict[str, Any]] = []
    for name, extra in cases.items():
        with tempfile.TemporaryDirectory() as folder:
            project = _site(Path(folder), extra)
            try:
                measured = [run_measured("mkdocs", ["build", "-q", "-d", str(project / "site")], project,
                                         timeout=SITE_TIMEOUT) for _ in range(runs)]
            except subprocess.TimeoutExpired:
                # A build that does not end is the finding itself: record it and go on.
                rows.append({"site": name, "seconds": None, "peak_mib": None, "timed_out_after": SITE_TIMEOUT})
                print(f"site build: {name}: over {SITE_TIMEOUT:.0f} s", file=sys.stderr)
                continue
            if any(done.returncode for done in measured):
                raise RuntimeError(f"mkdocs build failed for {name}:\n{measured[0].stderr[-2000:]}")
            rows.append({"site": name, "seconds": statistics.median(done.seconds for done in measured),
                         "peak_mib": max(done.peak_mib for done in measured)})
            print(f"site build: {name}: {rows[-1]['seconds']:.1f} s", file=sys.stderr)
    return rows


def bench_adversarial(runs: int = 3) -> dict[str, Any]:
    """The checks and the site builds, for the JSON report."""
    return {"checks": bench_checks(runs), "site": bench_site(1), "target_seconds": TARGET_SECONDS,
            "target_mib": TARGET_MIB}


def markdown_table(results: dict[str, Any]) -> str:
    """The adversarial results as the Markdown tables of docs/performance.md."""
    lines = ["| `wizard check` of | size | time | peak memory | output | target |",
             "| --- | ---: | ---: | ---: | ---: | --- |"]
    for row in results["checks"]:
        lines.append(f"| {row['input']} | {row['bytes'] / 1_000_000:.2f} MB | {row['seconds']:.2f} s | "
                     f"{row['peak_mib']:.0f} MiB | {row['output_lines']:,} lines | "
                     f"≤ {results['target_seconds']:.0f} s, ≤ {results['target_mib']:.0f} MB |")
    lines += ["", "| site build | time | peak memory |", "| --- | ---: | ---: |"]
    for row in results["site"]:
        if row["seconds"] is None:
            lines.append(f"| {row['site']} | over {row['timed_out_after']:.0f} s (stopped) | – |")
        else:
            lines.append(f"| {row['site']} | {row['seconds']:.2f} s | {row['peak_mib']:.0f} MiB |")
    if "date" in results:
        lines += ["", f"Measured {results['date']} on {results['machine']}; checks: median of 3 runs each."]
    return "\n".join(lines)


if __name__ == "__main__":
    found = bench_adversarial()
    print(markdown_table(found))
    print(json.dumps(found, indent=2))
