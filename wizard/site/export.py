"""The whole site's sources for any generator: what ``wizard pages --config mkdocs.yml --out DIR`` writes.

For each language edition (the main one and every one in the ``wizard`` plugin's ``editions``), a folder
``DIR/<code>/`` with

- ``docs/``: the edition's hand-written pages and files and every generated one (``wizard.site.edition``),
  each page's front matter saying what the page says about itself (``EditionPlan.page_meta``);
- ``mkdocs.yml``: a flat, static configuration in MkDocs' format with no plugin (``INHERIT`` resolved, the
  navigation filled, the scripts, stylesheets, language switch and security policy written in), which
  Zensical builds as it is into ``DIR/<code>/site``;
- ``site.json``: the same facts as JSON, for a generator of another format.

After the generator, ``combine_editions`` puts the editions' sites together (every other edition in a
subfolder of the main one's) and ``wizard.site.edition.finish_site`` adds the search index and the worker.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pathspec
import yaml

from wizard.site import editions
from wizard.site.config_file import dump_config, read_config
from wizard.site.edition import (
    DEFAULT_NODE_MODULES,
    DEFAULT_TREES,
    EditionOptions,
    EditionPlan,
    is_module,
    plan_edition,
)

PLUGIN = "wizard"
# MkDocs' own pattern for a page's front matter (mkdocs.utils.meta).
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class ExportedEdition:
    """One edition as written: its language code, its folder and the plan it was written from."""

    code: str
    folder: Path
    plan: EditionPlan
    main: bool

    @property
    def config_file(self) -> Path:
        """The flat configuration to build it with."""
        return self.folder / "mkdocs.yml"

    @property
    def site_dir(self) -> Path:
        """Where its configuration says the generator writes it."""
        return self.folder / "site"


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The ``wizard`` plugin's options in a configuration (empty if it lists the plugin without options)."""
    for entry in config.get("plugins") or []:
        if entry == PLUGIN:
            return {}
        if isinstance(entry, dict) and PLUGIN in entry:
            return dict(entry[PLUGIN] or {})
    return {}


def edition_options(config_file: Path, config: dict[str, Any], *, switch: list[dict[str, str]] | None,
                    site_url: str) -> EditionOptions:
    """The options of the edition that ``config`` (read from ``config_file``) configures."""
    options = plugin_options(config)
    project = config_file.parent.resolve()
    known = {name: options[name] for name in ("language", "prefix", "guides", "nav_sections", "shared_assets",
                                              "editions", "offline") if name in options}
    return EditionOptions(
        project_dir=project, docs_dir=project / str(config.get("docs_dir", "docs")),
        trees_dir=project / str(options.get("trees", DEFAULT_TREES)),
        node_modules=project / str(options.get("node_modules", DEFAULT_NODE_MODULES)),
        site_url=site_url, repo_url=str(config.get("repo_url") or ""), edit_uri=str(config.get("edit_uri") or ""),
        switch=switch, **known)


def export_site(config_file: Path, out_dir: Path) -> list[ExportedEdition]:
    """Write every edition of the site configured in ``config_file`` under ``out_dir`` (emptied first).

    Raises ``wizard.site.edition.EditionError`` (a tree with errors, a missing translation or npm package) and
    ``wizard.site.config_file.ConfigFileError``.
    """
    config = read_config(config_file)
    main = edition_options(config_file, config, switch=None, site_url=str(config.get("site_url") or ""))
    switch = editions.switch(main.language, main.editions, main.site_url)
    shutil.rmtree(out_dir, ignore_errors=True)
    exported = [_write_edition(out_dir / main.language, config_file, config, main, main=True)]
    for code, edition_file in main.editions.items():
        path = config_file.parent / str(edition_file)
        edition_config = read_config(path)
        options = edition_options(path, edition_config, switch=editions.seen_from(switch, code),
                                  site_url=editions.edition_url(main.site_url, code))
        exported.append(_write_edition(out_dir / code, path, edition_config, options, main=False))
    return exported


