"""The MkDocs plugin: a thin adapter that hands MkDocs the edition ``wizard.site.edition`` works out.

Every generated file, the navigation, the scripts, the language switch, the security policy and what each
page says about itself come from the edition's plan, the same one ``wizard pages --config`` writes out for
other generators; the steps after the build (the wizard's files, the search index, the offline worker) are
``wizard.site.edition``'s too. What is MkDocs' own is here: its events, building the other editions from the
main one, the development server (what to watch, the allowed live-reload script) and the template cache.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import re
import time
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from wizard.core.vocabulary import SOURCE_LANGUAGE
from wizard.site import livereload, pages
from wizard.site.edition import (
    DEFAULT_NAV_SECTIONS,
    DEFAULT_NODE_MODULES,
    DEFAULT_TREES,
    EditionError,
    EditionOptions,
    EditionPlan,
    finish_site,
    is_module,
    nav_paths,
    plan_edition,
    write_shared_assets,
)

__all__ = ["TREES_POLL_SECONDS", "WizardPlugin", "nav_paths", "skip_to_wizard"]

log = logging.getLogger("mkdocs.plugins.wizard")

# MkDocs polls what `mkdocs serve` watches every 0.5 s. The trees folder holds a few small files, so it is
# polled more often: together with a build of about 0.4 s, a saved tree shows within a second.
TREES_POLL_SECONDS = 0.1


# The theme's "Skip to content" link, which points at the page's first heading ("All answers" on a tree page).
_SKIP_LINK = re.compile(r'(<a href=")[^"]*(" class="md-skip">)')


def skip_to_wizard(html: str) -> str:
    """A tree page whose theme's "Skip to content" link leads to the wizard, not past it to "All answers"."""
    return _SKIP_LINK.sub(r"\1#wizard\2", html, count=1)


# MkDocs' `__init_subclass__` hooks carry no annotations, so strict mypy flags every subclass of its classes.
class WizardPluginConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``wizard`` plugin in ``mkdocs.yml``. Paths are relative to ``mkdocs.yml``."""

    trees = c.Type(str, default=DEFAULT_TREES)
    """The folder holding the tree files."""
    prefix = c.Type(str, default=pages.DEFAULT_PREFIX)
    """The URL folder of the procedure pages: ``procedures`` gives ``/procedures/<slug>/``."""
    node_modules = c.Type(str, default=DEFAULT_NODE_MODULES)
    """Where ``npm ci`` put Mermaid, Pyodide and the other front-end packages."""
    guides = c.Type(str, default="guides")
    """The docs subfolder of the hand-written guides; ``guides/<slug>.md`` is listed after its procedure."""
    nav_sections = c.Type(dict, default=dict(DEFAULT_NAV_SECTIONS))
    """The top-level navigation section of each audience, by title."""
    language = c.Type(str, default=SOURCE_LANGUAGE)
    """The language of this edition: its procedure pages use the trees' ``<slug>.<language>.yaml`` texts."""
    editions = c.Type(dict, default={})
    """Other language editions, built after this one: language code -> its MkDocs config file (relative to
    this one), written into ``<site_dir>/<code>/`` and published at ``<site_url><code>/``. Each page gets a
    language switch to the same page in every edition."""
    shared_assets = c.Type(str, default="")
    """Where the wizard's files (Pyodide, engine, scripts, Mermaid) are, from this edition's root, when another
    build writes them: ``../`` for an edition built into a subfolder of the main site. Empty: this build
    writes them. Sharing them means a reader who switches language does not download Pyodide again."""
    offline = c.Type(bool, default=True)
    """Keep the whole site (both editions, the engine, the search) in readers' browsers after one visit: every
    page registers the offline worker ``/sw.js``. ``false`` writes the kill switch as ``/sw.js`` instead, which
    removes the worker and its copies from the browsers that have it. ``mkdocs serve`` always writes the kill
    switch (a kept copy would hide each edit)."""


