"""How long browsers may keep each file of the built site, and its compressed copy.

One policy for the preview server (``wizard.serve``) and for static hosts (the ``_headers`` file, in the format
of Netlify and Cloudflare Pages, written into the built site by ``wizard.browser.bundle``):

- files whose address changes whenever their content does (Material's ``bundle.<hash>.min.js`` and
  stylesheets, the wizard's scripts and engine wheel asked for with ``?v=<digest>``) are kept for a year
  without asking again (``immutable``);
- everything else (pages, ``tree.json``, the search index, Pyodide's files, whose names carry no version) is
  kept but revalidated on every use (``no-cache``): the server answers ``304 Not Modified`` with no body when
  the ``ETag`` or ``Last-Modified`` still match, so a warm visit transfers only headers.

Standard library only.
"""

from __future__ import annotations

import gzip
import re
import threading
from collections.abc import Sequence
from pathlib import Path

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

# Material names its bundles `bundle.<8 hex>.min.js`, `main.<8 hex>.min.css`, `search.<8 hex>.min.js`...
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}(\.min)?\.(js|mjs|css|wasm|whl|json)$")
# `?v=<digest>`: the wizard's own files, whose names stay fixed but whose links carry their digest.
_VERSION_QUERY = re.compile(r"(^|&)v=[0-9a-f]{8,}(&|$)")
# A folder named after a version (`assets/pyodide/314.0.7/`) never changes once published.
_VERSIONED_FOLDER = re.compile(r"/\d+\.\d+\.\d+/")

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
                "application/wasm")
# Below this size the gzip header and the CPU cost are not worth it.
MIN_COMPRESS_BYTES = 512


def cache_control(url_path: str, query: str = "") -> str:
    """The ``Cache-Control`` value for a request of ``url_path`` (with its query string, without ``?``)."""
    if _VERSION_QUERY.search(query) or _HASHED_NAME.search(url_path) or _VERSIONED_FOLDER.search(url_path):
        return IMMUTABLE
    return REVALIDATE


def compressible(content_type: str) -> bool:
    """Whether files of this type shrink when gzipped (text, JSON, SVG, WebAssembly)."""
    return content_type.startswith(COMPRESSIBLE)


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether a request's ``Accept-Encoding`` allows gzip (and does not refuse it with ``q=0``)."""
    for part in (accept_encoding or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class GzipCache:
    """Gzipped copies of files, kept in memory and made again when a file's size or mtime changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[Path, tuple[tuple[int, int], bytes]] = {}

    def get(self, path: Path, mtime_ns: int, size: int) -> bytes:
        """The gzipped bytes of ``path`` as it is at (``mtime_ns``, ``size``)."""
        key = (mtime_ns, size)
        with self._lock:
            entry = self._entries.get(path)
        if entry is not None and entry[0] == key:
            return entry[1]
        # mtime=0: the same file always gives the same bytes (and the same length for Content-Length).
        data = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        with self._lock:
            self._entries[path] = (key, data)
        return data


def etag(mtime_ns: int, size: int, encoding: str = "") -> str:
    """A strong validator for one file version; the gzipped copy gets its own."""
    suffix = f"-{encoding}" if encoding else ""
    return f'"{mtime_ns:x}-{size:x}{suffix}"'


def headers_file(site_dir: Path, revalidated: Sequence[str] = ()) -> str:
    """The ``_headers`` file (Netlify, Cloudflare Pages) carrying the same cache policy for a static host.

    Such hosts merge the values of every rule that matches a path, so each hashed file gets its own rule and
    no rule sets ``Cache-Control`` for everything: other files keep the host's default, which revalidates.
    A rule cannot match a query string, so files versioned by ``?v=`` are revalidated there (a 304).
    ``revalidated`` names files that must say ``no-cache`` whatever the host's default (the offline worker).
    """
    lines = ["# Cache policy (wizard/caching.py): hashed names never change, so they are kept for a year."]
    for path in sorted(site_dir.rglob("*")):
        url = "/" + path.relative_to(site_dir).as_posix()
        if path.is_file() and cache_control(url) == IMMUTABLE:
            lines += [url, f"  Cache-Control: {IMMUTABLE}"]
    for url in revalidated:
        lines += [url, f"  Cache-Control: {REVALIDATE}"]
    lines += ["/*", "  X-Content-Type-Options: nosniff", "  Referrer-Policy: no-referrer"]
    return "\n".join(lines) + "\n"
