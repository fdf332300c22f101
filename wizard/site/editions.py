"""The language editions of the site and the switch between them, independent of the site generator.

The main edition (English) sits at the site's root; every other edition in a subfolder named by its language
code (``zh/``), with the same page addresses inside it. So the same page in another edition is that
edition's folder plus the page's own address, and a reader who switches language stays on their page.
"""

from __future__ import annotations

from collections.abc import Mapping

from wizard.core.vocabulary import name_of


def edition_url(site_url: str, code: str) -> str:
    """Where an edition is published: ``<site_url><code>/`` (``site_url`` ends in ``/`` or is empty)."""
    if not site_url:
        return ""
    return (site_url if site_url.endswith("/") else site_url + "/") + f"{code}/"


def switch(main: str, others: Mapping[str, object], site_url: str) -> list[dict[str, str]]:
    """The language switch as seen from the main edition: one entry per edition, main first.

    Each entry has ``name`` (in its own language), ``lang``, ``link`` (the edition's absolute address, for
    ``<link rel="alternate" hreflang>``) and ``path`` (its root relative to the main edition's root).
    """
    entries = [{"name": name_of(main), "lang": main, "link": site_url or "./", "path": ""}]
    for code in others:
        entries.append({"name": name_of(code), "lang": code,
                        "link": edition_url(site_url, code) or f"{code}/", "path": f"{code}/"})
    return entries


def seen_from(entries: list[dict[str, str]], code: str) -> list[dict[str, str]]:
    """The same switch as seen from the edition ``code`` (in the subfolder ``<code>/`` of the main one)."""
    return [{**entry, "path": "" if entry["lang"] == code else "../" + entry["path"]} for entry in entries]
