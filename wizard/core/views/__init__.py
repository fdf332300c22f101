"""The reader's screen as HTML: one renderer for the site build and the browser's worker (standard library only).

``question_form`` is the question's form, which the build writes into the page for the first question;
``render_view`` is the whole wizard body for a result of ``wizard.core.engine.step`` (a question with its
progress and answers so far, the outcome with "why", or the error), which the worker sends to the page with
``page_step``, the little of the result the page reads itself. Every
text inserted is escaped here (``markup``); only the ``*_html`` fields the site rendered from Markdown go in as
they are.
"""

from __future__ import annotations

from wizard.core.views.page import page_step, render_view
from wizard.core.views.question import question_form

__all__ = ["page_step", "question_form", "render_view"]
