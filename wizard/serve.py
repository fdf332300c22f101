"""A small static server for the built site, with the content types and security headers it needs.

    python -m wizard.serve SITE_DIR --host 127.0.0.1 --port 8000 [--quiet]

Standard library only (``http.server``). Unlike ``python -m http.server`` it always sends ``.wasm`` as
``application/wasm`` (without it Pyodide's loader hangs), ``.mjs`` as JavaScript, lists no folders, answers a
missing file with the site's own 404 page, sets no cookies, and sends the site's Content-Security-Policy
(wizard/site/policy.py: this origin only, no inline script) as a header, which can also forbid framing.
Tests use ``serve_in_thread``.
"""

from __future__ import annotations

import argparse
import http.server
import os
import re
import sys
import threading
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from wizard.site import policy

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".gz": "application/gzip",
    ".yaml": "text/plain; charset=utf-8",
    ".yml": "text/plain; charset=utf-8",
}
DEFAULT_TYPE = "application/octet-stream"

SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

_SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC_RE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves one folder with explicit content types, security headers and a clean 404."""

    extensions_map = CONTENT_TYPES
    server_version = "RecourseServe"
    sys_version = ""
    quiet = False

    def __init__(self, *args: Any, directory: str, quiet: bool = False, **kwargs: Any) -> None:
        self.quiet = quiet
        super().__init__(*args, directory=directory, **kwargs)

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        """The content type from the file's extension; unknown files are sent as plain bytes."""
        return CONTENT_TYPES.get(Path(path).suffix.lower(), DEFAULT_TYPE)

    def send_head(self) -> Any:
        """Find the file (``index.html`` for a folder); a folder without one does not exist."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
            if not path.is_file():
                # No folder listings: a folder without an index page does not exist for readers.
                self.send_error(http.HTTPStatus.NOT_FOUND)
                return None
        return super().send_head()

    def list_directory(self, path: str | os.PathLike[str]) -> Any:
        """Never list a folder."""
        self.send_error(http.HTTPStatus.NOT_FOUND)
        return None

    def end_headers(self) -> None:
        """Add the security headers to every response."""
        self.send_header("Content-Security-Policy", policy.header_policy())
        for name, value in SECURITY_HEADERS:
            self.send_header(name, value)
        # A preview server: always revalidate, so a rebuilt site is seen at once (Last-Modified still applies).
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A 404 with the site's own page (``404.html``) when it has one; other errors as plain text."""
        page = Path(self.directory) / "404.html"
        if code != http.HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", CONTENT_TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Log each request to stderr, unless quiet."""
        if not self.quiet:
            super().log_message(format, *args)


class SiteServer(http.server.ThreadingHTTPServer):
    """A threaded HTTP server whose threads never keep the process alive."""

    daemon_threads = True


def make_server(site_dir: Path, host: str = "127.0.0.1", port: int = 8000, *, quiet: bool = False) -> SiteServer:
    """A server for ``site_dir`` bound to ``host:port`` (port 0: any free port); call ``serve_forever``."""
    site = Path(site_dir).resolve()
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir} holds no index.html: build the site first (make build).")
    handler = partial(SiteHandler, directory=str(site), quiet=quiet)
    return SiteServer((host, port), handler)


def base_url(server: SiteServer) -> str:
    """The address of a running server, ending in ``/``."""
    host, port = server.server_address[:2]
    shown = host if isinstance(host, str) else host.decode()
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def serve_in_thread(site_dir: Path, host: str = "127.0.0.1", port: int = 0) -> tuple[SiteServer, str]:
    """Serve ``site_dir`` quietly from a background thread; returns the server and its base URL.

    Stop it with ``server.shutdown()`` then ``server.server_close()``.
    """
    server = make_server(site_dir, host, port, quiet=True)
    thread = threading.Thread(target=server.serve_forever, name="wizard-serve", daemon=True)
    thread.start()
    return server, base_url(server)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: serve a built site until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m wizard.serve", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, help="the built site (mkdocs build -d SITE_DIR)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    args = parser.parse_args(argv)
    try:
        server = make_server(args.site_dir, args.host, args.port, quiet=args.quiet)
    except (FileNotFoundError, OSError) as exc:
        print(f"wizard.serve: {exc}", file=sys.stderr)
        return 2
    print(f"Serving {args.site_dir} at {base_url(server)} (Ctrl+C to stop)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
