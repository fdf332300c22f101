"""Write the browser wizard into a built site: Pyodide, the engine as a wheel, and the wizard's scripts.

Layout in the site (the contract with the site plugin)::

    assets/pyodide/   pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip, pyodide-lock.json
    assets/wizard/    start.js, prerendered.js, wizard.js and its ES modules (wizard-*.js), wizard.css, worker.js,
                      search.js (the site search box) and its ES modules (search-*.js),
                      offline.js (registers /sw.js: wizard.browser.offline)
    assets/wizard/engine/recourse_engine-<version>-py3-none-any.whl

The engine ships as one pure-Python wheel rather than loose files: the worker fetches one file instead of one
per module, the wheel names its own version, and it is a standard archive that Pyodide unpacks offline
(``pyodide.unpackArchive(buffer, "wheel")``) and any Python tool can inspect. It is built here with the
standard library's ``zipfile``, byte for byte the same for the same sources, so a rebuild does not change it.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import wizard
from wizard import caching
from wizard.core import vocabulary

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
CORE_DIR = Path(__file__).resolve().parent.parent / "core"

# Only what `loadPyodide` fetches for the bare interpreter: the loader, the Emscripten module, the wasm
# binary, the standard library and the lock file (read at start-up). The ES-module loader is used because
# the worker is a module worker; no extra packages (numpy, micropip...) are shipped.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
PYODIDE_VERSION = "314.0.7"
# wizard.js and search.js are ES modules; they and worker.js import these, from the same folder.
WIZARD_MODULES = ("wizard-actions.js", "wizard-ahead.js", "wizard-dom.js", "wizard-engine.js", "wizard-events.js",
                  "wizard-form.js", "wizard-place.js", "wizard-recent.js", "wizard-steps.js", "wizard-view.js",
                  "snapshot-pages.js", "search-hanzi.js", "search-intent.js", "search-profile.js", "search-rank.js",
                  "search-results.js", "search-terms.js")
WIZARD_FILES = ("start.js", "prerendered.js", "wizard.js", *WIZARD_MODULES, "wizard.css", "worker.js", "search.js",
                "offline.js")
# A static import of a module of the same folder: `from "./name.js"`.
_MODULE_IMPORT = re.compile(r'(\bfrom\s+"\./)([\w.-]+\.js)(")')

PYODIDE_IN_SITE = Path("assets", "pyodide")
WIZARD_IN_SITE = Path("assets", "wizard")
ENGINE_IN_SITE = WIZARD_IN_SITE / "engine"

DIST_NAME = "recourse_engine"
# worker.js names the wheel through this placeholder, replaced when the bundle is written.
ENGINE_PLACEHOLDER = "__RECOURSE_ENGINE_WHEEL__"

# A fixed timestamp so that the same sources always give the same wheel (the zip format starts in 1980).
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_INIT_SOURCE = (
    '"""Recourse\'s engine as shipped to the browser: only ``wizard.core`` (standard library only)."""\n\n'
    f'__version__ = "{wizard.__version__}"\n'
)


class BundleError(RuntimeError):
    """The bundle cannot be written (most often: ``npm ci`` has not been run)."""


@dataclass(frozen=True)
class EngineWheel:
    """The engine packed as a wheel: its file name, its bytes and a short digest for cache busting."""

    name: str
    data: bytes

    @property
    def digest(self) -> str:
        """The first 16 hex digits of the wheel's SHA-256."""
        return hashlib.sha256(self.data).hexdigest()[:16]

    @property
    def url(self) -> str:
        """The wheel's address relative to ``worker.js``; the query changes whenever the engine does."""
        return f"engine/{self.name}?v={self.digest}"


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"sha256={digest}"


