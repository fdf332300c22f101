"""Pages and JSON for any static site generator: what ``wizard pages --out DIR`` writes.

The MkDocs plugin uses the same names and functions, so a site built by MkDocs and a folder written here
hold the same files at the same paths. The whole site (every edition, its navigation, scripts and page meta)
for any generator is ``wizard.site.edition`` and ``wizard pages --config`` (``wizard.site.export``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard.browser.bundle import write_bundle
from wizard.diagnostics import Diagnostic
from wizard.markdown_render import add_html, rendered_once
from wizard.site.form import prerendered_script, start_script
from wizard.site.page import render_page
from wizard.site.prerender import views_json
from wizard.site.scripts import write_mermaid

DEFAULT_PREFIX = "procedures"


@dataclass(frozen=True)
class TreePage:
    """Where one tree's page and JSON go in the site, and what they hold."""

    slug: str
    title: str
    audience: str
    page_path: str
    procedure_url: str  # the page's address from the edition's root (see ``procedure_url``)
    json_path: str
    markdown: str
    json_text: str
    views_path: str | None  # None: no table (a development server, see ``tree_page``)
    views_text: str  # the table of pre-rendered views (wizard.site.prerender)
    head: str  # HTML for the page's <head>: the engine starter and the pre-rendered views' script (form)

    def files(self) -> tuple[tuple[str, str], ...]:
        """The files of this tree in the site: (path relative to the docs folder, text), the page first."""
        files = ((self.page_path, self.markdown), (self.json_path, self.json_text))
        return files if self.views_path is None else (*files, (self.views_path, self.views_text))


def page_path(slug: str, prefix: str = DEFAULT_PREFIX) -> str:
    """The generated Markdown page of a tree, relative to the docs folder (``procedures/<slug>.md``)."""
    return f"{prefix}/{slug}.md"


def procedure_url(slug: str, prefix: str = DEFAULT_PREFIX) -> str:
    """A tree's page's address from the edition's root (``procedures/<slug>/``): the search files the page and
    its guide under it (the ``procedure`` filter), and the procedures' profile names it so."""
    return f"{prefix}/{slug}/"


def json_path(slug: str, prefix: str = DEFAULT_PREFIX) -> str:
    """The compiled JSON beside the page in the built site (``procedures/<slug>/tree.json``)."""
    return f"{prefix}/{slug}/tree.json"


def views_path(slug: str, prefix: str = DEFAULT_PREFIX) -> str:
    """The table of pre-rendered views beside the page (``procedures/<slug>/views.json``)."""
    return f"{prefix}/{slug}/views.json"


def assets_url(prefix: str = DEFAULT_PREFIX, shared_assets: str = "") -> str:
    """The site's ``assets/`` folder relative to a tree page's address (``procedures/<slug>/``).

    ``shared_assets`` is where the folder is from the root of this edition (``../`` for an edition in a
    subfolder of the main site, which holds the one copy of the wizard's files).
    """
    depth = len([part for part in prefix.split("/") if part]) + 1
    return "../" * depth + shared_assets + "assets/"


def tree_json(tree: Mapping[str, Any]) -> str:
    """The JSON written beside a page: the compiled tree with rendered HTML beside its Markdown fields."""
    return json.dumps(add_html(tree), ensure_ascii=False, separators=(",", ":")) + "\n"


def tree_page(tree: Mapping[str, Any], prefix: str = DEFAULT_PREFIX, *, shared_assets: str = "",
              prerender: bool = True) -> TreePage:
    """Everything the site needs for one compiled tree (in the language of ``tree``).

    The views are worked out from the very JSON text the browser's engine reads, so that they are equal. The
    page links them with a digest of their text: a page never meets a table of another build.
    ``prerender=False`` (a development server) leaves the table out: such a server empties its folder before
    each rebuild, under the open page, so the page's early fetch of the table could find nothing; and the
    table is for a reader's slow first visit, which an editor's preview is not.
    """
    slug = str(tree["slug"])
    assets = assets_url(prefix, shared_assets)
    with rendered_once():  # the page shows the texts the JSON holds rendered: each through Markdown once
        json_text = tree_json(tree)
        markdown = render_page(tree, tree_url="tree.json", assets_url=assets)
    head = start_script(tree_url="tree.json", assets_url=assets)
    views_text = ""
    if prerender:
        views_text = views_json(json.loads(json_text), json_text)
        views_url = f"views.json?v={hashlib.sha256(views_text.encode('utf-8')).hexdigest()[:16]}"
        head += prerendered_script(views_url=views_url, tree_url="tree.json", assets_url=assets)
    return TreePage(
        slug=slug,
        title=str(tree["title"]),
        audience=str(tree.get("audience", "")),
        page_path=page_path(slug, prefix),
        procedure_url=procedure_url(slug, prefix),
        json_path=json_path(slug, prefix),
        markdown=markdown,
        json_text=json_text,
        views_path=views_path(slug, prefix) if prerender else None,
        views_text=views_text,
        head=head,
    )


def write_pages(trees_dir: Path, out_dir: Path, node_modules: Path | None) -> list[Diagnostic]:
    """Compile every tree in ``trees_dir`` and write its page and JSON under ``out_dir``.

    Writes ``procedures/<slug>.md``, ``procedures/<slug>/tree.json`` and ``views.json`` for each tree without
    errors and, when ``node_modules`` is given, the self-hosted Mermaid and the browser wizard under ``assets/``.
    Returns every diagnostic (errors and warnings); trees with errors are not written. Raises
    ``wizard.browser.bundle.BundleError`` when ``node_modules`` lacks Mermaid or Pyodide.
    """
    from wizard.pipeline import build_folder  # the pipeline pulls in PyYAML; import only when needed

    diagnostics: list[Diagnostic] = []
    for result in build_folder(trees_dir):
        diagnostics.extend(result.diagnostics)
        if not result.ok or result.tree is None:
            continue
        page = tree_page(result.tree)
        for relative, text in page.files():
            target = out_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    if node_modules is not None:
        write_mermaid(out_dir, node_modules)
        write_bundle(out_dir, node_modules)
    return diagnostics
