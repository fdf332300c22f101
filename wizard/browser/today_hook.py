"""The one way tests and benchmarks choose the wizard's date: a script a browser runs before each page's own.

The wizard reads the date it treats as today from ``data-wizard-today`` on its mount point (wizard.js,
``readToday``), and from nothing in the page's address: a shared link must not make a closed deadline look
open. A browser driver (Playwright's ``add_init_script``) adds this script to a tab; it sets the attribute as
the page is parsed. The parser runs pending observers before any later script, so the wizard, which starts
from a script after the mount point, reads it.
"""

from __future__ import annotations

import json

_SCRIPT = """(() => {
  const today = %s;
  const apply = () => {
    for (const root of document.querySelectorAll(".rc-wizard")) {
      if (today === null) root.removeAttribute("data-wizard-today");
      else root.setAttribute("data-wizard-today", today);
    }
  };
  new MutationObserver(apply).observe(document, { childList: true, subtree: true });
})();"""


def today_script(today: str | None) -> str:
    """The init script that makes the wizard take ``today`` (``YYYY-MM-DD``) as the date; None: the machine's."""
    return _SCRIPT % json.dumps(today)