def engine_sources(core_dir: Path = CORE_DIR) -> dict[str, bytes]:
    """The engine's files as they go into the wheel: ``wizard/__init__.py``, every ``.py`` under ``wizard/core``
    (its packages too, such as the renderer ``wizard/core/views``) and the vocabulary of every declared language
    (``wizard/core/languages/<code>.toml``, read by the engine at run time).
    """
    modules = sorted(core_dir.rglob("*.py"))
    if not any(path.name == "engine.py" for path in modules):
        raise BundleError(f"{core_dir} holds no engine.py: the engine cannot be bundled.")
    files = {"wizard/__init__.py": _INIT_SOURCE.encode("utf-8")}
    for path in modules:
        files[f"wizard/core/{path.relative_to(core_dir).as_posix()}"] = path.read_bytes()
    return files | vocabulary_sources()


def vocabulary_sources() -> dict[str, bytes]:
    """Every declared language's vocabulary as a wheel holds it (``wizard/core/languages/<code>.toml``).

    The engine reads them at run time, so any wheel with ``wizard.core.vocabulary`` must carry them.
    """
    return {f"wizard/core/languages/{name}": data for name, data in vocabulary.vocabulary_files().items()}


def build_engine_wheel(core_dir: Path = CORE_DIR) -> EngineWheel:
    """Pack the engine into a pure-Python wheel (PEP 427), deterministically."""
    return pack_wheel(DIST_NAME, wizard.__version__, engine_sources(core_dir),
                      "The Recourse decision-tree engine (wizard.core), standard library only.")


