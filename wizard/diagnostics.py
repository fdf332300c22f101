"""Problems found in a tree file, and the ways they are printed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from wizard.escaping import for_terminal, for_workflow_command

ERROR = "error"
WARNING = "warning"
# A file with 95,000 unknown keys must not print 18 MB: of each kind of problem (the same message with other
# names or numbers in it), a file shows this many, then one line that counts the rest.
MAX_REPEATS = 20
# What varies between problems of one kind: `names`, "quoted texts" and numbers.
_VARYING = re.compile(r"`[^`]*`|\"[^\"]*\"|\d[\d,.]*")


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file: where it is, how bad it is, what is wrong and how to fix it.

    Lines and columns count from 1, as editors show them.
    """

    file: str
    line: int
    column: int
    severity: str
    message: str
    hint: str | None = None
    count: int = 1  # how many problems this line stands for (more than one on the line that counts the rest)

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == ERROR

    def format(self) -> str:
        """The GNU-style line: ``FILE:LINE:COL: error: MESSAGE (HINT)``."""
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.hint:
            text += f" {self.hint}"
        # Messages quote tree text (an unknown key, a refused character): it must not act on the terminal.
        return for_terminal(text, one_line=True)

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request's line."""
        message = for_workflow_command(self.message + (f" {self.hint}" if self.hint else ""))
        level = "error" if self.is_error else "warning"
        file = for_workflow_command(self.file, property_value=True)
        return f"::{level} file={file},line={self.line},col={self.column}::{message}"

    def as_warning_error(self) -> Diagnostic:
        """The same problem as an error (``--strict`` turns warnings into errors)."""
        return replace(self, severity=ERROR)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any of the diagnostics is an error."""
    return any(d.is_error for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in file order, so an editor can fix them top to bottom."""
    return sorted(diagnostics, key=lambda d: (d.file, d.line, d.column, d.severity, d.message))


def kind_of(diagnostic: Diagnostic) -> tuple[str, str, str]:
    """What makes problems "of one kind": the file, the severity and the message without its names and numbers."""
    return diagnostic.file, diagnostic.severity, _VARYING.sub(_placeholder, diagnostic.message)


def _placeholder(match: re.Match[str]) -> str:
    text = match.group(0)
    return "`…`" if text.startswith("`") else '"…"' if text.startswith('"') else "…"


def cap_repeats(diagnostics: Iterable[Diagnostic], limit: int = MAX_REPEATS) -> list[Diagnostic]:
    """The diagnostics in file order with at most ``limit`` of each kind; the others of a kind become one line,
    at the first one left out, that says how many there are (its ``count``)."""
    kept: list[Diagnostic] = []
    shown: dict[tuple[str, str, str], int] = {}
    rest: dict[tuple[str, str, str], tuple[Diagnostic, int]] = {}
    for diagnostic in sort_diagnostics(diagnostics):
        kind = kind_of(diagnostic)
        if shown.get(kind, 0) < limit:
            shown[kind] = shown.get(kind, 0) + 1
            kept.append(diagnostic)
            continue
        first, count = rest.get(kind, (diagnostic, 0))
        rest[kind] = (first, count + diagnostic.count)
    for (_, severity, template), (first, count) in rest.items():
        noun = "errors" if severity == ERROR else "warnings"
        kept.append(replace(first, message=f"and {count:,} more {noun} like this: {template}",
                            hint=f"Only the first {limit} of each kind are shown; fix those and check again.",
                            count=count))
    return sort_diagnostics(kept)
