"""The one way tests and benchmarks type an answer into the wizard's form, as a reader would: the fields, and
what goes in each, are the form's own (``wizard.core.views.question.typed_into_form``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from playwright.sync_api import Page

from wizard.core.views.question import typed_into_form


def fill_answer(page: Page, tree: Mapping[str, Any], question: str, value: str) -> None:
    """Put ``value`` into the form of ``question`` by clicking its radio, ticking its boxes or typing."""
    for field, entry in typed_into_form(question, tree["nodes"][question], value):
        if isinstance(entry, bool):
            page.set_checked(f"#{field}", entry)
        else:
            page.fill(f"#{field}", entry)