def _write_edition(folder: Path, config_file: Path, config: dict[str, Any], options: EditionOptions, *,
                   main: bool) -> ExportedEdition:
    plan = plan_edition(options, config.get("nav"))
    docs = folder / "docs"
    _copy_docs(options.docs_dir, docs, str(config.get("exclude_docs") or ""))
    for src_uri, text in plan.files.items():
        _write(docs / src_uri, text)
    for src_uri, source in plan.copied.items():
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, docs / src_uri)
    for page in sorted(docs.rglob("*.md")):
        src_uri = page.relative_to(docs).as_posix()
        meta = plan.page_meta(src_uri)
        if meta:
            page.write_text(with_front_matter(page.read_text(encoding="utf-8"), meta), encoding="utf-8")
    _write(folder / "mkdocs.yml", dump_config(static_config(config, config_file, plan)))
    _write(folder / "site.json", json.dumps(manifest(plan, docs), ensure_ascii=False, indent=1) + "\n")
    return ExportedEdition(options.language, folder, plan, main)


def _copy_docs(source: Path, target: Path, exclude: str) -> None:
    """The hand-written docs folder, less what ``exclude_docs`` leaves out (gitignore patterns, as MkDocs)."""
    excluded = pathspec.PathSpec.from_lines("gitwildmatch", exclude.splitlines())
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source).as_posix()
        if path.is_file() and not excluded.match_file(relative):
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / relative)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def with_front_matter(markdown: str, meta: dict[str, str]) -> str:
    """The page with ``meta`` added to its front matter (a key the page sets itself is kept)."""
    found = _FRONT_MATTER.match(markdown)
    existing = yaml.safe_load(found.group(1)) if found else None
    merged = {**meta, **(existing if isinstance(existing, dict) else {})}
    body = markdown[found.end():] if found else markdown
    return "---\n" + yaml.safe_dump(merged, allow_unicode=True, sort_keys=False, width=1_000_000) + "---\n" + body


def static_config(config: dict[str, Any], config_file: Path, plan: EditionPlan) -> dict[str, Any]:
    """The edition's configuration with what the plugin would add written in, and no plugin.

    Paths are made to work from the edition's folder: the docs are ``docs/``, the site ``site/``, and the
    theme's ``custom_dir`` is absolute.
    """
    flat = {key: value for key, value in config.items() if key not in ("plugins", "exclude_docs")}
    # The site search is Pagefind's index of the built site (wizard.search_index), whatever the generator:
    # a generator's own search (Zensical's is on unless turned off) would only add an index nobody reads.
    flat.update(docs_dir="docs", site_dir="site", nav=plan.nav, plugins=[{"search": {"enabled": False}}])
    if plan.options.site_url:
        flat["site_url"] = plan.options.site_url
    theme = dict(flat.get("theme") or {})
    if "custom_dir" in theme:
        theme["custom_dir"] = str((config_file.parent / str(theme["custom_dir"])).resolve())
    flat["theme"] = theme
    scripts = list(flat.get("extra_javascript") or [])
    flat["extra_javascript"] = scripts + [{"path": script, "type": "module"} if is_module(script)
                                          else {"path": script, "defer": True}
                                          for script in plan.scripts if script not in scripts]
    flat["extra_css"] = list(flat.get("extra_css") or []) + plan.stylesheets
    flat["extra"] = dict(flat.get("extra") or {}) | plan.theme_extra()
    if flat["nav"] is None:
        del flat["nav"]
    return flat


def manifest(plan: EditionPlan, docs: Path) -> dict[str, Any]:
    """The edition as plain data: navigation, scripts, stylesheets, switch, policy and every page's meta."""
    return {
        "language": plan.options.language,
        "procedures": [page.slug for page in plan.tree_pages],
        "site_url": plan.options.site_url,
        "nav": plan.nav,
        "scripts": plan.scripts,
        "stylesheets": plan.stylesheets,
        "alternate": plan.alternate,
        "content_security_policy": plan.content_security_policy,
        "pages": {page.relative_to(docs).as_posix(): plan.page_meta(page.relative_to(docs).as_posix())
                  for page in sorted(docs.rglob("*.md"))},
    }


def combine_editions(main: Path, others: dict[str, Path], site_dir: Path) -> None:
    """The built editions as one site in ``site_dir``: ``main`` at its root, each of ``others`` in ``<code>/``.

    Each edition is built into its own folder first: a generator that empties its output folder (Zensical
    does) would otherwise delete the editions built before it.
    """
    shutil.rmtree(site_dir, ignore_errors=True)
    shutil.copytree(main, site_dir)
    for code, built in others.items():
        shutil.copytree(built, site_dir / code)
