"""A site configuration file in MkDocs' format, read without MkDocs and written back flat.

``mkdocs.yml`` is the one place the site's settings are written; ``wizard pages`` reads it here to give other
generators (Zensical) a configuration of their own. Two of MkDocs' YAML tags are understood: ``!ENV [NAME,
default]`` is read from the environment now, and ``!!python/name:module.attr`` (the Mermaid fence's format) is
kept as it is, since generators that take MkDocs' format take that tag too.

``INHERIT`` is resolved here the way MkDocs does it (mappings merged key by key, everything else, lists too,
replaced by the inheriting file), and the result is written without it: Zensical appends inherited lists
instead, which doubled the navigation and the palette toggles of the Chinese edition.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class ConfigFileError(ValueError):
    """A configuration file that cannot be read (missing, not YAML, not a mapping)."""


@dataclass(frozen=True)
class PythonName:
    """The value of a ``!!python/name:`` tag, kept as its dotted name."""

    name: str


class _Loader(yaml.SafeLoader):
    """YAML with MkDocs' two tags."""


class _Dumper(yaml.SafeDumper):
    """YAML that writes ``PythonName`` back as its tag."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, ..., default]``: the first variable that is set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = values[:-1], values[-1] if len(values) > 1 else None
    for name in names:
        if str(name) in os.environ:
            # MkDocs reads an environment value as YAML too (so `false` is a boolean).
            return yaml.safe_load(os.environ[str(name)])
    return default


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonName:
    return PythonName(suffix)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_Dumper.add_representer(PythonName, lambda dumper, value: dumper.represent_scalar(
    f"tag:yaml.org,2002:python/name:{value.name}", ""))


def merged(base: Any, override: Any) -> Any:
    """MkDocs' ``INHERIT``: mappings merged key by key, any other value of ``override`` replacing ``base``'s."""
    if isinstance(base, dict) and isinstance(override, dict):
        result = dict(base)
        for key, value in override.items():
            result[key] = merged(base[key], value) if key in base else value
        return result
    return override


def read_config(path: Path) -> dict[str, Any]:
    """The configuration in ``path`` with its ``INHERIT`` chain resolved (no ``INHERIT`` key is left)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # _Loader is a SafeLoader
    except OSError as error:
        raise ConfigFileError(f"{path}: cannot be read ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise ConfigFileError(f"{path}: is not valid YAML ({error})") from None
    if not isinstance(data, dict):
        raise ConfigFileError(f"{path}: holds no settings (a YAML mapping was expected)")
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data
    return dict(merged(read_config(path.parent / str(parent)), data))


def dump_config(config: dict[str, Any]) -> str:
    """The configuration as YAML (keys in their order, non-ASCII text as it is)."""
    return yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
