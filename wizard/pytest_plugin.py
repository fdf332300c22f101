"""Collects the examples of every tree in a ``trees`` folder as pytest items, one per example.

A failure is reported as the file, the example's name and what differed, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wizard.compiler import CompileResult
from wizard.examples import run_example
from wizard.pipeline import build_file


class ExampleFailed(Exception):
    """An example did not reach what it promised, or its tree did not compile."""


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    """Collect ``trees/*.yaml`` files (a translation is checked with its tree, not on its own)."""
    if file_path.suffix in (".yaml", ".yml") and file_path.parent.name == "trees" and "." not in file_path.stem:
        return TreeFile.from_parent(parent, path=file_path)
    return None


class TreeFile(pytest.File):
    """One tree file: a ``check`` item, then one item per example."""

    def collect(self) -> Iterator[pytest.Item]:
        """The items of this tree."""
        compiled = build_file(self.path)
        yield TreeCheckItem.from_parent(self, name="check", compiled=compiled)
        if compiled.checked is None:
            return
        loaded = compiled.checked.loaded
        data = loaded.data
        if data is None:
            return
        for index, example in enumerate(data.get("examples") or []):
            line, _ = loaded.position(("examples", index))
            yield ExampleItem.from_parent(self, name=example["name"], compiled=compiled, example=example, line=line)


class TreeCheckItem(pytest.Item):
    """Passes when the tree has no checker error."""

    def __init__(self, *, compiled: CompileResult, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.compiled = compiled

    def runtest(self) -> None:
        """Fail with the checker's messages when the tree has errors."""
        if self.compiled.errors:
            raise ExampleFailed("\n".join(d.format() for d in self.compiled.errors))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """The checker's messages, without a traceback."""
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the item is."""
        return self.path, 0, f"{self.path.name}::check"


class ExampleItem(pytest.Item):
    """One example of one tree."""

    def __init__(self, *, compiled: CompileResult, example: dict[str, Any], line: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.compiled = compiled
        self.example = example
        self.line = line

    def runtest(self) -> None:
        """Run the example through the engine."""
        if self.compiled.tree is None:
            raise ExampleFailed("the tree has errors; see its `check` item")
        failure = run_example(self.compiled.tree, self.example)
        if failure is not None:
            raise ExampleFailed(failure)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """File, line, example name and what differed."""
        return f"{self.path}:{self.line}: example \"{self.name}\": {excinfo.value}"

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the example is written."""
        return self.path, self.line - 1, f"{self.path.name}::{self.name}"
