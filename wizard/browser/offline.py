"""The offline worker ``/sw.js``: the whole built site, both editions, kept in the browser after one visit.

Written into the built site after every edition is built (``write_service_worker``), from one of two files of
``wizard/assets``:

- ``sw.js``, the offline worker, with this build's file list inlined: every file of the site but those
  in ``is_left_out`` (source maps, the host's ``_headers``, compressed copies, the worker itself), each with
  the SHA-256 of its content, and a version made from that list. Any change to any file gives a new
  ``sw.js``, which is how browsers find an update (its name never changes).
- ``sw-kill.js``, the kill switch (plugin option ``offline: false``): a worker that deletes what the offline
  worker kept and unregisters itself, for a site that stops offering offline use.

Standard library only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from wizard.browser.bundle import ASSETS_DIR, BundleError

WORKER_NAME = "sw.js"
VERSION_PLACEHOLDER = "__RECOURSE_OFFLINE_VERSION__"
FILES_PLACEHOLDER = "__RECOURSE_OFFLINE_FILES__"
# Never fetched by a page: the debugger's source maps, the static host's header rules, gzipped copies (the
# server sends its own), and the worker, which browsers keep themselves.
LEFT_OUT_SUFFIXES = (".map", ".gz")
LEFT_OUT_NAMES = ("_headers", WORKER_NAME)


@dataclass(frozen=True)
class OfflineFile:
    """One file the worker keeps: its address relative to the site root and the SHA-256 of its bytes."""

    address: str
    integrity: str
    size: int


def is_left_out(relative: str) -> bool:
    """Whether a file of the site (path relative to its root) is not kept for offline use."""
    return relative in LEFT_OUT_NAMES or relative.endswith(LEFT_OUT_SUFFIXES)


def _address(relative: str) -> str:
    """The address a reader uses for a file: a page ``a/index.html`` is ``a/`` (hosts may redirect the other)."""
    folder, _, name = relative.rpartition("/")
    if name == "index.html":
        return urllib.parse.quote(folder + "/") if folder else "./"
    return urllib.parse.quote(relative)


def offline_files(site_dir: Path) -> list[OfflineFile]:
    """Every file of the built site that the worker keeps, in a stable order (by path)."""
    found = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or is_left_out(relative):
            continue
        data = path.read_bytes()
        integrity = "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")
        found.append(OfflineFile(_address(relative), integrity, len(data)))
    return found


def worker_source(files: list[OfflineFile]) -> str:
    """``sw.js`` for this list of files; its version is a digest of the list, so any changed file changes it."""
    listing = json.dumps([[file.address, file.integrity] for file in files], separators=(",", ":"))
    version = hashlib.sha256(listing.encode("utf-8")).hexdigest()[:16]
    template = (ASSETS_DIR / "sw.js").read_text(encoding="utf-8")
    if VERSION_PLACEHOLDER not in template or FILES_PLACEHOLDER not in template:
        raise BundleError(f"{ASSETS_DIR / 'sw.js'} lacks {VERSION_PLACEHOLDER} or {FILES_PLACEHOLDER}.")
    return template.replace(VERSION_PLACEHOLDER, version).replace(FILES_PLACEHOLDER, listing)


def write_service_worker(site_dir: Path, *, offline: bool = True) -> list[OfflineFile]:
    """Write ``site_dir/sw.js``: the offline worker for the site as built, or the kill switch.

    Call it once every edition is in ``site_dir``. Returns the files the worker keeps (none for the kill switch).
    """
    target = site_dir / WORKER_NAME
    target.unlink(missing_ok=True)  # replaced, never edited: a copied site may share its files by hard links
    if not offline:
        target.write_text((ASSETS_DIR / "sw-kill.js").read_text(encoding="utf-8"), encoding="utf-8")
        return []
    files = offline_files(site_dir)
    target.write_text(worker_source(files), encoding="utf-8")
    return files
