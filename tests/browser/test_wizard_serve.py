"""wizard.serve: content types, security headers, a clean 404, and the command line."""

from __future__ import annotations

import http.client
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from wizard.serve import serve_in_thread
from wizard.site import policy

INLINE = "window.__fromInline = 1;"
PAGE = f"""<!doctype html><html><head><title>t</title>
<script>{INLINE}</script>
<script id="__config" type="application/json">{{"a": 1}}</script>
<script src="a.js"></script>
</head><body><p>hello</p></body></html>"""
FILES = {
    "index.html": PAGE,
    "404.html": "<!doctype html><title>Not here</title><p>This page does not exist.</p>",
    "a.js": "console.log(1);",
    "m.mjs": "export const x = 1;",
    "t.json": "{}",
    "s.css": "p {}",
    "x.wasm": "\0asm",
    "e.whl": "PK",
    "assets/empty.txt": "",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    site = tmp_path_factory.mktemp("serve-site")
    for name, text in FILES.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    server, url = serve_in_thread(site)
    try:
        yield url, site
    finally:
        server.shutdown()
        server.server_close()


def _get(url: str, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/a.js", "text/javascript; charset=utf-8"),
        ("/m.mjs", "text/javascript; charset=utf-8"),
        ("/t.json", "application/json"),
        ("/s.css", "text/css; charset=utf-8"),
        ("/x.wasm", "application/wasm"),
        ("/e.whl", "application/zip"),
    ],
)
def test_content_types(served: tuple[str, Path], path: str, content_type: str) -> None:
    status, headers, _ = _get(served[0], path)
    assert status == 200
    assert headers["content-type"] == content_type


def test_security_headers_on_every_response(served: tuple[str, Path]) -> None:
    for path in ("/", "/a.js", "/x.wasm", "/missing"):
        _, headers, _ = _get(served[0], path)
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "'wasm-unsafe-eval'" in csp and "frame-ancestors 'none'" in csp
        assert "'unsafe-eval'" not in csp.replace("'wasm-unsafe-eval'", "")
        assert "script-src 'self' 'wasm-unsafe-eval'" in csp and "'unsafe-inline'" not in csp.split("; ")[1]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert "set-cookie" not in headers


def test_the_header_is_the_pages_policy_plus_framing(served: tuple[str, Path]) -> None:
    _, headers, _ = _get(served[0], "/")
    header = headers["content-security-policy"]
    # The same policy as the <meta> tag of every page, so a page behaves the same on any static host; no
    # inline script is allowed, not even by hash.
    assert header == policy.header_policy()
    assert header.startswith(policy.meta_policy() + "; ") and header.endswith("frame-ancestors 'none'")
    assert "sha256-" not in header


def test_a_missing_page_is_a_clean_404(served: tuple[str, Path]) -> None:
    status, headers, body = _get(served[0], "/no/such/page/")
    assert status == 404
    assert headers["content-type"].startswith("text/html")
    assert b"This page does not exist." in body
    status, _, body = _get(served[0], "/no/such/page/", method="HEAD")
    assert status == 404 and body == b""


def test_no_folder_listings_and_no_escape(served: tuple[str, Path]) -> None:
    assert _get(served[0], "/assets/")[0] == 404
    assert _get(served[0], "/../../etc/passwd")[0] == 404
    assert _get(served[0], "/%2e%2e/%2e%2e/etc/passwd")[0] == 404


def test_the_command_line_serves_and_refuses_a_missing_site(served: tuple[str, Path], tmp_path: Path) -> None:
    _, site = served
    process = subprocess.Popen(
        [sys.executable, "-m", "wizard.serve", str(site), "--host", "127.0.0.1", "--port", "0", "--quiet"],
        stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert line.startswith("Serving "), line
        url = line.split(" at ")[1].split()[0]
        status, headers, _ = _get(url, "/x.wasm")
        assert status == 200 and headers["content-type"] == "application/wasm"
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()
    done = subprocess.run(
        [sys.executable, "-m", "wizard.serve", str(tmp_path / "nothing")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "build the site first" in done.stderr and "Traceback" not in done.stderr
