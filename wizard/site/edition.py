"""Everything one language edition of the site holds besides its hand-written pages, for any generator.

``plan_edition`` answers every question a site generator asks of the project: which pages and files are
generated (a page and a JSON file per tree, the playground, Mermaid and its loader), where each procedure and
guide sits in the navigation, what each page says about itself (its procedure for the search, its "Edit this
page" address, the script that starts the engine early), which scripts and stylesheets every page loads, the
language switch and the Content Security Policy. The MkDocs plugin hands the plan to MkDocs
(``wizard.mkdocs_plugin``); ``wizard pages --config`` writes it as a docs folder and a flat configuration that
any generator of MkDocs' format can build (``wizard.site.export``, used for Zensical).

``write_shared_assets`` and ``finish_site`` are the steps after the generator: the browser wizard's files, then,
once every edition is built, the search index, the offline worker and the cache rules.
"""

from __future__ import annotations

import copy
import functools
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard.browser import playground_bundle
from wizard.browser.bundle import WIZARD_IN_SITE, BundleError, versioned_url, write_bundle
from wizard.browser.offline import WORKER_NAME, write_service_worker
from wizard.caching import headers_file
from wizard.core import vocabulary
from wizard.core.vocabulary import SOURCE_LANGUAGE
from wizard.project import Project
from wizard.search_index import SearchIndexError, index_site
from wizard.search_profile import PROFILE_PATH, profile_json
from wizard.site import editions, livereload, pages, playground_page, policy
from wizard.site.problems import problems_markdown
from wizard.site.scripts import LOADER_IN_SITE, LOADER_JS, MERMAID_IN_SITE, mermaid_script

DEFAULT_TREES = "trees"
DEFAULT_NODE_MODULES = "node_modules"
DEFAULT_NAV_SECTIONS = {"consumers": "For consumers", "sellers": "For sellers"}
WIZARD_JS = (WIZARD_IN_SITE / "wizard.js").as_posix()
WIZARD_CSS = (WIZARD_IN_SITE / "wizard.css").as_posix()
SEARCH_JS = (WIZARD_IN_SITE / "search.js").as_posix()
OFFLINE_JS = (WIZARD_IN_SITE / "offline.js").as_posix()
# What the generators put inside a page's content that is no text to search: the "¶" permalink of every
# heading (MkDocs and Zensical both give it this class).
SEARCH_EXCLUDE = (".headerlink",)


def is_module(script: str) -> bool:
    """Whether a script of ``EditionPlan.scripts`` is an ES module (wizard.js and search.js import their other
    modules); every generator must link it with ``type="module"``, or the browser refuses its ``import``."""
    return script.split("?", maxsplit=1)[0].endswith((WIZARD_JS, SEARCH_JS))


class EditionError(RuntimeError):
    """The edition cannot be built: a tree with errors, a missing translation or npm package."""


@dataclass(frozen=True)
class EditionOptions:
    """What the project says about one edition (the ``wizard`` plugin's options and a few site settings)."""

    project_dir: Path
    docs_dir: Path
    trees_dir: Path
    node_modules: Path
    language: str = SOURCE_LANGUAGE
    prefix: str = pages.DEFAULT_PREFIX
    guides: str = "guides"
    nav_sections: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_NAV_SECTIONS))
    # Where the main edition's shared files are from this edition's root ("../"); empty in the main edition.
    shared_assets: str = ""
    editions: Mapping[str, str] = field(default_factory=dict)  # other editions: code -> config file
    site_url: str = ""
    repo_url: str = ""
    edit_uri: str = ""
    offline: bool = True
    serving: bool = False  # a development server: trees with errors show them; no offline worker
    switch: list[dict[str, str]] | None = None  # the language switch as the main edition passes it down

    @property
    def offline_worker(self) -> bool:
        """Whether pages register the offline worker: the ``offline`` option, never on a development server
        (a kept copy would hide each edit; the kill switch is written instead)."""
        return self.offline and not self.serving


