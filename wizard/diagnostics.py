"""Problems found in a tree file, and the ways they are printed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wizard.escaping import for_terminal, for_workflow_command

ERROR = "error"
WARNING = "warning"


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
        return Diagnostic(self.file, self.line, self.column, ERROR, self.message, self.hint)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any of the diagnostics is an error."""
    return any(d.is_error for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in file order, so an editor can fix them top to bottom."""
    return sorted(diagnostics, key=lambda d: (d.file, d.line, d.column, d.severity, d.message))
