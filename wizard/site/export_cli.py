"""``wizard pages --config``: the whole site for another generator, and the site put together after it.

The two steps around a generator that is not MkDocs (``make build-zensical`` runs them around Zensical):
``export_command`` writes every edition's docs and flat configuration (``wizard.site.export``); the generator
builds each ``<out>/<code>/site``; ``finish_command`` puts the editions together and adds what the MkDocs
plugin adds after its build (``wizard.site.edition``: the wizard's files, the search index, the offline worker).
Problems are reported as ``wizard: message`` lines, never as a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from wizard.site.config_file import ConfigFileError, read_config
from wizard.site.edition import EditionError, finish_site, write_shared_assets
from wizard.site.export import combine_editions, edition_options, export_site


def export_command(config_file: Path, out_dir: Path, *, strict: bool) -> int:
    """Write every edition under ``out_dir``; 1 on an error (or a warning with ``strict``), else 0."""
    try:
        exported = export_site(config_file, out_dir)
    except (EditionError, ConfigFileError) as error:
        print(f"wizard: {error}", file=sys.stderr)
        return 1
    warnings = [message for edition in exported for message in edition.plan.warnings]
    for message in warnings:
        print(f"wizard: warning: {message}", file=sys.stderr)
    for edition in exported:
        print(f"wrote {edition.config_file.as_posix()}: build it into {edition.site_dir.as_posix()}")
    if strict and warnings:
        print(f"wizard: {len(warnings)} warning(s) in strict mode", file=sys.stderr)
        return 1
    return 0


def finish_command(config_file: Path, out_dir: Path, site_dir: Path) -> int:
    """Put the editions built under ``out_dir`` together in ``site_dir`` and finish it; 1 on an error."""
    try:
        main = edition_options(config_file, read_config(config_file), switch=None, site_url="")
        built = {code: out_dir / code / "site" for code in [main.language, *main.editions]}
        missing = [code for code, folder in built.items() if not (folder / "index.html").is_file()]
        if missing:
            print(f"wizard: {', '.join(str(out_dir / code / 'site') for code in missing)} not built: run the "
                  f"generator on {out_dir}/<language>/mkdocs.yml first (after `wizard pages --config`)",
                  file=sys.stderr)
            return 1
        manifest = json.loads((out_dir / main.language / "site.json").read_text(encoding="utf-8"))
        combine_editions(built.pop(main.language), built, site_dir)
        write_shared_assets(site_dir, main.trees_dir, main.node_modules, list(manifest.get("procedures", [])))
        finish_site(site_dir, main.node_modules, offline=main.offline_worker)
    except (EditionError, ConfigFileError) as error:
        print(f"wizard: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"wizard: {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {site_dir.as_posix()}")
    return 0
