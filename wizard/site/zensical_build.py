"""Build the whole site (every language edition) with Zensical: ``make build-zensical``.

Zensical runs no MkDocs plugin (it ignores unknown plugins without a word), so the site is built the way any
generator can build it: ``wizard pages --config mkdocs.yml`` writes each edition's docs folder and flat static
configuration under the work folder, Zensical builds each edition into its own folder (it empties its output
folder, so an edition built into another's subfolder would be lost), and ``wizard pages --finish`` puts them
together and adds the wizard's files, the search index and the offline worker.

Usage: python -m wizard.site.zensical_build [--config mkdocs.yml] [--work .zensical] [--out site-zensical]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

TIMEOUT_SECONDS = 600


class BuildFailed(RuntimeError):
    """A step of the build failed; the message holds the step and what it printed."""


def _run(command: list[str], cwd: Path) -> None:
    """Run one step; raise ``BuildFailed`` with its output when it fails."""
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BuildFailed(f"{' '.join(command)} (in {cwd}) could not run: {error}") from None
    if done.returncode != 0:
        raise BuildFailed(f"{' '.join(command)} (in {cwd}) failed:\n{done.stdout}{done.stderr}".rstrip())


def build_with_zensical(config: Path, work: Path, out: Path) -> None:
    """Write the editions' sources into ``work``, build each with Zensical, and finish the site in ``out``.

    Paths are resolved first: each step runs in its own folder. Raises ``BuildFailed``.
    """
    config, work, out = config.resolve(), work.resolve(), out.resolve()
    wizard = [sys.executable, "-m", "wizard", "pages", "--config", str(config), "--out", str(work)]
    _run([*wizard, "--strict"], config.parent)
    for edition in sorted(path.parent for path in work.glob("*/mkdocs.yml")):
        # --strict: a warning (a link to a page that does not exist, say) fails the build, as with MkDocs.
        _run([sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", "mkdocs.yml"], edition)
    _run([*wizard, "--finish", str(out)], config.parent)


def main(argv: list[str] | None = None) -> int:
    """The command line: build, then say where and how long; on failure, the failed step's output."""
    parser = argparse.ArgumentParser(prog="python -m wizard.site.zensical_build",
                                     description="Build the whole site with Zensical.")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's configuration")
    parser.add_argument("--work", type=Path, default=Path(".zensical"), help="where the editions' sources go")
    parser.add_argument("--out", type=Path, default=Path("site-zensical"), help="where the site goes")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        build_with_zensical(args.config, args.work, args.out)
    except BuildFailed as error:
        print(f"wizard: {error}", file=sys.stderr)
        return 1
    print(f"built {args.out} with Zensical in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
