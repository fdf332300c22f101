"""The site's Content Security Policy: one list, sent by the server as a header and written into every page.

Each part says why it is not just 'self':
- script-src 'wasm-unsafe-eval': Pyodide compiles its WebAssembly (it runs no `eval` itself). No inline
  script is allowed: the theme's few inline scripts are served as files (overrides/partials/javascripts/).
- style-src 'unsafe-inline': Mermaid writes <style> elements and style attributes into its diagrams, and the
  theme sets a few style attributes; styles cannot run code.
- img-src data: the theme's stylesheet draws its icons (navigation, admonitions, lists) from data: SVGs.
And one is stricter: form-action 'none'. No form of the site sends anything: the wizard answers its forms in
the page, and the theme's search runs in the page too (its form, submitted without JavaScript, would only put
the query in an address).

Under ``mkdocs serve`` only, the pages get a development policy: the same list plus the digest of the one
inline script that reloads the page (wizard/site/livereload.py). A built site never has it.
"""

from __future__ import annotations

POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
)
# Only a header can say who may frame the site: browsers ignore (and complain about) it in a <meta> tag.
HEADER_ONLY = (("frame-ancestors", "'none'"),)


def meta_policy(*, script_hashes: tuple[str, ...] = ()) -> str:
    """The policy for ``<meta http-equiv="Content-Security-Policy">`` in every page (works on any static host).

    ``script_hashes`` (``'sha256-...'`` source expressions) allow those inline scripts and no other: the
    development policy of ``mkdocs serve`` passes the live-reload script's digest.
    """
    return _joined(POLICY, script_hashes)


def header_policy() -> str:
    """The policy for the ``Content-Security-Policy`` header of a server that can send one."""
    return _joined(POLICY + HEADER_ONLY, ())


def _joined(parts: tuple[tuple[str, str], ...], script_hashes: tuple[str, ...]) -> str:
    extra = {"script-src": "".join(f" {digest}" for digest in script_hashes)}
    return "; ".join(f"{name} {value}{extra.get(name, '')}" for name, value in parts)
