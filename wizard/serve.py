"""A small static server for the built site, with the content types and security headers it needs.

    python -m wizard.serve SITE_DIR --host 127.0.0.1 --port 8000 [--quiet]

Standard library only (``http.server``). Unlike ``python -m http.server`` it always sends ``.wasm`` as
``application/wasm`` (without it Pyodide's loader hangs), ``.mjs`` as JavaScript, lists no folders, answers a
missing file with the site's own 404 page, sets no cookies, and sends the site's Content-Security-Policy
(wizard/site/policy.py: this origin only, no inline script) as a header, which can also forbid framing.
It also sends the cache policy of wizard/caching.py (hashed files kept a year, everything else revalidated
with ETag / Last-Modified and answered 304 when unchanged) and gzips text and WebAssembly (kept in memory).

It is for previews, but it holds up to what a preview meets: a request must arrive within a few seconds
(a client that sends its headers slowly is dropped), a stalled reader is dropped after a timeout, files go out
in small chunks (never read whole per request), the listen backlog takes a burst of a few hundred connections
while a bounded number of threads answer them, a folder's redirect is built from the folder found on disk
(never from the address asked for), and a reader who goes away costs one short log line, not a traceback.
With ``--watch`` it rebuilds on changes into a folder aside and swaps the new build in only when it succeeded
(wizard/rebuild.py); open pages then reload by themselves, or show the failed build's errors.
Tests use ``serve_in_thread``.
"""

from __future__ import annotations

import argparse
import email.utils
import http.server
import io
import os
import re
import shutil
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from wizard import caching, rebuild
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


# Gzipped copies of the site's text and WebAssembly files, shared by every request of this process.
_GZIP = caching.GzipCache()

# Robustness limits (see the module docstring). A request's line and headers must all arrive within
# REQUEST_SECONDS; any single read or write of a connection may wait IDLE_SECONDS.
REQUEST_SECONDS = 10.0
IDLE_SECONDS = 30.0
CHUNK_BYTES = 64 * 1024  # what one request holds of a file at a time
LISTEN_BACKLOG = 512  # connections the kernel keeps waiting while every thread is busy
MAX_THREADS = 64  # requests answered at once; the rest wait in the backlog

# What a client that went away looks like to a server thread.
_CLIENT_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