@dataclass
class EditionPlan:
    """What one edition holds besides its hand-written pages, and what every page says about itself."""

    options: EditionOptions
    project: Project  # the trees' content.toml, languages and glossaries, read once for the edition
    tree_pages: list[pages.TreePage]
    files: dict[str, str]  # generated text files by their path in the docs folder (src_uri)
    copied: dict[str, Path]  # generated files copied from elsewhere, by src_uri (Mermaid)
    nav: list[Any] | None
    scripts: list[str]  # every page's scripts, loaded deferred, relative to the edition's root
    stylesheets: list[str]  # the wizard's stylesheet, after the configuration's own
    alternate: list[dict[str, str]]  # the language switch; empty with one edition
    content_security_policy: str
    search_words: dict[str, object]  # the header's search box words (extra.search_words for the partial)
    search_profile: str  # the procedures' profile for the search (wizard.search_profile), among ``files``; or ""
    warnings: list[str]
    errors_shown: list[str]  # while serving only: the errors of the trees whose address shows them

    @functools.cached_property
    def _tree_pages_by_path(self) -> dict[str, pages.TreePage]:
        """Each tree page by its own path and its guide's: every page of the site asks ``page_meta``, so a scan
        of all the tree pages per page would make a build quadratic in the number of trees."""
        guides = self.options.guides
        by_path = {f"{guides}/{page.slug}.md": page for page in self.tree_pages}
        by_path.update({page.page_path: page for page in self.tree_pages})  # a page's own path comes first
        return by_path

    def theme_extra(self) -> dict[str, object]:
        """What the theme's templates read of the edition (the configuration's ``extra``, which overrides/ reads):
        the language switch (if any), the policy, the search box's words and the procedures' profile."""
        extra: dict[str, object] = {"alternate": self.alternate} if self.alternate else {}
        extra.update(content_security_policy=self.content_security_policy, search_words=self.search_words,
                     search_profile=self.search_profile)
        return extra

    def source_path(self, src_uri: str) -> str:
        """The file in the repository that a page comes from: a tree for a procedure page, else the docs file."""
        page = self._tree_pages_by_path.get(src_uri)
        if page is not None and page.page_path == src_uri:
            return f"{in_project(self.options.trees_dir, self.options.project_dir)}/{page.slug}.yaml"
        return f"{in_project(self.options.docs_dir, self.options.project_dir)}/{src_uri}"

    def edit_url(self, src_uri: str) -> str:
        """The "Edit this page" address of a page (its source file in the repository); empty without a repo."""
        repo = self.options.repo_url.rstrip("/")
        if not repo:
            return ""
        return "/".join(part for part in (repo, self.options.edit_uri.strip("/"), self.source_path(src_uri)) if part)

    def page_meta(self, src_uri: str) -> dict[str, str]:
        """What a page says about itself, as front matter (overrides/ writes it into the page).

        ``edit_url`` for every page; ``procedure_url`` (from the edition's root) and ``procedure_title`` for a
        procedure's page and guide, which the search shows as one result, and ``procedure_audience`` (the tree's
        ``audience``), which the search prefers when a query speaks as one of them; ``head``: HTML for a
        procedure page's ``<head>`` (the script that starts the engine early).
        """
        meta = {"edit_url": self.edit_url(src_uri)} if self.options.repo_url else {}
        page = self._tree_pages_by_path.get(src_uri)
        if page is not None:
            meta["procedure_url"] = page.procedure_url
            meta["procedure_title"] = page.title
            meta["procedure_audience"] = page.audience
            if src_uri == page.page_path:
                meta["head"] = page.head
        return meta


def in_project(path: Path, project_dir: Path) -> str:
    """A path as seen from the project's root (the repository), with forward slashes."""
    return Path(os.path.relpath(path, project_dir)).as_posix()


