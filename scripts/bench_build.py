"""Build benchmarks: `mkdocs build` with generated trees against the same site made of plain Markdown pages.

Each measurement runs in a fresh process, which reports its own peak memory. Both sides of a ratio are measured
in the same run, alternating, so that a noisy machine affects them alike.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from wizard.site.pages import write_pages
from wizard.synthetic import mixed_tree

REPO = Path(__file__).resolve().parents[1]

# Runs a module (`python -m MODULE ARGS`) in this interpreter and prints its peak memory (KiB on Linux) when it
# ends, even on SystemExit: each measured process reports its own peak, not the largest of all children.
# The peak is read from /proc/self/status (VmHWM) where there is one: Linux keeps ru_maxrss across fork and exec,
# so a child started by a bench process that already holds 300 MB reports 300 MB whatever it used itself.
_MEASURED_MODULE = (
    "import resource, runpy, sys\n"
    "def peak():\n"
    "    try:\n"
    "        with open('/proc/self/status') as status:\n"
    "            return next(int(l.split()[1]) for l in status if l.startswith('VmHWM:'))\n"
    "    except (OSError, StopIteration):\n"
    "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "sys.argv = sys.argv[1:]\n"
    "try:\n"
    "    runpy.run_module(sys.argv[0], run_name='__main__')\n"
    "finally:\n"
    "    print('PEAK_KIB', peak(), file=sys.stderr)\n"
)

_CONFIG = """site_name: Bench
site_url: http://127.0.0.1:8000/
theme:
  name: material
  font: false
plugins:
{plugins}
markdown_extensions:
  - attr_list
  - admonition
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


@dataclass
class BuildResult:
    """One site size: our build against the plain-Markdown baseline."""

    trees: int
    ours_seconds: float
    baseline_seconds: float
    ours_peak_mib: float
    baseline_peak_mib: float

    @property
    def ratio(self) -> float:
        """Our build time over the baseline's: the overhead of the tree pipeline."""
        return self.ours_seconds / self.baseline_seconds


def make_projects(root: Path, count: int) -> tuple[Path, Path]:
    """Two projects with ``count`` procedures: generated trees (ours) and the same pages as plain Markdown."""
    ours, baseline = root / "ours", root / "baseline"
    for project in (ours, baseline):
        (project / "docs").mkdir(parents=True)
        (project / "docs" / "index.md").write_text("# Bench\n\nGenerated procedures.\n", encoding="utf-8")
        (project / "node_modules").symlink_to(REPO / "node_modules")
    (ours / "trees").mkdir()
    for seed in range(count):
        # 20 to 40 nodes each, every node kind, as the benchmark asks.
        text = mixed_tree(seed, 20 + seed % 21)
        (ours / "trees" / f"generated-{seed:04d}.yaml").write_text(text, encoding="utf-8")
    # Each side with its own search, as published: ours the wizard plugin alone, as in mkdocs.yml (its search is
    # the Pagefind index the plugin makes), the baseline a plain Material site with the theme's search. Until
    # 2026-12-03 our side ran the theme's search as well, making two indexes where our site makes one.
    (ours / "mkdocs.yml").write_text(_CONFIG.format(plugins="  - wizard"), encoding="utf-8")
    (baseline / "mkdocs.yml").write_text(_CONFIG.format(plugins="  - search"), encoding="utf-8")
    # The baseline's pages are the very Markdown our plugin generates, written once as ordinary files.
    generated = root / "generated"
    problems = write_pages(ours / "trees", generated, None)
    if any(d.is_error for d in problems):
        raise RuntimeError("generated trees do not compile: " + "; ".join(d.format() for d in problems[:3]))
    for page in generated.rglob("*.md"):
        target = baseline / "docs" / page.relative_to(generated)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    return ours, baseline


def build_once(project: Path) -> tuple[float, float]:
    """Seconds and peak MiB of one `mkdocs build` of ``project`` in a fresh process."""
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    done = run_measured("mkdocs", ["build", "-q", "-d", str(site)], project)
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {project}:\n{done.stderr[-2000:]}")
    return done.seconds, done.peak_mib


@dataclass
class MeasuredRun:
    """One measured process: its exit status, output, wall time and peak memory."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mib: float


def run_measured(module: str, args: list[str], cwd: Path, timeout: float = 600) -> MeasuredRun:
    """Run ``python -m module args`` in a fresh process; its wall time and its own peak resident memory."""
    begin = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURED_MODULE, module, *args], cwd=cwd, capture_output=True,
                          text=True, check=False, timeout=timeout)
    seconds = time.perf_counter() - begin
    peaks = [int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK_KIB")]
    stderr = "\n".join(line for line in done.stderr.splitlines() if not line.startswith("PEAK_KIB"))
    return MeasuredRun(done.returncode, done.stdout, stderr, seconds, peaks[-1] / 1024 if peaks else float("nan"))


def bench_build(counts: list[int], runs: int) -> list[BuildResult]:
    """Median build time and peak memory at each size, ours and baseline alternating."""
    results = []
    for count in counts:
        with tempfile.TemporaryDirectory() as folder:
            ours, baseline = make_projects(Path(folder), count)
            ours_times, base_times, ours_peaks, base_peaks = [], [], [], []
            for _ in range(runs if count < 1000 else max(1, runs // 2)):
                seconds, peak = build_once(baseline)
                base_times.append(seconds)
                base_peaks.append(peak)
                seconds, peak = build_once(ours)
                ours_times.append(seconds)
                ours_peaks.append(peak)
            results.append(BuildResult(count, statistics.median(ours_times), statistics.median(base_times),
                                       max(ours_peaks), max(base_peaks)))
    return results


def bench_check(count: int, runs: int) -> dict[str, float]:
    """Seconds of `wizard check` over ``count`` generated trees (median of ``runs``)."""
    with tempfile.TemporaryDirectory() as folder:
        trees = Path(folder) / "trees"
        trees.mkdir()
        for seed in range(count):
            (trees / f"generated-{seed:04d}.yaml").write_text(mixed_tree(seed, 20 + seed % 21), encoding="utf-8")
        times = []
        for _ in range(runs):
            begin = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "wizard", "check", str(trees)], capture_output=True,
                                  text=True, check=False, cwd=REPO)
            times.append(time.perf_counter() - begin)
            if done.returncode != 0:
                raise RuntimeError(done.stdout[-2000:])
        return {"trees": count, "seconds": statistics.median(times)}


def as_json(results: list[BuildResult]) -> list[dict[str, float]]:
    """The build results with their ratios, for the JSON report."""
    return [{**asdict(r), "ratio": r.ratio} for r in results]


if __name__ == "__main__":
    print(json.dumps(as_json(bench_build([10], 1)), indent=2))