class _DeadlineReader(io.RawIOBase):
    """Reads a socket with one deadline for a whole request (``start``), however slowly the bytes come.

    A socket timeout alone applies to each read: a client sending one byte every few seconds would hold its
    thread for ever. Before each read the timeout is set to the time left.
    """

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self._sock = sock
        self._deadline = time.monotonic() + REQUEST_SECONDS

    def start(self, seconds: float) -> None:
        """Give the next request ``seconds`` to arrive in full."""
        self._deadline = time.monotonic() + seconds

    def readable(self) -> bool:
        """A request is read from it."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Read what has arrived, or raise ``TimeoutError`` when the request's time is up."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request did not arrive in time")
        self._sock.settimeout(left)
        return self._sock.recv_into(buffer)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves one folder with explicit content types, security headers and a clean 404."""

    extensions_map = CONTENT_TYPES
    server_version = "RecourseServe"
    sys_version = ""
    quiet = False
    cache_control = caching.REVALIDATE

    timeout = IDLE_SECONDS  # socketserver sets it on the connection: the longest any read or write may wait
    request_seconds = REQUEST_SECONDS

    def __init__(self, *args: Any, directory: str, quiet: bool = False, request_seconds: float = REQUEST_SECONDS,
                 **kwargs: Any) -> None:
        self.quiet = quiet
        self.request_seconds = request_seconds
        super().__init__(*args, directory=directory, **kwargs)

    def setup(self) -> None:
        """Read requests through a reader with a deadline for each whole request."""
        super().setup()
        self._reader = _DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self._reader)

    def handle_one_request(self) -> None:
        """One request, which must arrive within ``request_seconds``; the answer then has ``timeout`` per write."""
        self._reader.start(self.request_seconds)
        super().handle_one_request()

    def do_GET(self) -> None:
        """A file of the site, or (while watching) the reload script and the build status."""
        if not self._answer_watch_request():
            super().do_GET()

    def _answer_watch_request(self) -> bool:
        watch = getattr(self.server, "watch", None)
        if not isinstance(watch, rebuild.WatchState):
            return False
        answer = watch.answer(self.path.partition("?")[0])
        if answer is None:
            return False
        content_type, body = answer
        self.cache_control = "no-store"
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return True

    def parse_request(self) -> bool:
        """The request line and headers have arrived: writes get the idle timeout again, and the request is
        answered from the server's current build (``SiteServer.root``).

        The build is read once per request, so a request is answered wholly from one build even when a new one
        is swapped in meanwhile; and it is read once the request has arrived, not when its connection was opened:
        a browser opens connections ahead of need, and one opened before a rebuild answered from the build before.
        """
        self.connection.settimeout(self.timeout)
        root = getattr(self.server, "root", None)
        if root is not None:
            self.directory = str(root)
        return super().parse_request()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """Send a file in small chunks: a stalled reader holds ``CHUNK_BYTES`` of it, never the whole file."""
        shutil.copyfileobj(source, outputfile, CHUNK_BYTES)

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        """The content type from the file's extension; unknown files are sent as plain bytes."""
        return CONTENT_TYPES.get(Path(path).suffix.lower(), DEFAULT_TYPE)

    def send_head(self) -> Any:
        """Find the file (``index.html`` for a folder) and answer with caching and gzip (see wizard.caching).

        A folder without an index page does not exist. A request whose ``If-None-Match`` or
        ``If-Modified-Since`` still matches gets ``304 Not Modified`` and no body.
        """
        url_path, _, query = self.path.partition("?")
        self.cache_control = caching.REVALIDATE  # one handler may answer several requests of a connection
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return self._redirect_to_folder(path)
            path = path / "index.html"
        if not path.is_file():
            # No folder listings: a folder without an index page does not exist for readers.
            self.send_error(http.HTTPStatus.NOT_FOUND)
            return None
        stat = path.stat()
        content_type = self.guess_type(path)
        watch = getattr(self.server, "watch", None)
        if isinstance(watch, rebuild.WatchState) and content_type == CONTENT_TYPES[".html"]:
            return self._watched_page(path, watch)
        gzipped = caching.compressible(content_type) and stat.st_size >= caching.MIN_COMPRESS_BYTES and (
            caching.accepts_gzip(self.headers.get("Accept-Encoding")))
        tag = caching.etag(stat.st_mtime_ns, stat.st_size, "gzip" if gzipped else "")
        self.cache_control = caching.cache_control(url_path, query.partition("#")[0])
        if self._not_modified(tag, stat.st_mtime):
            self.send_response(http.HTTPStatus.NOT_MODIFIED)
            self._validators(tag, stat.st_mtime)
            self.end_headers()
            return None
        # The file itself is streamed (copyfile); a gzipped copy is one shared copy per file, streamed too.
        body: io.BufferedIOBase
        if gzipped:
            body = io.BytesIO(_GZIP.get(path, stat.st_mtime_ns, stat.st_size))  # shares the cached bytes
            length = body.getbuffer().nbytes
        else:
            body = path.open("rb")
            length = stat.st_size
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self._validators(tag, stat.st_mtime)
        self.end_headers()
        return body

    def _watched_page(self, path: Path, watch: rebuild.WatchState) -> io.BytesIO:
        """A page with the script that reloads it after a rebuild and shows a failed build's errors."""
        body = io.BytesIO(watch.with_reload_script(path.read_bytes()))
        self.cache_control = "no-store"
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", CONTENT_TYPES[".html"])
        self.send_header("Content-Length", str(body.getbuffer().nbytes))
        self.end_headers()
        return body

    def _redirect_to_folder(self, folder: Path) -> None:
        """Send a folder's address without its final slash to the address with it.

        The new address is made from the folder found on disk, as a path on this server: nothing of the
        request is reflected (``//other.example/x`` would otherwise redirect to another site).
        """
        try:
            relative = folder.resolve().relative_to(Path(self.directory).resolve()).as_posix()
        except ValueError:  # a link to a folder outside the site
            self.send_error(http.HTTPStatus.NOT_FOUND)
            return
        location = "/" + urllib.parse.quote(relative) + "/" if relative != "." else "/"
        self.send_response(http.HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_modified(self, tag: str, mtime: float) -> bool:
        """Whether the browser's copy is still current (``If-None-Match`` wins over ``If-Modified-Since``)."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return tag in [part.strip().removeprefix("W/") for part in if_none_match.split(",")] or (
                if_none_match.strip() == "*")
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False

    def _validators(self, tag: str, mtime: float) -> None:
        self.send_header("ETag", tag)
        self.send_header("Last-Modified", self.date_time_string(int(mtime)))
        self.send_header("Vary", "Accept-Encoding")

    def list_directory(self, path: str | os.PathLike[str]) -> Any:
        """Never list a folder."""
        self.send_error(http.HTTPStatus.NOT_FOUND)
        return None

    def end_headers(self) -> None:
        """Add the security headers to every response."""
        self.send_header("Content-Security-Policy", policy.header_policy())
        for name, value in SECURITY_HEADERS:
            self.send_header(name, value)
        # Hashed or versioned files are kept a year; everything else is revalidated (a 304 when unchanged).
        self.send_header("Cache-Control", self.cache_control)
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

    def log_error(self, format: str, *args: Any) -> None:
        """Errors go to the log like requests; a dropped slow client in plain words."""
        if format.startswith("Request timed out"):
            self.log_message("%s", "dropped a connection: its request or its answer took too long")
            return
        super().log_error(format, *args)

    def log_message(self, format: str, *args: Any) -> None:
        """Log each request to stderr, unless quiet (or the status polls of an open page)."""
        if not self.quiet and not self.path.startswith(rebuild.WATCH_PREFIX):
            super().log_message(format, *args)


class SiteServer(http.server.ThreadingHTTPServer):
    """A threaded HTTP server: a long backlog, at most ``MAX_THREADS`` threads, none keeping the process alive."""

    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG
    quiet = False
    root: Path | None = None  # the build being served; a rebuild swaps in the next by assigning it
    watch: rebuild.WatchState | None = None  # set while rebuilding on changes

    def __init__(self, *args: Any, max_threads: int = MAX_THREADS, **kwargs: Any) -> None:
        self._slots = threading.BoundedSemaphore(max_threads)
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Answer in a thread of its own once one of the ``max_threads`` is free (meanwhile the kernel queues)."""
        self._slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Answer, then free the thread's slot."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A reader who went away (a closed tab, a dropped connection) is one short line; anything else a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, _CLIENT_GONE):
            super().handle_error(request, client_address)
        elif not self.quiet:
            print(f"wizard.serve: {client_address[0]} closed the connection before the answer was sent",
                  file=sys.stderr)


def make_server(site_dir: Path, host: str = "127.0.0.1", port: int = 8000, *, quiet: bool = False,
                request_seconds: float = REQUEST_SECONDS, max_threads: int = MAX_THREADS) -> SiteServer:
    """A server for ``site_dir`` bound to ``host:port`` (port 0: any free port); call ``serve_forever``.

    ``request_seconds`` is how long a client has to send a whole request; ``max_threads`` how many requests
    are answered at once.
    """
    site = Path(site_dir).resolve()
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir} holds no index.html: build the site first (make build).")
    handler = partial(SiteHandler, directory=str(site), quiet=quiet, request_seconds=request_seconds)
    server = SiteServer((host, port), handler, max_threads=max_threads)
    server.quiet = quiet
    server.root = site
    return server


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
    parser.add_argument("--watch", nargs="+", type=Path, default=[], metavar="PATH",
                        help="files or folders to poll; a change runs the --build command")
    parser.add_argument("--build", default="",
                        help="the command that builds the site into the folder {out} (with --watch)")
    parser.add_argument("--builds", type=Path, default=None, metavar="FOLDER",
                        help="where rebuilds go, each in a folder of its own (default: SITE_DIR.builds beside it)")
    args = parser.parse_args(argv)
    if args.watch and "{out}" not in args.build:
        print("wizard.serve: --build needs {out} where the build's folder goes, e.g. "
              "--build 'mkdocs build --strict -d {out}'", file=sys.stderr)
        return 2
    try:
        server = make_server(args.site_dir, args.host, args.port, quiet=args.quiet)
    except (FileNotFoundError, OSError) as exc:
        print(f"wizard.serve: {exc}", file=sys.stderr)
        return 2
    print(f"Serving {args.site_dir} at {base_url(server)} (Ctrl+C to stop)", file=sys.stderr)
    if args.watch:
        builds = args.builds or args.site_dir.with_name(args.site_dir.name + ".builds")
        server.watch = rebuild.WatchState()
        builder = rebuild.SwappingBuilder(args.build, builds, partial(setattr, server, "root"), server.watch)
        threading.Thread(target=rebuild.rebuild_on_change, args=(args.watch, builder.build),
                         daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
