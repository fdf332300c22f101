"""The kitchen-sink fixture tree and its Chinese texts, copied with lines added after their summaries: how the
tests of a tree-level text field (keywords, cues) write a project that declares it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "trees"


def kitchen_sink_with(tmp_path: Path, english: str | None, chinese: str | None) -> Path:
    """The kitchen-sink tree and its Chinese texts in ``tmp_path``, with these lines after the summary (None:
    none); the tree's path."""
    tree = tmp_path / "kitchen-sink.yaml"
    shutil.copy(FIXTURES / "kitchen-sink.yaml", tree)
    for path, line in ((tree, english), (tmp_path / "kitchen-sink.zh.yaml", chinese)):
        text = (FIXTURES / path.name).read_text(encoding="utf-8")
        if line is not None:
            # After the summary: a plain line in the tree, an `en:`/`zh:` entry (indented lines) in the translation.
            text = re.sub(r"^(summary:.*\n(?:  .*\n)*)", r"\g<1>" + line.replace("\\", "\\\\"), text, count=1,
                          flags=re.M)
        path.write_text(text, encoding="utf-8")
    return tree
