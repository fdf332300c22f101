"""How long from saving a tree to the updated page, under `make dev` and `make serve` (figures in docs/editing.md).

    python scripts/bench_preview.py [--runs N]

Works on a copy of the project in a temporary folder (the repository's files are never touched): starts the
preview server as the make target does, waits for the first build, then N times changes a tree's title and
reads the procedure page every 50 ms until the new title is there. What a reader waits for in the browser is
this plus the page's own reload: at once for `make dev` (its request is waiting for the build), within the
1 s poll of the reload script for `make serve`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin"
SLUG = "withdraw-complaint"
COPIED = ("docs", "trees", "overrides", "mkdocs.yml", "mkdocs.zh.yml", "content.toml")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _project(folder: Path) -> Path:
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        elif source.is_file():
            shutil.copy2(source, folder / name)
    (folder / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    return folder


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(url: str, text: str, limit: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if text in _page(url):
            return time.monotonic() - started
        time.sleep(0.05)
    raise TimeoutError(f"{text!r} did not appear at {url} within {limit:.0f} s")


def measure(mode: str, runs: int) -> list[float]:
    """Seconds from each save to the page serving the new text, for ``mode`` ``dev`` or ``serve``."""
    with tempfile.TemporaryDirectory(prefix=f"bench-preview-{mode}-") as temp:
        project = _project(Path(temp))
        port = _free_port()
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        if mode == "dev":
            command = [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"]
        else:
            subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", "site"], cwd=project, check=True,
                           env=environment)
            command = [str(BIN / "python"), "-m", "wizard.serve", "site", "--port", str(port), "--quiet",
                       "--watch", "docs", "trees", "overrides", "mkdocs.yml", "mkdocs.zh.yml",
                       "--build", f"{BIN / 'mkdocs'} build --strict -q -d {{out}}"]
        server = subprocess.Popen(command, cwd=project, env=environment, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}/procedures/{SLUG}/"
            tree = project / "trees" / f"{SLUG}.yaml"
            original = tree.read_text(encoding="utf-8")
            _wait_for(url, "<title>", 300)
            times = []
            for run in range(runs):
                marker = f"Saved{run}x{time.monotonic_ns()}"
                tree.write_text(original.replace("\ntitle: ", f"\ntitle: {marker} ", 1), encoding="utf-8")
                times.append(_wait_for(url, marker, 120))
                time.sleep(1.5)  # let the watcher settle before the next save
            return times
        finally:
            server.terminate()
            server.wait(timeout=30)


def main(argv: list[str] | None = None) -> None:
    """Measure both modes and print the median and range."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    for mode in ("dev", "serve"):
        times = measure(mode, args.runs)
        print(f"make {mode}: save to updated page {statistics.median(times):.2f} s median "
              f"({min(times):.2f}-{max(times):.2f} s, {len(times)} saves)", file=sys.stdout)


if __name__ == "__main__":
    main()