def plan_edition(options: EditionOptions, nav: list[Any] | None) -> EditionPlan:
    """Compile the trees and work out the edition; ``nav`` is the configured navigation (it is not changed).

    Raises ``EditionError`` on a tree with errors (unless serving), a missing translation or npm package.
    """
    for code in (options.language, *options.editions):
        if not vocabulary.is_known(code):  # its every interface word would be English
            raise EditionError(f"the edition language `{code}` has no vocabulary: a language is declared by "
                               f"wizard/core/languages/{code}.toml (docs/authoring.md#adding-a-language)")
    project = Project.find(options.trees_dir)
    tree_pages, profile, problem_pages, warnings, errors = _compile_trees(options, project)
    files: dict[str, str] = {}
    for page in tree_pages:
        files.update(page.files())
    if tree_pages:
        files[PROFILE_PATH] = profile
    files.update(problem_pages)
    playground = _playground(options, project, tree_pages)
    if playground is not None:
        files[playground_page.PAGE_PATH] = playground
    copied: dict[str, Path] = {}
    if not options.shared_assets:  # the main edition writes Mermaid and its loader; the others link to them
        try:
            copied[MERMAID_IN_SITE] = mermaid_script(options.node_modules)
        except BundleError as error:
            raise EditionError(str(error)) from None
        files[LOADER_IN_SITE] = LOADER_JS
    # Every page gets the Mermaid loader (see wizard.site.scripts), the wizard's script and styles, and the site
    # search's script (overrides/partials/search.html is its box); the offline worker's, unless serving. The
    # wizard's links carry a digest of the file (`?v=`), so a server may let browsers keep them a year.
    shared = options.shared_assets
    scripts = [shared + LOADER_IN_SITE, shared + versioned_url(Path(WIZARD_JS)),
               shared + versioned_url(Path(SEARCH_JS))]
    if options.offline_worker:
        scripts.append(shared + versioned_url(Path(OFFLINE_JS)))
    switch = options.switch if options.switch is not None else editions.switch(
        options.language, options.editions, options.site_url)
    plan = EditionPlan(
        options=options, project=project, tree_pages=tree_pages, files=files, copied=copied,
        nav=_filled_nav(nav, tree_pages, options), scripts=scripts,
        stylesheets=[shared + versioned_url(Path(WIZARD_CSS))],
        alternate=switch if len(switch) > 1 else [],
        # While serving, the policy also allows the live-reload script (by its digest); a built site never does.
        content_security_policy=policy.meta_policy(
            script_hashes=(livereload.SCRIPT_HASH,) if options.serving else ()),
        search_words=vocabulary.search_words(options.language),
        search_profile=PROFILE_PATH if PROFILE_PATH in files else "",
        warnings=warnings, errors_shown=errors,
    )
    plan.warnings.extend(_missing_sections(plan))
    return plan


def _compile_trees(options: EditionOptions, project: Project
                   ) -> tuple[list[pages.TreePage], str, dict[str, str], list[str], list[str]]:
    """The edition's tree pages, their profile for the search (wizard.search_profile), the problem pages shown
    while serving, the warnings and the errors."""
    from wizard.pipeline import build_folder, fewer_collections  # needs PyYAML: loaded when a site is built

    if not options.trees_dir.is_dir():
        return [], "", {}, [f"The trees folder {options.trees_dir} does not exist: no procedure pages are built."], []
    results = build_folder(options.trees_dir, project)
    errors = [d.format() for result in results for d in result.diagnostics if d.is_error]
    # A warning fails a strict build, as `wizard check --strict` does.
    warnings = [d.format() for result in results for d in result.diagnostics if not d.is_error]
    if errors and not options.serving:
        raise EditionError("\n".join(errors))
    language = options.language
    problem_pages: dict[str, str] = {}
    trees = []
    for result in results:
        if not result.ok:
            # Only while serving: the procedure's address shows its problems, and every other page works.
            problem_pages[pages.page_path(result.slug, options.prefix)] = problems_markdown(
                result.diagnostics, language)
            continue
        tree = result.tree if language == SOURCE_LANGUAGE else result.translations.get(language)
        if tree is None:
            if result.tree is not None:
                raise EditionError(f"{result.path.name} has no {language} translation: the {language} edition "
                                   f"needs {result.path.stem}.{language}.yaml (wizard translate writes it).")
            continue
        trees.append(tree)
    with fewer_collections():  # the pages made so far stay alive, as the compiled trees do (see build_folder)
        found = [pages.tree_page(tree, options.prefix, shared_assets=options.shared_assets,
                                 prerender=not options.serving) for tree in trees]
    profile = profile_json([(page.procedure_url, tree) for page, tree in zip(found, trees, strict=True)])
    return found, profile, problem_pages, warnings, errors


