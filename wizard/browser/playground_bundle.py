"""Write the playground's browser files into a built site: its script, its worker, and the wheels it runs.

Layout in the site (the contract with the playground page, ``wizard.site.playground_page``)::

    assets/playground/playground.<digest>.js        the page's script: CodeMirror 6 and the UI, one file
    assets/playground/playground-worker.js          the worker: Pyodide + the checker (not the readers' worker)
    assets/playground/wheels/recourse_checker-<version>-py3-none-any.whl   wizard.playground and what it imports
    assets/playground/wheels/PyYAML-<version>-py3-none-any.whl            PyYAML's pure-Python code
    assets/playground/published/<slug>.yaml, <slug>.<language>.yaml        the published texts, to start from
    assets/playground/content.json                  the content rules (content.toml and its glossaries)

The page's script is bundled from ``wizard/assets/playground/`` and the pinned CodeMirror packages in
``node_modules`` with esbuild (an npm dev dependency): CodeMirror is ES modules with bare imports, and an import
map would be an inline script, which the site's policy refuses. Nothing here is loaded by procedure pages.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import yaml

import wizard
from wizard.browser.bundle import ASSETS_DIR, BundleError, EngineWheel, pack_wheel, vocabulary_sources
from wizard.core.vocabulary import SOURCE_LANGUAGE
from wizard.project import Project

PLAYGROUND_SOURCES = ASSETS_DIR / "playground"
PLAYGROUND_IN_SITE = Path("assets", "playground")
WORKER_NAME = "playground-worker.js"
ENTRY = "playground.js"
ESBUILD = Path(".bin", "esbuild")
CHECKER_DIST = "recourse_checker"
YAML_DIST = "PyYAML"
# The worker names its wheels through this placeholder, replaced when the bundle is written.
WHEELS_PLACEHOLDER = "__RECOURSE_PLAYGROUND_WHEELS__"
# What the checker may import besides the standard library and itself: PyYAML, shipped as its own wheel.
THIRD_PARTY_ALLOWED = frozenset({"yaml"})
PACKAGE_DIR = Path(wizard.__file__).resolve().parent


def _imports(path: Path, module: str) -> set[str]:
    """The absolute names of the modules a source file imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.add(base)
            # `from wizard import graph` imports the module wizard.graph.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _module_file(module: str) -> Path | None:
    parts = module.split(".")[1:]
    if not parts:
        return PACKAGE_DIR / "__init__.py"
    relative = Path(*parts)
    for candidate in (PACKAGE_DIR / relative / "__init__.py", PACKAGE_DIR / relative.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def checker_modules(entry: str = "wizard.playground") -> dict[str, Path]:
    """Every module of the ``wizard`` package that ``entry`` needs, by name, found by reading the imports.

    Raises ``BundleError`` when one of them imports a package that is neither the standard library nor PyYAML:
    the playground could not start in the browser.
    """
    found: dict[str, Path] = {}
    waiting = ["wizard", entry]
    while waiting:
        module = waiting.pop()
        if module in found:
            continue
        path = _module_file(module)
        if path is None:
            continue  # a name imported from a module (`from wizard.loader import load_tree`), not a module
        found[module] = path
        for name in _imports(path, module):
            top = name.split(".")[0]
            if top == "wizard":
                waiting.append(name)
            elif top not in sys.stdlib_module_names and top not in THIRD_PARTY_ALLOWED and top != "__future__":
                raise BundleError(f"{path.relative_to(PACKAGE_DIR.parent)} imports `{top}`, which the playground "
                                  "cannot load in the browser (only the standard library and PyYAML are shipped).")
    return found


def build_checker_wheel() -> EngineWheel:
    """``wizard.playground`` and every module it needs, as a pure-Python wheel."""
    modules = checker_modules()
    sources = {path.relative_to(PACKAGE_DIR.parent).as_posix(): path.read_bytes()
               for _, path in sorted(modules.items())}
    if "wizard.core.vocabulary" in modules:
        sources |= vocabulary_sources()
    return pack_wheel(CHECKER_DIST, wizard.__version__, sources,
                      "The Recourse loader, checker and compiler, for the site's playground.")


def build_yaml_wheel() -> EngineWheel:
    """PyYAML's pure-Python modules (without the compiled ``_yaml`` extension, which Pyodide cannot load)."""
    folder = Path(yaml.__file__).resolve().parent
    sources = {f"yaml/{path.name}": path.read_bytes() for path in sorted(folder.glob("*.py"))}
    return pack_wheel(YAML_DIST, yaml.__version__, sources, "PyYAML's pure-Python code, for the site's playground.")


def content_files(trees_dir: Path, languages: list[str]) -> dict[str, str]:
    """The content rules the checker reads, relative to their ``content.toml``: the file and its glossaries."""
    project = Project.find(trees_dir)
    if project.config_file is None or project.root is None:
        return {}
    files = {project.config_file.name: project.config_file.read_text(encoding="utf-8")}
    for language in [SOURCE_LANGUAGE, *languages]:
        style = project.style(language)
        if style is None:
            continue  # a language without rules of its own has no glossary to check against
        glossary = project.root / style.glossary_file
        if glossary.is_file():
            files[Path(style.glossary_file).as_posix()] = glossary.read_text(encoding="utf-8")
    return files


@functools.lru_cache(maxsize=4)
def _bundled(node_modules: str, sources_key: str) -> bytes:
    del sources_key  # part of the cache key only: an edited source is bundled again
    esbuild = Path(node_modules) / ESBUILD
    if not esbuild.is_file():
        raise BundleError(f"{esbuild} is missing. Run `npm ci` in the repository root to install esbuild.")
    done = subprocess.run(
        [str(esbuild), str(PLAYGROUND_SOURCES / ENTRY), "--bundle", "--format=iife", "--minify",
         "--target=es2020", "--charset=utf8", "--loader:.css=text", "--legal-comments=none"],
        capture_output=True, cwd=Path(node_modules).parent, timeout=120, check=False,
    )
    if done.returncode != 0:
        raise BundleError(f"esbuild could not bundle the playground:\n{done.stderr.decode('utf-8', 'replace')}")
    return done.stdout


def page_script(node_modules: Path) -> tuple[str, bytes]:
    """The page's bundled script: its file name (with a digest of its bytes) and its bytes."""
    key = "|".join(f"{p.name}:{p.stat().st_mtime_ns}" for p in sorted(PLAYGROUND_SOURCES.iterdir()))
    data = _bundled(str(node_modules.resolve()), key)
    return f"playground.{hashlib.sha256(data).hexdigest()[:16]}.js", data


def worker_source(wheels: list[EngineWheel]) -> str:
    """``playground-worker.js`` with the wheels' addresses (relative to the worker) filled in."""
    text = (PLAYGROUND_SOURCES / WORKER_NAME).read_text(encoding="utf-8")
    if WHEELS_PLACEHOLDER not in text:
        raise BundleError(f"{PLAYGROUND_SOURCES / WORKER_NAME} does not contain {WHEELS_PLACEHOLDER}.")
    urls = [f"wheels/{wheel.name}?v={wheel.digest}" for wheel in wheels]
    return text.replace(WHEELS_PLACEHOLDER, json.dumps(urls))


def write_playground(site_dir: Path, node_modules: Path, trees: dict[str, list[Path]], language: str) -> None:
    """Write the playground's files into ``site_dir``; ``trees`` maps each slug to its tree and translation."""
    target = site_dir / PLAYGROUND_IN_SITE
    wheels_dir = target / "wheels"
    published = target / "published"
    for folder in (wheels_dir, published):
        folder.mkdir(parents=True, exist_ok=True)
    wheels = [build_checker_wheel(), build_yaml_wheel()]
    for old in wheels_dir.glob("*.whl"):
        if old.name not in {wheel.name for wheel in wheels}:
            old.unlink()
    for wheel in wheels:
        (wheels_dir / wheel.name).write_bytes(wheel.data)
    (target / WORKER_NAME).write_text(worker_source(wheels), encoding="utf-8")
    name, script = page_script(node_modules)
    for old in target.glob("playground.*.js"):
        if old.name != name:
            old.unlink()
    (target / name).write_bytes(script)
    for files in trees.values():
        for path in files:
            (published / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    first = next(iter(trees.values()), [])
    rules = content_files(first[0].parent, [language]) if first else {}
    (target / "content.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
