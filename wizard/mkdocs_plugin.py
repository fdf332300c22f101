"""The MkDocs plugin: a thin adapter that puts every tree's page, JSON and scripts into a MkDocs site.

All page content comes from ``wizard.site``; this module only answers MkDocs' questions: which files
exist (one generated page and one JSON file per tree), where each page sits in the navigation, which
scripts every page loads, what to watch while serving, and which file the "Edit this page" link opens.
"""

from __future__ import annotations

import json
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

from wizard.browser import playground_bundle
from wizard.browser.bundle import WIZARD_IN_SITE, BundleError, versioned_url, write_bundle
from wizard.browser.offline import WORKER_NAME, write_service_worker
from wizard.caching import headers_file
from wizard.project import Project
from wizard.search_index import SearchIndexError, index_site
from wizard.site import editions, livereload, pages, playground_page, policy
from wizard.site.problems import problems_markdown
from wizard.site.scripts import LOADER_IN_SITE, LOADER_JS, MERMAID_IN_SITE, mermaid_script

log = logging.getLogger("mkdocs.plugins.wizard")

WIZARD_JS = (WIZARD_IN_SITE / "wizard.js").as_posix()
WIZARD_CSS = (WIZARD_IN_SITE / "wizard.css").as_posix()
SEARCH_JS = (WIZARD_IN_SITE / "search.js").as_posix()
# What MkDocs puts inside a page's content that is no text to search: the "¶" permalink of every heading.
SEARCH_EXCLUDE = (".headerlink",)
OFFLINE_JS = (WIZARD_IN_SITE / "offline.js").as_posix()
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

    trees = c.Type(str, default="trees")
    """The folder holding the tree files."""
    prefix = c.Type(str, default=pages.DEFAULT_PREFIX)
    """The URL folder of the procedure pages: ``procedures`` gives ``/procedures/<slug>/``."""
    node_modules = c.Type(str, default="node_modules")
    """Where ``npm ci`` put Mermaid, Pyodide and the other front-end packages."""
    guides = c.Type(str, default="guides")
    """The docs subfolder of the hand-written guides; ``guides/<slug>.md`` is listed after its procedure."""
    nav_sections = c.Type(dict, default={"consumers": "For consumers", "sellers": "For sellers"})
    """The top-level navigation section of each audience, by title."""
    language = c.Type(str, default="en")
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
    """Generates a page and a ``tree.json`` for every tree and wires in the flowchart and wizard scripts."""

    def __init__(self) -> None:
        """Start with no trees; ``on_config`` compiles them for each build."""
        self.tree_pages: list[pages.TreePage] = []
        self.heads: dict[str, str] = {}  # generated page (src_uri) -> HTML for its <head>
        # While serving: the page shown at the address of each tree with errors (src_uri -> Markdown).
        self.problem_pages: dict[str, str] = {}
        self.procedures: dict[str, pages.TreePage] = {}  # a procedure's page or guide (src_uri) -> the procedure
        self.project_dir = Path.cwd()
        self.trees_dir = Path("trees")
        self.project = Project.read(None)  # the trees' content.toml, languages and glossaries: read by on_config
        self.node_modules = Path("node_modules")
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
        """Compile the trees (failing the build on any error), list them in the nav, add the scripts."""
        # `mkdocs serve` guesses content types from this table: without it Pyodide's .wasm is served with the
        # wrong type and loadPyodide hangs.
        mimetypes.add_type("application/wasm", ".wasm")
        self.project_dir = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.trees_dir = self.project_dir / self.config.trees
        self.node_modules = self.project_dir / self.config.node_modules
        self.problem_pages = {}
        # content.toml, the languages and glossaries: read once per build, for every tree and the playground.
        self.project = Project.find(self.trees_dir)
        self.tree_pages = self._compile_trees()
        self.heads = {page.page_path: page.head for page in self.tree_pages}
        self.procedures = {path: page for page in self.tree_pages
                           for path in (page.page_path, f"{self.config.guides}/{page.slug}.md")}
        self._add_to_nav(config)
        # Every page gets the Mermaid loader (see wizard.site.scripts), the wizard's script and styles, and the
        # site search's script (overrides/partials/search.html is its box).
        # The wizard's links carry a digest of the file (`?v=`), so a server may let browsers keep them a year.
        shared = self.config.shared_assets
        scripts = [shared + LOADER_IN_SITE, shared + versioned_url(Path(WIZARD_JS)),
                   shared + versioned_url(Path(SEARCH_JS))]
        if self._offline():
            scripts.append(shared + versioned_url(Path(OFFLINE_JS)))
        for script in scripts:
            if script not in [str(existing) for existing in config.extra_javascript]:
                config.extra_javascript.append(_deferred(script, module=script.startswith(shared + WIZARD_JS)))
        wizard_css = shared + versioned_url(Path(WIZARD_CSS))
        if wizard_css not in config.extra_css:
            config.extra_css.append(wizard_css)
        switch = self.switch if self.switch is not None else editions.switch(
            self.config.language, self.config.editions, config.site_url or "")
        if len(switch) > 1:
            # Material shows its language selector for `extra.alternate`; overrides/partials/alternate.html
            # makes each entry link to the same page in that edition (`path` + the page's own address).
            config.extra["alternate"] = switch
        # The theme override (overrides/main.html) writes it into every page as a <meta> tag. While serving,
        # it also allows the live-reload script (by its digest, see `on_serve`); a built site never does.
        config.extra["content_security_policy"] = policy.meta_policy(
            script_hashes=(livereload.SCRIPT_HASH,) if self.serving else ())
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add each tree's generated page and JSON, and the self-hosted Mermaid with its loader."""
        docs_in_repo = self._in_project(Path(config.docs_dir))
        trees_in_repo = self._in_project(self.trees_dir)
        # `edit_uri` in mkdocs.yml points at the repository root, so every page says where its source is
        # in the repository: hand-written pages under docs/, procedure pages in their tree's YAML file (the
        # generated Markdown is not a file anyone should edit).
        for file in files.documentation_pages():
            if file.generated_by is None:
                file.edit_uri = f"{docs_in_repo}/{file.src_uri}"
        for page in self.tree_pages:
            for src_uri, content in ((page.page_path, page.markdown), (page.json_path, page.json_text)):
                existing = files.get_file_from_path(src_uri)
                if existing is not None:
                    log.warning("docs/%s is replaced by the page generated from %s.yaml", src_uri, page.slug)
                    files.remove(existing)
                generated = File.generated(config, src_uri, content=content)
                if src_uri == page.page_path:
                    generated.edit_uri = f"{trees_in_repo}/{page.slug}.yaml"
                files.append(generated)
        for src_uri, content in self.problem_pages.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, src_uri, content=content))
        self._add_playground(files, config)
        if self.config.shared_assets:
            return files  # the main edition's build writes Mermaid and its loader
        try:
            mermaid = mermaid_script(self.node_modules)
        except BundleError as error:
            raise PluginError(str(error)) from None
        files.append(File.generated(config, MERMAID_IN_SITE, abs_src_path=str(mermaid)))
        files.append(File.generated(config, LOADER_IN_SITE, content=LOADER_JS))
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
        """Say which procedure a page belongs to (its own page, its guide), for the site search.

        ``page.meta.procedure_url`` (the procedure page's address, from the site root) and
        ``procedure_title``: overrides/main.html writes them as Pagefind metadata, so that the search shows
        the procedure first, with its guide under it (wizard/assets/search.js).
        """
        procedure = self.procedures.get(page.file.src_uri)
        target = files.get_file_from_path(procedure.page_path) if procedure else None
        if procedure is not None and target is not None:
            page.meta["procedure_url"] = target.url
            page.meta["procedure_title"] = procedure.title
        return markdown

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Put a tree page's head HTML (the script that starts the engine early) at the end of its ``<head>``.

        After the theme's Content-Security-Policy meta tag, which must come before every script.
        """
        head = self.heads.get(page.file.src_uri)
        if head is None or "</head>" not in output:
            return output
        return skip_to_wizard(output.replace("</head>", f"{head}</head>", 1))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the browser wizard's files (Pyodide, engine, scripts) into the built site, build the other
        language editions into its subfolders, index the whole site (every edition) for its search, then write
        the offline worker for them all."""
        # Read before the editions are built: MkDocs hands each edition's build this same plugin object (it
        # keeps plugins that define `on_startup`), with that edition's options.
        main_edition, node_modules, offline = not self.config.shared_assets, self.node_modules, self._offline()
        if main_edition:
            try:
                write_bundle(Path(config.site_dir), node_modules)
                language = self._playground_language()
                if language is not None:
                    trees = {page.slug: [self.trees_dir / f"{page.slug}.yaml",
                                         self.trees_dir / f"{page.slug}.{language}.yaml"]
                             for page in self.tree_pages}
                    playground_bundle.write_playground(Path(config.site_dir), node_modules, trees, language)
            except BundleError as error:
                raise PluginError(str(error)) from None
        if self.config.editions:
            self._build_editions(config)
        if main_edition:
            site = Path(config.site_dir)
            # The index is made from the built pages of every edition (wizard.search_index).
            try:
                index_site(site, node_modules, exclude=SEARCH_EXCLUDE)
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
            # Last, once every file (the index too) is written: the worker lists every file of the whole site,
            # and the editions' own hashed files (the theme's bundle and styles under <code>/assets/) get the
            # same cache rules as the main edition's; the worker itself is always revalidated, so that browsers
            # see each new build.
            write_service_worker(site, offline=offline)
            (site / "_headers").write_text(headers_file(site, revalidated=("/" + WORKER_NAME,)), encoding="utf-8")

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when a tree file, the content rules or an edition's config change, as MkDocs does for docs,
        and reload pages with a script the development policy allows (see wizard.site.livereload)."""
        _use_allowed_reload_script(server)
        if self.trees_dir.is_dir():
            server.watch(str(self.trees_dir))
            _poll_often(server, self.trees_dir)
        content_rules = self.project.config_file
        if content_rules is not None:
            server.watch(str(content_rules))
        for config_file in self.config.editions.values():  # each edition's own config, like mkdocs.yml
            edition = self.project_dir / str(config_file)
            if edition.is_file():
                server.watch(str(edition))
        return server

    # Helpers ----------------------------------------------------------------------------------------------

    def _build_editions(self, config: MkDocsConfig) -> None:
        """Build each other language edition with its own config into ``<site_dir>/<code>/``.

        An edition is a whole MkDocs build of its own (theme language, search language and segmentation,
        navigation titles), which is how Material supports several languages; building it from here keeps
        ``mkdocs build`` and ``mkdocs serve`` one command for the whole site.
        """
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

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

    def _playground_language(self) -> str | None:
        """The language of the playground's second editor: the first translation every tree must have (the
        playground edits a tree and that translation); None when no translation is required (no playground)."""
        required = self.project.required_languages if self.trees_dir.is_dir() else []
        return required[0] if required else None

    def _add_playground(self, files: Files, config: MkDocsConfig) -> None:
        """Add the playground page (``/playground/``, see wizard.site.playground_page) to this edition."""
        language = self._playground_language()
        if language is None or not self.tree_pages:
            return
        try:
            script, _ = playground_bundle.page_script(self.node_modules)
        except BundleError as error:
            raise PluginError(str(error)) from None
        assets = f"../{self.config.shared_assets}assets/"
        repo = (config.repo_url or "").rstrip("/")
        edit_url = f"{repo}/{(config.edit_uri or 'edit/main/').strip('/')}/{self._in_project(self.trees_dir)}/"
        trees = [playground_page.PlaygroundTree(page.slug, str(json.loads(page.json_text).get("title", page.slug)))
                 for page in self.tree_pages]
        markdown = playground_page.playground_markdown(
            language=self.config.language, translation_language=language, trees=trees,
            script=f"{assets}playground/{script}", assets=assets, edit_url=edit_url if repo else "")
        existing = files.get_file_from_path(playground_page.PAGE_PATH)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, playground_page.PAGE_PATH, content=markdown))

    def _offline(self) -> bool:
        """Whether pages register the offline worker: the ``offline`` option, never under ``mkdocs serve``."""
        return bool(self.config.offline) and not self.serving

    def _in_project(self, path: Path) -> str:
        """A path as seen from the folder of ``mkdocs.yml`` (the repository root), with forward slashes."""
        return Path(os.path.relpath(path, self.project_dir)).as_posix()

    def _compile_trees(self) -> list[pages.TreePage]:
        from wizard.pipeline import build_folder  # needs PyYAML; MkDocs has it anyway

        if not self.trees_dir.is_dir():
            log.warning("The trees folder %s does not exist: no procedure pages are built.", self.trees_dir)
            return []
        results = build_folder(self.trees_dir, self.project)
        errors = []
        for result in results:
            for diagnostic in result.diagnostics:
                if diagnostic.is_error:
                    errors.append(diagnostic.format())
                else:
                    # A warning fails `mkdocs build --strict`, as `wizard check --strict` does.
                    log.warning(diagnostic.format())
        language = self.config.language
        if errors and not self.serving:
            raise PluginError("\n".join(errors))
        for message in errors:
            log.error(message)
        found = []
        for result in results:
            if not result.ok:
                # Only while serving: the procedure's address shows its problems, and every other page works.
                self.problem_pages[pages.page_path(result.slug, self.config.prefix)] = problems_markdown(
                    result.diagnostics, language)
                continue
            tree = result.tree if language == "en" else result.translations.get(language)
            if tree is None:
                if result.tree is not None:
                    raise PluginError(f"{result.path.name} has no {language} translation: the {language} edition "
                                      f"needs {result.path.stem}.{language}.yaml (wizard translate writes it).")
                continue
            found.append(pages.tree_page(tree, self.config.prefix, shared_assets=self.config.shared_assets))
        return found

    def _add_to_nav(self, config: MkDocsConfig) -> None:
        # The nav is filled from the trees themselves (by `audience`) rather than listed in mkdocs.yml, so that
        # adding a procedure is adding one YAML file.
        if config.nav is None:
            return  # no explicit nav: MkDocs lists every page by itself
        listed = set(nav_paths(config.nav))
        guides_dir = Path(config.docs_dir) / self.config.guides
        for page in self.tree_pages:
            title = self.config.nav_sections.get(page.audience)
            section = _find_section(config.nav, title) if title else None
            if section is None:
                log.warning("mkdocs.yml has no nav section %r for %s (audience %r)", title, page.slug, page.audience)
                continue
            entries = [page.page_path]
            if (guides_dir / f"{page.slug}.md").is_file():
                entries.append(f"{self.config.guides}/{page.slug}.md")
            section.extend(entry for entry in entries if entry not in listed)


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


def nav_paths(nav: Any) -> list[str]:
    """Every page path listed anywhere in a nav structure."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [path for item in nav for path in nav_paths(item)]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_paths(value)]
    return []


def _find_section(nav: list[Any], title: str) -> list[Any] | None:
    """The list of a top-level nav section with this title, made a list if the section was empty."""
    for item in nav:
        if isinstance(item, dict) and title in item:
            if item[title] is None:
                item[title] = []
            value = item[title]
            return value if isinstance(value, list) else None
    return None
