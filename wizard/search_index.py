"""The site search's index: Pagefind run over a built site folder, whatever generator built it.

Pagefind reads every HTML page of the folder, keeps what is inside ``data-pagefind-body`` (the article: not
the header, menus or footer) less what is marked ``data-pagefind-ignore`` (the wizard's interactive part and
its no-JavaScript notice), and writes ``pagefind/`` at the folder's root: one index per ``<html lang>``, so
each language edition searches its own pages. Its extended build, the one npm installs, splits Chinese text
into words when it indexes; the browser splits a query the same way (``Intl.Segmenter``).

The binary comes with ``npm ci`` (``@pagefind/<platform>-<arch>``, pinned in ``package-lock.json``): nothing
is downloaded when the site is built. What it writes are plain static files of the site's own origin
(``pagefind/pagefind.js``, ``pagefind-worker.js``, ``pagefind-entry.json``, ``*.pf_meta``, ``wasm.*.pagefind``,
``index/*.pf_index``, ``fragment/*.pf_fragment``): a service worker can cache them like any other file.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

BUNDLE_IN_SITE = Path("pagefind")
# npm's names for the platforms and processors Pagefind ships a binary for.
_PLATFORMS = {"linux": "linux", "darwin": "darwin", "win32": "windows", "freebsd": "freebsd"}
_MACHINES = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}
TIMEOUT_SECONDS = 300


class SearchIndexError(RuntimeError):
    """The search index cannot be made (most often: ``npm ci`` has not been run)."""


def pagefind_binary(node_modules: Path) -> Path:
    """The extended Pagefind binary that ``npm ci`` put into ``node_modules`` for this machine.

    Only the extended build splits Chinese text into words, so it is required (the npm package ships no
    other). Raises ``SearchIndexError`` with the fix when it is missing.
    """
    system = _PLATFORMS.get(sys.platform.rstrip("0123456789"), sys.platform)
    machine = _MACHINES.get(platform.machine().lower(), platform.machine().lower())
    name = "pagefind_extended.exe" if system == "windows" else "pagefind_extended"
    binary = node_modules / "@pagefind" / f"{system}-{machine}" / "bin" / name
    if not binary.is_file():
        raise SearchIndexError(f"The search indexer {binary} is missing: run `npm ci` in the repository root "
                               f"(package.json lists pagefind, which brings the binary for {system}-{machine}).")
    return binary


def index_site(site_dir: Path, node_modules: Path, exclude: Sequence[str] = ()) -> Path:
    """Index every page of the built site in ``site_dir`` into ``site_dir/pagefind/``; return that folder.

    ``exclude``: CSS selectors of what a generator adds inside the content that is no text to search (MkDocs'
    heading permalinks, say). The old index is removed first, so no file of an earlier build lingers. Raises
    ``SearchIndexError`` with Pagefind's own words when it fails.
    """
    binary = pagefind_binary(node_modules)
    bundle = site_dir / BUNDLE_IN_SITE
    shutil.rmtree(bundle, ignore_errors=True)
    excluded = [argument for selector in exclude for argument in ("--exclude-selectors", selector)]
    try:
        done = subprocess.run([str(binary), "--site", str(site_dir), "--output-subdir", str(BUNDLE_IN_SITE),
                               "--silent", *excluded],
                              capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"The search indexer {binary} could not run: {error}") from None
    if done.returncode != 0 or not (bundle / "pagefind.js").is_file():
        said = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        raise SearchIndexError(f"The search indexer failed on {site_dir}: {said}")
    return bundle
