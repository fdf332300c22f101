"""`make bench`: build and check benchmarks, printed as a table and written to bench/results.json.

The browser measurements of the performance issue (first question, engine start, answer latency, transfers,
Lighthouse) are not written yet; this covers the build side. Not part of `make test`.
"""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import as_json, bench_build, bench_check

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    """Run the benchmarks, print the table and write the JSON."""
    builds = bench_build([10, 100, 1000], runs=3)
    check = bench_check(1000, runs=3)
    print(f"{'trees':>6} {'ours s':>8} {'plain s':>8} {'ratio':>6} {'ours MiB':>9} {'plain MiB':>10}")
    for row in builds:
        print(f"{row.trees:>6} {row.ours_seconds:>8.2f} {row.baseline_seconds:>8.2f} {row.ratio:>6.2f} "
              f"{row.ours_peak_mib:>9.0f} {row.baseline_peak_mib:>10.0f}")
    print(f"wizard check of {check['trees']} trees: {check['seconds']:.2f} s")
    out = REPO / "bench" / "results.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                               "build": as_json(builds), "check": check}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
