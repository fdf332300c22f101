"""Build the whole site (every language edition) with Zensical: ``make build-zensical``.

Zensical runs no MkDocs plugin (it ignores unknown plugins without a word), so the site is built the way any
generator can build it: ``wizard pages --config mkdocs.yml`` writes each edition's docs folder and flat static
configuration under the work folder, Zensical builds each edition into its own folder (it empties its output
folder, so building one edition into another's subfolder would be lost), and ``wizard pages --finish`` puts
them together and adds the wizard's files, the search index and the offline worker.

Usage: python scripts/build_zensical.py [--out site-zensical] [--work .zensical] [--config mkdocs.yml]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(command: list[str], cwd: Path) -> None:
    """Run one step; stop the build with its exit status when it fails (its own output says why)."""
    done = subprocess.run(command, cwd=cwd, check=False)
    if done.returncode != 0:
        sys.exit(done.returncode)


def build(config: Path, work: Path, out: Path) -> None:
    """Write the editions' sources into ``work``, build each with Zensical, and finish the site in ``out``."""
    wizard = [sys.executable, "-m", "wizard", "pages", "--config", str(config), "--out", str(work)]
    _run([*wizard, "--strict"], REPO)
    for edition in sorted(path.parent for path in work.glob("*/mkdocs.yml")):
        # --strict: a warning (a link to a page that does not exist, say) fails the build, as with MkDocs.
        _run([sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", "mkdocs.yml"], edition)
    _run([*wizard, "--finish", str(out)], REPO)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--config", type=Path, default=REPO / "mkdocs.yml")
    parser.add_argument("--work", type=Path, default=REPO / ".zensical")
    parser.add_argument("--out", type=Path, default=REPO / "site-zensical")
    args = parser.parse_args()
    started = time.perf_counter()
    build(args.config.resolve(), args.work.resolve(), args.out.resolve())
    print(f"built {args.out} with Zensical in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
