"""The page ``mkdocs serve`` shows in place of a procedure whose tree has errors.

Failing the build while serving would leave MkDocs waiting for a good build, so every page would hang in the
browser and the errors would only be in the terminal. While serving, the plugin puts this page at the
procedure's address instead: every problem with its ``file:line:col``, message and fix, as ``wizard check``
prints them. ``mkdocs build`` never makes it: a tree with errors fails the build there.
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.core.views.markup import esc
from wizard.core.vocabulary import word
from wizard.diagnostics import Diagnostic, sort_diagnostics
from wizard.site.wording import page_words


def problems_markdown(diagnostics: Iterable[Diagnostic], language: str) -> str:
    """A Markdown page listing ``diagnostics`` (HTML-escaped: they quote tree text), in ``language``'s words."""
    words = page_words(language)
    items = "".join(_item(diagnostic, language) for diagnostic in sort_diagnostics(diagnostics))
    # One raw HTML block (no blank line inside), which Markdown passes through as written.
    return (f"# {esc(words['problems_title'])}\n\n"
            f'<div class="wizard-problems" data-tree-problems>'
            f"<p>{esc(words['problems_lead'])}</p><ol>{items}</ol></div>\n")


def _item(diagnostic: Diagnostic, language: str) -> str:
    where = f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}"
    fix_label = esc(word(language, "problems_fix"))
    fix = f"<br>{fix_label} {esc(diagnostic.hint)}" if diagnostic.hint else ""
    # The severity in the page's language (the checker's own words stay in data-severity, for tools).
    line = word(language, "problem_line", severity=esc(word(language, f"severity_{diagnostic.severity}")),
                message=esc(diagnostic.message))
    return (f'<li data-severity="{esc(diagnostic.severity)}" data-line="{diagnostic.line}" '
            f'data-column="{diagnostic.column}"><code>{esc(where)}</code> {line}{fix}</li>')
