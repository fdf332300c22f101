"""The benchmarks' small sites are written as configured (scripts/bench_adversarial.py shares bench_build's
configuration). A wrong placeholder there only showed at the end of a 20-minute `make bench`; here it fails at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import bench_adversarial


class _Config(yaml.SafeLoader):
    """Reads the configuration's one Python tag (Mermaid's fence format) as its name."""


_Config.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)


def test_the_adversarial_site_builds_with_the_wizard_plugin_alone(tmp_path: Path) -> None:
    for extra in (None, "title: a tree\n"):
        project = bench_adversarial._site(tmp_path / ("with" if extra else "without"), extra)
        config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Config)
        assert config["plugins"] == ["wizard"]
        trees = sorted(path.name for path in (project / "trees").iterdir())
        assert len(trees) == 10 + (extra is not None)