def playground_language(trees_dir: Path, project: Project) -> str | None:
    """The language of the playground's second editor: the first translation every tree must have (the
    playground edits a tree and that translation); None when no translation is required (no playground)."""
    required = project.required_languages if trees_dir.is_dir() else []
    return required[0] if required else None


def _playground(options: EditionOptions, project: Project, tree_pages: list[pages.TreePage]) -> str | None:
    """The playground page's Markdown (``/playground/``, see wizard.site.playground_page), if it has one."""
    language = playground_language(options.trees_dir, project)
    if language is None or not tree_pages:
        return None
    try:
        script, _ = playground_bundle.page_script(options.node_modules)
    except BundleError as error:
        raise EditionError(str(error)) from None
    assets = f"../{options.shared_assets}assets/"
    repo = options.repo_url.rstrip("/")
    trees_in_repo = in_project(options.trees_dir, options.project_dir)
    edit_url = f"{repo}/{(options.edit_uri or 'edit/main/').strip('/')}/{trees_in_repo}/"
    trees = [playground_page.PlaygroundTree(page.slug, str(json.loads(page.json_text).get("title", page.slug)))
             for page in tree_pages]
    return playground_page.playground_markdown(
        language=options.language, translation_language=language, trees=trees,
        script=f"{assets}playground/{script}", assets=assets, edit_url=edit_url if repo else "")


def _filled_nav(nav: list[Any] | None, tree_pages: list[pages.TreePage], options: EditionOptions) -> list[Any] | None:
    """The navigation with each procedure (and its guide) in the section of its audience.

    The sections are filled from the trees themselves (by ``audience``) rather than listed in the
    configuration, so that adding a procedure is adding one YAML file.
    """
    if nav is None:
        return None  # no explicit nav: the generator lists every page by itself
    filled = copy.deepcopy(nav)
    listed = set(nav_paths(filled))
    for page in tree_pages:
        title = options.nav_sections.get(page.audience)
        section = _find_section(filled, title) if title else None
        if section is None:
            continue
        entries = [page.page_path]
        if (options.docs_dir / options.guides / f"{page.slug}.md").is_file():
            entries.append(f"{options.guides}/{page.slug}.md")
        section.extend(entry for entry in entries if entry not in listed)
    return filled


def _missing_sections(plan: EditionPlan) -> list[str]:
    """A warning for each procedure whose audience has no navigation section (it is in no menu)."""
    if plan.nav is None:
        return []
    listed = set(nav_paths(plan.nav))
    return [f"The navigation has no section {plan.options.nav_sections.get(page.audience)!r} for {page.slug} "
            f"(audience {page.audience!r})" for page in plan.tree_pages if page.page_path not in listed]


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


def write_shared_assets(site_dir: Path, trees_dir: Path, node_modules: Path, slugs: list[str],
                        project: Project | None = None) -> None:
    """The browser wizard's files (Pyodide, engine, scripts) and the playground's, once, at the site's root.

    ``project``: the trees' project, if it was read already. Raises ``EditionError`` when ``node_modules``
    lacks a package.
    """
    try:
        write_bundle(site_dir, node_modules)
        language = playground_language(trees_dir, project if project is not None else Project.find(trees_dir))
        if language is not None and slugs:
            trees = {slug: [trees_dir / f"{slug}.yaml", trees_dir / f"{slug}.{language}.yaml"] for slug in slugs}
            playground_bundle.write_playground(site_dir, node_modules, trees, language)
    except BundleError as error:
        raise EditionError(str(error)) from None


def finish_site(site_dir: Path, node_modules: Path, *, offline: bool) -> None:
    """After every edition is built: the search index of them all, then the offline worker and cache rules.

    Last, once every file (the index too) is written: the worker lists every file of the whole site, and the
    editions' own hashed files (the theme's bundle and styles under ``<code>/assets/``) get the same cache rules
    as the main edition's; the worker itself is always revalidated, so that browsers see each new build.
    Raises ``EditionError`` when the search index cannot be made.
    """
    try:
        index_site(site_dir, node_modules, exclude=SEARCH_EXCLUDE)
    except SearchIndexError as error:
        raise EditionError(str(error)) from None
    write_service_worker(site_dir, offline=offline)
    (site_dir / "_headers").write_text(headers_file(site_dir, revalidated=("/" + WORKER_NAME,)), encoding="utf-8")
