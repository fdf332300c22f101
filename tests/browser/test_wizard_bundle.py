"""wizard.browser.bundle: exactly the Pyodide files needed, the engine wheel, the scripts, and clear errors."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from wizard.browser import bundle

from .wizard_driver import REPO

NODE_MODULES = REPO / "node_modules"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (NODE_MODULES / "pyodide" / "pyodide.asm.wasm").is_file():
        pytest.fail("node_modules/pyodide is missing: run `npm ci`", pytrace=False)
    site = tmp_path_factory.mktemp("bundle") / "site"
    bundle.write_bundle(site, NODE_MODULES)
    return site


def test_only_the_pyodide_files_that_are_loaded(written: Path) -> None:
    folder = written / "assets" / "pyodide"
    assert sorted(p.name for p in folder.iterdir()) == sorted(bundle.PYODIDE_FILES)
    for name in bundle.PYODIDE_FILES:
        assert (folder / name).read_bytes() == (NODE_MODULES / "pyodide" / name).read_bytes(), name


def test_the_scripts_and_the_engine_wheel(written: Path) -> None:
    folder = written / "assets" / "wizard"
    assert (folder / "wizard.css").read_bytes() == (bundle.ASSETS_DIR / "wizard.css").read_bytes()
    # The scripts as written, but for their imports, which name each module's digest (issue 20: ES modules).
    for name in ("wizard.js", *bundle.WIZARD_MODULES):
        source = (bundle.ASSETS_DIR / name).read_text(encoding="utf-8")
        assert re.sub(r'\?v=[0-9a-f]{16}"', '"', (folder / name).read_text(encoding="utf-8")) == source
    worker = (folder / "worker.js").read_text(encoding="utf-8")
    assert bundle.ENGINE_PLACEHOLDER not in worker
    match = re.search(r'new URL\("(engine/[^"?]+\.whl)\?v=([0-9a-f]{16})"', worker)
    assert match, "worker.js names the wheel, with a digest of its contents"
    wheel = folder / match.group(1)
    assert wheel.is_file()
    assert bundle.build_engine_wheel().data == wheel.read_bytes()
    assert bundle.build_engine_wheel().digest == match.group(2)


def test_every_import_names_the_digest_of_the_module_it_gets(written: Path) -> None:
    # A file kept a year (its link has a ?v= digest) must never run with another version of a module it imports.
    folder = written / "assets" / "wizard"
    imports = 0
    for path in sorted(folder.glob("*.js")):
        for name, digest in re.findall(r'from "\./([\w.-]+\.js)\?v=([0-9a-f]{16})"', path.read_text(encoding="utf-8")):
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest()[:16] == digest, (path.name, name)
            imports += 1
        assert 'from "./' not in re.sub(r'from "\./[\w.-]+\.js\?v=[0-9a-f]{16}"', "", path.read_text(encoding="utf-8"))
    assert imports >= 10


def test_writing_again_replaces_an_old_wheel(written: Path) -> None:
    engine = written / "assets" / "wizard" / "engine"
    stale = engine / f"{bundle.DIST_NAME}-0.0.1-py3-none-any.whl"
    stale.write_bytes(b"old")
    bundle.write_bundle(written, NODE_MODULES)
    assert [p.name for p in engine.iterdir()] == [bundle.build_engine_wheel().name]


def test_missing_pyodide_names_npm_ci(tmp_path: Path) -> None:
    with pytest.raises(bundle.BundleError, match="npm ci"):
        bundle.write_bundle(tmp_path / "site", tmp_path / "node_modules")
    assert not (tmp_path / "site").exists(), "nothing is written when Pyodide is missing"


def test_another_pyodide_version_names_npm_ci(tmp_path: Path) -> None:
    package = tmp_path / "node_modules" / "pyodide"
    package.mkdir(parents=True)
    for name in bundle.PYODIDE_FILES:
        (package / name).write_bytes(b"")  # every file is there: only the version is wrong
    (package / "package.json").write_text(json.dumps({"name": "pyodide", "version": "0.26.0"}), encoding="utf-8")
    with pytest.raises(bundle.BundleError, match=r"0\.26\.0.*npm ci"):
        bundle.write_bundle(tmp_path / "site", tmp_path / "node_modules")


def test_digests_follow_an_edit_to_a_module_however_deep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The digests are remembered between pages of a build; a development server must still see an edit at once,
    # in the edited module's link and in the link of every module above it.
    assets = tmp_path / "assets"
    assets.mkdir()
    for path in bundle.ASSETS_DIR.iterdir():
        if path.is_file():
            (assets / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(bundle, "ASSETS_DIR", assets)
    before = dict(bundle.module_graph("wizard.js"))
    deepest = list(before)[-1]
    with (assets / deepest).open("a", encoding="utf-8") as module:
        module.write("// edited\n")
    after = dict(bundle.module_graph("wizard.js"))
    assert after[deepest] != before[deepest]
    assert after["wizard.js"] != before["wizard.js"]
    assert bundle.asset_digest("wizard.js") == after["wizard.js"]
    assert f"{deepest}?v={after[deepest]}" in "".join(bundle.asset_text(name) for name in after)
