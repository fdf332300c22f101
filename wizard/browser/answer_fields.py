"""The one way tests and benchmarks type an answer into the wizard's form, as a reader would.

Choice and yes/no questions are radios (``#rc-NODE-VALUE``); a checkbox question's boxes are ticked or unticked
to match the keys of the answer (``key,key``, as examples write it); a date is GOV.UK's three fields (``#rc-NODE-day``,
``-month``, ``-year``), typed without leading zeros as people do; a number is one field (``#rc-NODE-answer``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from playwright.sync_api import Page

from wizard.core import kinds
from wizard.core.expr import TYPE_DATE


def fill_answer(page: Page, tree: Mapping[str, Any], question: str, value: str) -> None:
    """Put ``value`` into the form of ``question`` by clicking its radio, ticking its boxes or typing."""
    node = tree["nodes"][question]
    if kinds.has_options(node):
        page.check(f"#rc-{question}-{value}")
    elif kinds.has_boxes(node):
        ticked = {key.strip() for key in value.split(",")}
        for key in kinds.option_keys(node):
            page.set_checked(f"#rc-{question}-{key}", key in ticked)
    elif kinds.answer_type(node) == TYPE_DATE:
        parts = value.split("-")
        year, month, day = parts if len(parts) == 3 else (value, "", "")
        for name, part in (("year", year), ("month", month), ("day", day)):
            page.fill(f"#rc-{question}-{name}", part.lstrip("0") if name != "year" else part)
    else:
        page.fill(f"#rc-{question}-answer", value)