class WizardPlugin(BasePlugin[WizardPluginConfig]):  # type: ignore[no-untyped-call]
    """Hands MkDocs the edition that ``wizard.site.edition`` works out: generated pages, nav, scripts, meta."""

    def __init__(self) -> None:
        """Start with no plan; ``on_config`` makes one for each build."""
        self.plan: EditionPlan | None = None
        self.project_dir = Path.cwd()
        self.serving = False
        self.templates = _TemplateCache()
        # Set by the main edition before it builds this one (see `_build_editions`): every edition's switch.
        self.switch: list[dict[str, str]] | None = None

    # Events, in the order MkDocs sends them ----------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is ``mkdocs serve``.

        Defining this event also makes MkDocs keep this plugin object from one rebuild of ``mkdocs serve``
        to the next, which is what lets the template cache (see ``on_env``) outlive a build.
        """
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Plan the edition (failing the build on any tree error) and put its nav, scripts and switch in."""
        # `mkdocs serve` guesses content types from this table: without it Pyodide's .wasm is served with the
        # wrong type and loadPyodide hangs.
        mimetypes.add_type("application/wasm", ".wasm")
        self.project_dir = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        try:
            self.plan = plan = plan_edition(self._options(config), config.nav)
        except EditionError as error:
            raise PluginError(str(error)) from None
        for message in plan.errors_shown:
            log.error(message)
        for message in plan.warnings:
            log.warning(message)  # a warning fails `mkdocs build --strict`
        config.nav = plan.nav
        for script in plan.scripts:
            if script not in [str(existing) for existing in config.extra_javascript]:
                # wizard.js is an ES module (it imports the wizard's other modules).
                config.extra_javascript.append(_deferred(script, module=is_module(script)))
        config.extra_css.extend(css for css in plan.stylesheets if css not in config.extra_css)
        # Material shows its language selector for `extra.alternate`; overrides/partials/alternate.html makes each
        # entry link to the same page in that edition (`path` + the page's own address). overrides/main.html
        # writes the policy into every page as a <meta> tag; overrides/partials/search.html carries the search
        # box's words in this edition's language and the address of the procedures' profile.
        config.extra.update(plan.theme_extra())
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the plan's generated files; every page's edit link opens its source in the repository."""
        plan = self._plan()
        for file in files.documentation_pages():
            file.edit_uri = plan.source_path(file.src_uri)
        generated: list[tuple[str, str | None, Path | None]] = [
            *((uri, text, None) for uri, text in plan.files.items()),
            *((uri, None, path) for uri, path in plan.copied.items())]
        for src_uri, content, source in generated:
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                if existing.generated_by is None and src_uri in {page.page_path for page in plan.tree_pages}:
                    log.warning("docs/%s is replaced by the page generated from its tree", src_uri)
                files.remove(existing)
            file = (File.generated(config, src_uri, abs_src_path=str(source)) if source is not None
                    else File.generated(config, src_uri, content=content or ""))
            if file.is_documentation_page():
                file.edit_uri = plan.source_path(src_uri)
            files.append(file)
        return files

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """While serving, keep the theme's compiled templates from one rebuild to the next.

        ``mkdocs serve`` starts every rebuild with a new template environment, and compiling the theme's
        templates again is a third of the rebuild. The cache checks each template's source, so an edited
        override is still compiled afresh.
        """
        if self.serving:
            env.bytecode_cache = self.templates
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give the page what the plan says about it (``EditionPlan.page_meta``: its procedure for the search,
        its edit link, a procedure page's head script), as if its front matter said it: overrides/ writes it."""
        page.meta.update(self._plan().page_meta(page.file.src_uri))
        return markdown

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """On a procedure page, the theme's "Skip to content" link leads to the wizard (MkDocs' theme only).

        The page's head script is written by overrides/main.html; a site with the theme as it is (no
        ``custom_dir``) gets it here, at the end of ``<head>``, after the theme's own tags.
        """
        head = page.meta.get("head")
        if not isinstance(head, str) or "</head>" not in output:
            return output
        if head not in output:
            output = output.replace("</head>", f"{head}</head>", 1)
        return skip_to_wizard(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the browser wizard's files, build the other language editions into the site's subfolders, then
        index the whole site for its search and write the offline worker (``wizard.site.edition``)."""
        # Read before the editions are built: MkDocs hands each edition's build this same plugin object (it
        # keeps plugins that define `on_startup`), with that edition's options.
        plan = self._plan()
        options, site = plan.options, Path(config.site_dir)
        main_edition = not options.shared_assets
        try:
            if main_edition:
                write_shared_assets(site, options.trees_dir, options.node_modules,
                                    [page.slug for page in plan.tree_pages], plan.project)
            if self.config.editions:
                self._build_editions(config)
            if main_edition:
                finish_site(site, options.node_modules, offline=options.offline_worker)
        except EditionError as error:
            raise PluginError(str(error)) from None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when a tree file, the content rules or an edition's config change, as MkDocs does for docs,
        and reload pages with a script the development policy allows (see wizard.site.livereload)."""
        _use_allowed_reload_script(server)
        trees_dir = self.project_dir / self.config.trees
        if trees_dir.is_dir():
            server.watch(str(trees_dir))
            _poll_often(server, trees_dir)
        content_rules = self.plan.project.config_file if self.plan else None
        if content_rules is not None:
            server.watch(str(content_rules))
        for config_file in self.config.editions.values():  # each edition's own config, like mkdocs.yml
            edition = self.project_dir / str(config_file)
            if edition.is_file():
                server.watch(str(edition))
        return server

    # Helpers ----------------------------------------------------------------------------------------------

    def _options(self, config: MkDocsConfig) -> EditionOptions:
        """This edition's options for the plan: the plugin's own and the site's address, repository, docs."""
        return EditionOptions(
            project_dir=self.project_dir, docs_dir=Path(config.docs_dir),
            trees_dir=self.project_dir / self.config.trees, node_modules=self.project_dir / self.config.node_modules,
            language=self.config.language, prefix=self.config.prefix, guides=self.config.guides,
            nav_sections=self.config.nav_sections, shared_assets=self.config.shared_assets,
            editions=self.config.editions, site_url=config.site_url or "", repo_url=config.repo_url or "",
            edit_uri=config.edit_uri or "", offline=bool(self.config.offline), serving=self.serving,
            switch=self.switch)

    def _plan(self) -> EditionPlan:
        if self.plan is None:
            raise PluginError("The wizard plugin was not configured (on_config did not run).")
        return self.plan

    def _build_editions(self, config: MkDocsConfig) -> None:
        """Build each other language edition with its own config into ``<site_dir>/<code>/``.

        An edition is a whole MkDocs build of its own (theme language, navigation titles), which is how
        Material supports several languages; building it from here keeps ``mkdocs build`` and ``mkdocs serve``
        one command for the whole site.
        """
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        from wizard.site import editions

        site_url = config.site_url or ""
        switch = editions.switch(self.config.language, self.config.editions, site_url)
        for code, config_file in self.config.editions.items():
            path = self.project_dir / str(config_file)
            if not path.is_file():
                raise PluginError(f"The {code} edition's config file {path} does not exist (plugin option editions).")
            edition = load_config(str(path), site_dir=str(Path(config.site_dir) / code),
                                  site_url=editions.edition_url(site_url, code), strict=config.strict)
            plugin = edition.plugins.get("wizard")
            if isinstance(plugin, WizardPlugin):
                plugin.switch = editions.seen_from(switch, code)
                plugin.serving = self.serving  # MkDocs tells only the main edition's plugins that it serves
            log.info("Building the %s edition from %s", code, config_file)
            build(edition)


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled templates in memory. Jinja checks each template's source checksum before using one."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill the bucket from memory, if this template was compiled before."""
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep a freshly compiled template."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _poll_often(server: LiveReloadServer, folder: Path) -> None:
    """Poll ``folder`` every ``TREES_POLL_SECONDS`` instead of MkDocs' 0.5 s.

    The server offers no setting for this: the interval of the folder's poller (watchdog's emitter, which
    reads it before every poll) is changed directly. Should a new watchdog lack it, the folder is polled
    at MkDocs' own pace, which is slower but still correct.
    """
    watched = os.path.abspath(folder)  # as `server.watch` records it
    for emitter in server.observer.emitters:
        if emitter.watch.path == watched and hasattr(emitter, "_timeout"):
            emitter._timeout = TREES_POLL_SECONDS


def _use_allowed_reload_script(server: LiveReloadServer) -> None:
    """Make the server put ``wizard.site.livereload``'s script into pages instead of MkDocs' own.

    MkDocs offers no setting for its script, whose text changes with every page (so no digest can allow it):
    the server's method that inserts it is replaced on this one server. Should a new MkDocs lack the method,
    pages are served without live reload, and the log says so.
    """
    if not callable(getattr(server, "_inject_js_into_html", None)):
        log.warning("This MkDocs inserts its live-reload script differently: pages will not reload by themselves.")
        return

    def inject(content: bytes, epoch: int) -> bytes:
        return livereload.inject(content, epoch, time.monotonic_ns())

    setattr(server, "_inject_js_into_html", inject)  # noqa: B010 (an assignment to a method: mypy refuses it)


def _deferred(path: str, *, module: bool = False) -> c.ExtraScriptValue:
    """A script that runs once the page is parsed: ``defer``, or an ES module (deferred by nature)."""
    script = c.ExtraScriptValue(path)
    if module:
        script.type = "module"
    else:
        script.defer = True
    return script