def pack_wheel(dist: str, version: str, sources: dict[str, bytes], summary: str) -> EngineWheel:
    """Pack ``sources`` (path in the wheel -> bytes) into a pure-Python wheel (PEP 427), deterministically.

    Shared with the playground's wheels (``wizard.browser.playground_bundle``).
    """
    dist_info = f"{dist}-{version}.dist-info"
    files = dict(sources)
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\nSummary: {summary}\nRequires-Python: >=3.11\n"
    ).encode()
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: wizard.browser.bundle\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files.items())
    files[f"{dist_info}/RECORD"] = (record + f"{dist_info}/RECORD,,\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return EngineWheel(f"{dist}-{version}-py3-none-any.whl", buffer.getvalue())


def pyodide_dir(node_modules: Path) -> Path:
    """The installed npm package ``pyodide``, checked to hold every file the wizard needs."""
    package = node_modules / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (package / name).is_file()]
    if missing:
        raise BundleError(
            f"Pyodide is not installed in {package} (missing: {', '.join(missing)}). "
            "Run `npm ci` in the repository root to install the pinned front-end packages."
        )
    try:
        version = json.loads((package / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        version = None
    if version != PYODIDE_VERSION:
        raise BundleError(
            f"{package} holds Pyodide {version or '(unknown version)'}, but the wizard is built for "
            f"{PYODIDE_VERSION}. Run `npm ci` to install the version in package-lock.json."
        )
    return package


def _copy_if_changed(source: Path, target: Path) -> None:
    # `mkdocs serve` rebuilds on every save; skipping the unchanged 12 MB of Pyodide keeps that quick.
    if target.is_file():
        a, b = source.stat(), target.stat()
        if a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime):
            return
    shutil.copy2(source, target)


# The wizard's files as they stand: every name with its size and time of change. The texts, digests and module
# graph below are remembered for one such state (every tree page of a build asks for the same digests), and
# worked out again as soon as a file changes (a development server runs for hours while the scripts are edited).
_State = tuple[tuple[str, int, int], ...]


def _assets_state() -> _State:
    return tuple((entry.name, stat.st_size, stat.st_mtime_ns)
                 for entry in sorted(ASSETS_DIR.iterdir()) if entry.is_file() for stat in (entry.stat(),))


def asset_text(name: str) -> str:
    """A script of the wizard as the site serves it: each import of a module names the module's digest.

    Browsers may keep a file asked for with ``?v=`` a year (``wizard.caching``); an import without it would
    let a kept ``wizard.js`` run with a newer or older module. A module's digest covers its own imports, so a
    change anywhere below a file changes the file's link too.
    """
    return _asset_text(name, _assets_state())


def asset_digest(name: str) -> str:
    """The first 16 hex digits of the SHA-256 of one of the wizard's files, for its ``?v=`` cache-busting link."""
    return _asset_digest(name, _assets_state())


def module_graph(entry: str) -> tuple[tuple[str, str], ...]:
    """``entry`` and every module of the wizard's folder it imports, directly or not, in the order first met,
    each with its digest (as ``asset_digest`` gives it)."""
    state = _assets_state()  # once for the whole graph: a tree page of a build asks for it
    return tuple((name, _asset_digest(name, state)) for name in _module_graph(entry, state))


@functools.lru_cache(maxsize=64)
def _asset_text(name: str, state: _State) -> str:
    text = (ASSETS_DIR / name).read_text(encoding="utf-8")
    return _MODULE_IMPORT.sub(lambda found: f"{found[1]}{found[2]}?v={_asset_digest(found[2], state)}{found[3]}",
                              text)


@functools.lru_cache(maxsize=64)
def _asset_digest(name: str, state: _State) -> str:
    data = _asset_text(name, state).encode("utf-8") if name.endswith(".js") else (ASSETS_DIR / name).read_bytes()
    return hashlib.sha256(data).hexdigest()[:16]


@functools.lru_cache(maxsize=8)
def _module_graph(entry: str, state: _State) -> tuple[str, ...]:
    found = [entry]
    for name in found:  # grows while it is read: a breadth-first walk of the static imports
        for imported in _MODULE_IMPORT.findall((ASSETS_DIR / name).read_text(encoding="utf-8")):
            if imported[1] not in found:
                found.append(imported[1])
    return tuple(found)


def versioned_url(path_in_site: Path) -> str:
    """A wizard file's link with its digest (``assets/wizard/wizard.js?v=...``): the server may cache it a year."""
    return f"{path_in_site.as_posix()}?v={asset_digest(path_in_site.name)}"


def worker_source(wheel: EngineWheel) -> str:
    """``worker.js`` with the engine wheel's address filled in."""
    text = asset_text("worker.js")
    if ENGINE_PLACEHOLDER not in text:
        raise BundleError(f"{ASSETS_DIR / 'worker.js'} does not contain {ENGINE_PLACEHOLDER}.")
    return text.replace(ENGINE_PLACEHOLDER, wheel.url)


def write_bundle(site_dir: Path, node_modules: Path) -> None:
    """Write Pyodide, the engine wheel and the wizard's scripts into ``site_dir/assets``.

    Raises ``BundleError`` naming ``npm ci`` when ``node_modules/pyodide`` is missing or another version.
    """
    package = pyodide_dir(node_modules)
    missing = [name for name in WIZARD_FILES if not (ASSETS_DIR / name).is_file()]
    if missing:
        raise BundleError(f"The wizard's own files are missing from {ASSETS_DIR}: {', '.join(missing)}.")
    pyodide_target = site_dir / PYODIDE_IN_SITE
    pyodide_target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        _copy_if_changed(package / name, pyodide_target / name)
    wheel = build_engine_wheel()
    engine_target = site_dir / ENGINE_IN_SITE
    engine_target.mkdir(parents=True, exist_ok=True)
    for old in engine_target.glob(f"{DIST_NAME}-*.whl"):
        if old.name != wheel.name:
            old.unlink()
    (engine_target / wheel.name).write_bytes(wheel.data)
    wizard_target = site_dir / WIZARD_IN_SITE
    for name in WIZARD_FILES:
        if name == "worker.js":
            (wizard_target / name).write_text(worker_source(wheel), encoding="utf-8")
        elif name.endswith(".js"):
            (wizard_target / name).write_text(asset_text(name), encoding="utf-8")
        else:
            shutil.copyfile(ASSETS_DIR / name, wizard_target / name)
    # The same cache policy as wizard.serve, for static hosts that read a `_headers` file (Netlify, Cloudflare).
    (site_dir / "_headers").write_text(caching.headers_file(site_dir), encoding="utf-8")
